import { SyncedMinutesCorrection } from '../../../shared/minutes/record';
import type { Db } from '../db/database';
import type { LocalHooks } from '../sync/localRecord';

/**
 * Writes a correction with its sync id (migration 0014) in the caller's transaction: every
 * correction, made here or received, gets its id in the same commit, so none is ever without one.
 */
export function insertCorrection(db: Db, syncId: string, correction: SyncedMinutesCorrection): number {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO minute_corrections (meeting_id, item_number, text, recorded_by, at) VALUES (?, ?, ?, ?, ?)')
    .run(correction.meetingId, correction.itemNumber, correction.text, correction.recordedBy, correction.at);
  db.prepare('INSERT INTO minute_correction_sync (correction_id, sync_id) VALUES (?, ?)').run(lastInsertRowid, syncId);
  return Number(lastInsertRowid);
}

/**
 * A correction made on another device. Inserted once: a record pulled again is already here by its
 * sync id, and the append-only table is never updated. It waits while the minutes it corrects are
 * not approved on this device (their approval still on its way); the schema would refuse it anyway.
 * It is entered in this device's minutes history too, as made by whoever recorded it, so the audit
 * chain here covers it like a correction made here.
 */
export function receiveCorrection(db: Db, syncId: string, correction: SyncedMinutesCorrection, now: string): 'applied' | 'waiting' {
  if (db.prepare('SELECT 1 FROM minute_correction_sync WHERE sync_id = ?').get(syncId) !== undefined) return 'applied';
  const status = db.prepare<[string], { status: string }>('SELECT status FROM minutes WHERE meeting_id = ?').get(correction.meetingId)?.status;
  if (status !== 'approved' && status !== 'locked') return 'waiting';
  insertCorrection(db, syncId, correction);
  db.prepare("INSERT INTO minutes_history (meeting_id, actor_member_id, at, op, change) VALUES (?, ?, ?, 'correct', ?)").run(
    correction.meetingId,
    correction.recordedBy,
    correction.at,
    JSON.stringify({ itemNumber: correction.itemNumber, text: correction.text, syncId, receivedAt: now }),
  );
  return 'applied';
}

/** A pulled correction: inserted once by its sync id, never updated, and a tombstone is ignored. */
export const syncedCorrection: LocalHooks = {
  insertOnce: (id, data, { db, now, ensureMember }) => {
    const parsed = SyncedMinutesCorrection.safeParse(data);
    if (!parsed.success) throw new Error(`A minute correction this device cannot read: ${parsed.error.message}`);
    ensureMember(parsed.data.recordedBy);
    return receiveCorrection(db, id, parsed.data, now);
  },
};
