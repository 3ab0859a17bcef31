import type pg from 'pg';
import { syncRegister } from '../shared/sync/register';
import type { MeetingFacts } from './meetingFacts';
import { lockItemRecords, writeRecord } from './records';

/** Every entity that belongs to an agenda item, so follows that item into (or out of) Part II. */
const itemScoped = syncRegister.flatMap((d) => (d.itemField ? [{ entity: d.wire, itemField: d.itemField }] : []));

/**
 * The chair took an item into private session, or brought it back: every record already on that
 * item is written again with the item's restriction. Writing it is what narrows the audience:
 * compaction (records.ts) sends a tombstone to those who may no longer see it (an officer) and the
 * record itself to those who still may, so nobody keeps Part II text pulled while the item was open.
 */
export async function followItemRestriction(client: pg.PoolClient, meetings: MeetingFacts, meetingId: string, itemNumber: string): Promise<void> {
  meetings.forget();
  // From the published agenda or the live one: an item published as Part II stays so.
  const restricted = await meetings.partTwo(client, meetingId, itemNumber);
  for (const { entity, itemField } of itemScoped) {
    for (const record of await lockItemRecords(client, entity, itemField, meetingId, itemNumber, restricted)) {
      await writeRecord(client, record, { ...record, restricted }, 'update');
    }
  }
}
