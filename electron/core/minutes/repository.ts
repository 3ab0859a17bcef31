import type { MeetingRoleName } from '../../../shared/domain/interests';
import { roleOfItemTitle } from '../../../shared/minutes/model';
import { randomUUID } from 'node:crypto';
import type { MinuteNarrative, MinutesHistoryEntry, MinutesRecord, StoredMinutesCorrection, SyncedMinutesCorrection } from '../../../shared/minutes/record';
import type { RichText } from '../../../shared/minutes/richText';
import type { Db } from '../db/database';
import { CoreError } from '../errors';
import type { DomainTransaction, DomainWriter } from '../repositories/domainWriter';
import type { MeetingAccess } from '../meetings/access';
import type { LocalHooks } from '../sync/localRecord';
import * as Y from 'yjs';
import { editNarrative, narrativeDoc, narrativeOf } from './narrativeDoc';
import { insertCorrection } from './corrections';

interface MinutesRow {
  meeting_id: string;
  status: MinutesRecord['status'];
  previous_last_minute: number;
  council_name: string;
  circulated_at: string | null;
  approved_at_meeting_id: string | null;
  approved_at_item: string | null;
  approved_at: string | null;
  locked_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

interface MeetingRow {
  id: string;
  committee: string;
  date: string;
  start_time: string;
}

export interface AgendaLine {
  number: string;
  title: string;
}

/** Who may change minutes: the meeting's chair and its clerk (DESIGN.md: the clerk assembles, the chair reviews). */
const minutesRoles: readonly MeetingRoleName[] = ['chair', 'clerk'];

/**
 * Minutes per meeting: workflow, the clerk's narrative per item, corrections after approval, and
 * the append-only history of all of it. Writes go through the DomainWriter (outbox in the same
 * transaction); migration 0007's triggers refuse what this class refuses, as a second line.
 */
export class MinutesRepository {
  constructor(
    private readonly db: Db,
    private readonly writer: DomainWriter,
    private readonly access: MeetingAccess,
  ) {}

  get(meetingId: string): MinutesRecord | null {
    this.requireMeeting(meetingId);
    const row = this.row(meetingId);
    return row ? this.toRecord(row) : null;
  }

  start(actingMemberId: string, meetingId: string, councilName: string, previousLastMinute?: number): MinutesRecord {
    return this.writer.write((tx) => {
      this.requireMinutesRole(actingMemberId, [meetingId], 'start the minutes');
      if (this.row(meetingId)) throw new CoreError('MINUTES_WORKFLOW', 'The minutes of this meeting are already started');
      const previous = previousLastMinute ?? this.lastMinuteBefore(meetingId);
      this.db
        .prepare('INSERT INTO minutes (meeting_id, status, previous_last_minute, council_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(meetingId, 'draft', previous, councilName, tx.now, tx.now);
      return this.finish(tx, actingMemberId, meetingId, 'start', { previousLastMinute: previous, councilName }, 'create');
    });
  }

  saveNarrative(actingMemberId: string, meetingId: string, itemNumber: string, narrative: RichText): MinutesRecord {
    return this.writer.write((tx) => {
      const row = this.requireEditable(actingMemberId, meetingId, 'edit the minutes');
      if (!this.agenda(meetingId).some((i) => i.number === itemNumber)) {
        throw new CoreError('INVALID_INPUT', `Item ${itemNumber} is not on this meeting's agenda`, [{ path: ['itemNumber'], code: 'unknown_item', message: 'Not on the agenda' }]);
      }
      const before = this.db
        .prepare<[string, string], { narrative: string; yjs_state: Buffer | null }>('SELECT narrative, yjs_state FROM minute_narratives WHERE meeting_id = ? AND item_number = ?')
        .get(meetingId, itemNumber);
      const doc = narrativeDoc(before?.yjs_state ?? null);
      // Written before narratives had a Yjs state (migration 0012): this device alone holds it, so
      // it alone makes its first state.
      if (before && before.yjs_state === null) editNarrative(doc, JSON.parse(before.narrative) as RichText);
      const changed = editNarrative(doc, narrative) !== null || before?.yjs_state === null;
      const state = Buffer.from(Y.encodeStateAsUpdate(doc));
      this.db
        .prepare(
          `INSERT INTO minute_narratives (meeting_id, item_number, narrative, yjs_state, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (meeting_id, item_number) DO UPDATE SET narrative = excluded.narrative, yjs_state = excluded.yjs_state, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        )
        .run(meetingId, itemNumber, JSON.stringify(narrative), state, actingMemberId, tx.now);
      if (changed) {
        // The whole state (a narrative is small): sync merges it with edits made on other devices.
        tx.recordEntity('minute_narrative', { meetingId, itemNumber, narrativeYjs: state.toString('base64'), updatedBy: actingMemberId, updatedAt: tx.now }, 'update');
      }
      this.touch(tx, row);
      return this.finish(tx, actingMemberId, meetingId, 'narrative', { itemNumber, before: before ? (JSON.parse(before.narrative) as unknown) : null, after: narrative });
    });
  }

  circulate(actingMemberId: string, meetingId: string): MinutesRecord {
    return this.step(actingMemberId, meetingId, 'circulate', 'draft', () => {
      this.db.prepare("UPDATE minutes SET status = 'circulated', circulated_at = coalesce(circulated_at, updated_at) WHERE meeting_id = ?").run(meetingId);
    });
  }

  returnToDraft(actingMemberId: string, meetingId: string): MinutesRecord {
    return this.step(actingMemberId, meetingId, 'return-to-draft', 'circulated', () => {
      this.db.prepare("UPDATE minutes SET status = 'draft' WHERE meeting_id = ?").run(meetingId);
    });
  }

  /** Approval happens at a later meeting, at its "Confirmation of the Minutes" item, by its chair or clerk. */
  approve(actingMemberId: string, meetingId: string, atMeetingId: string, itemNumber: string): MinutesRecord {
    return this.writer.write((tx) => {
      const row = this.requireRow(meetingId);
      if (row.status !== 'circulated') throw new CoreError('MINUTES_WORKFLOW', `Minutes are approved once circulated; these are ${row.status}`);
      const minuted = this.requireMeeting(meetingId);
      const approving = this.requireMeeting(atMeetingId);
      this.requireMinutesRole(actingMemberId, [atMeetingId], 'approve the minutes at their meeting');
      if (approving.date <= minuted.date) throw new CoreError('MINUTES_WORKFLOW', 'Minutes are approved at a later meeting', [{ path: ['atMeetingId'], code: 'not_later', message: 'Choose a later meeting' }]);
      const item = this.agenda(atMeetingId).find((i) => i.number === itemNumber);
      if (!item || roleOfItemTitle(item.title) !== 'confirmation') {
        throw new CoreError('MINUTES_WORKFLOW', `Item ${itemNumber} of that meeting is not its "Confirmation of the Minutes" item`, [{ path: ['itemNumber'], code: 'not_confirmation_item', message: 'Choose the confirmation of the minutes item' }]);
      }
      this.db
        .prepare("UPDATE minutes SET status = 'approved', approved_at_meeting_id = ?, approved_at_item = ?, approved_at = ?, updated_at = ? WHERE meeting_id = ?")
        .run(atMeetingId, itemNumber, tx.now, tx.now, meetingId);
      return this.finish(tx, actingMemberId, meetingId, 'approve', { atMeetingId, itemNumber });
    });
  }

  lock(actingMemberId: string, meetingId: string): MinutesRecord {
    return this.writer.write((tx) => {
      const row = this.requireRow(meetingId);
      if (row.status !== 'approved' || row.approved_at_meeting_id === null) throw new CoreError('MINUTES_WORKFLOW', `Only approved minutes can be locked; these are ${row.status}`);
      this.requireMinutesRole(actingMemberId, [meetingId, row.approved_at_meeting_id], 'lock the minutes');
      this.db.prepare("UPDATE minutes SET status = 'locked', locked_at = ?, updated_at = ? WHERE meeting_id = ?").run(tx.now, tx.now, meetingId);
      return this.finish(tx, actingMemberId, meetingId, 'lock', {});
    });
  }

  correct(actingMemberId: string, meetingId: string, text: string, itemNumber?: string): MinutesRecord {
    return this.writer.write((tx) => {
      const row = this.requireRow(meetingId);
      if (row.status !== 'approved' && row.status !== 'locked') throw new CoreError('MINUTES_WORKFLOW', 'Draft minutes are edited, not corrected; corrections are for approved minutes');
      this.requireMinutesRole(actingMemberId, [meetingId, ...(row.approved_at_meeting_id ? [row.approved_at_meeting_id] : [])], 'correct the minutes');
      if (itemNumber !== undefined && !this.agenda(meetingId).some((i) => i.number === itemNumber)) {
        throw new CoreError('INVALID_INPUT', `Item ${itemNumber} is not on this meeting's agenda`, [{ path: ['itemNumber'], code: 'unknown_item', message: 'Not on the agenda' }]);
      }
      const correction: SyncedMinutesCorrection = { meetingId, itemNumber: itemNumber ?? null, text, recordedBy: actingMemberId, at: tx.now };
      const syncId = randomUUID();
      insertCorrection(this.db, syncId, correction);
      // Corrections travel on their own: the table is append-only, so another device inserts this
      // one once, by its sync id, rather than taking it as part of the minutes record.
      tx.recordEntity('minute_correction', correction, 'create', { key: { syncId } });
      return this.finish(tx, actingMemberId, meetingId, 'correct', { itemNumber: itemNumber ?? null, text, syncId });
    });
  }

  history(meetingId: string): MinutesHistoryEntry[] {
    this.requireMeeting(meetingId);
    return this.db
      .prepare<[string], { id: number; meeting_id: string; actor_member_id: string; at: string; op: MinutesHistoryEntry['op']; change: string }>(
        'SELECT id, meeting_id, actor_member_id, at, op, change FROM minutes_history WHERE meeting_id = ? ORDER BY id',
      )
      .all(meetingId)
      .map((r) => ({ id: r.id, meetingId: r.meeting_id, actorMemberId: r.actor_member_id, at: r.at, op: r.op, change: JSON.parse(r.change) as Record<string, unknown> }));
  }

  /** The agenda of the meeting's latest pack, in printed order. */
  agenda(meetingId: string): AgendaLine[] {
    return this.access.agenda(meetingId);
  }

  /**
   * Minute numbers continue across meetings: the last minute of the committee's latest earlier
   * meeting with minutes (its first number plus its agenda, less one), or 0 if there is none.
   */
  lastMinuteBefore(meetingId: string): number {
    const meeting = this.requireMeeting(meetingId);
    const earlier = this.db
      .prepare<[string, string, string, string], { meeting_id: string; previous_last_minute: number }>(
        `SELECT m.meeting_id, m.previous_last_minute FROM minutes m JOIN meetings g ON g.id = m.meeting_id
         WHERE lower(g.committee) = lower(?) AND (g.date < ? OR (g.date = ? AND g.start_time < ?))
         ORDER BY g.date DESC, g.start_time DESC LIMIT 1`,
      )
      .get(meeting.committee, meeting.date, meeting.date, meeting.start_time);
    return earlier ? earlier.previous_last_minute + this.agenda(earlier.meeting_id).length : 0;
  }

  requireMeeting(meetingId: string): MeetingRow {
    const row = this.db.prepare<[string], MeetingRow>('SELECT id, committee, date, start_time FROM meetings WHERE id = ?').get(meetingId);
    if (!row) throw new CoreError('NOT_FOUND', `No meeting with id ${meetingId}`);
    return row;
  }

  private step(actingMemberId: string, meetingId: string, op: 'circulate' | 'return-to-draft', from: MinutesRecord['status'], change: () => void): MinutesRecord {
    return this.writer.write((tx) => {
      const row = this.requireRow(meetingId);
      this.requireMinutesRole(actingMemberId, [meetingId], `${op === 'circulate' ? 'circulate' : 'reopen'} the minutes`);
      if (row.status !== from) throw new CoreError(row.status === 'locked' || row.status === 'approved' ? 'MINUTES_LOCKED' : 'MINUTES_WORKFLOW', `The minutes are ${row.status}, not ${from}`);
      this.db.prepare('UPDATE minutes SET updated_at = ? WHERE meeting_id = ?').run(tx.now, meetingId);
      change();
      return this.finish(tx, actingMemberId, meetingId, op, { from });
    });
  }

  private requireEditable(actingMemberId: string, meetingId: string, what: string): MinutesRow {
    const row = this.requireRow(meetingId);
    this.requireMinutesRole(actingMemberId, [meetingId], what);
    if (row.status === 'approved' || row.status === 'locked') throw new CoreError('MINUTES_LOCKED', 'Approved minutes are changed only by a recorded correction');
    return row;
  }

  private requireRow(meetingId: string): MinutesRow {
    this.requireMeeting(meetingId);
    const row = this.row(meetingId);
    if (!row) throw new CoreError('MINUTES_WORKFLOW', 'The minutes of this meeting have not been started');
    return row;
  }

  private requireMinutesRole(actingMemberId: string, meetingIds: readonly string[], what: string): void {
    if (!this.db.prepare<[string], { id: string }>('SELECT id FROM members WHERE id = ?').get(actingMemberId)) throw new CoreError('NOT_FOUND', `No member with id ${actingMemberId}`);
    for (const meetingId of meetingIds) this.requireMeeting(meetingId);
    const allowed = meetingIds.some((meetingId) => {
      const role = this.db.prepare<[string, string], { role: MeetingRoleName }>('SELECT role FROM meeting_roles WHERE member_id = ? AND meeting_id = ?').get(actingMemberId, meetingId)?.role;
      return role !== undefined && minutesRoles.includes(role);
    });
    if (!allowed) throw new CoreError('FORBIDDEN', `Only the chair or the clerk may ${what}`);
  }

  private touch(tx: DomainTransaction, row: MinutesRow): void {
    this.db.prepare('UPDATE minutes SET updated_at = ? WHERE meeting_id = ?').run(tx.now, row.meeting_id);
  }

  private finish(tx: DomainTransaction, actor: string, meetingId: string, op: MinutesHistoryEntry['op'], change: Record<string, unknown>, operation: 'create' | 'update' = 'update'): MinutesRecord {
    this.db.prepare('INSERT INTO minutes_history (meeting_id, actor_member_id, at, op, change) VALUES (?, ?, ?, ?, ?)').run(meetingId, actor, tx.now, op, JSON.stringify(change));
    const row = this.requireRow(meetingId);
    const record = this.toRecord(row);
    // The whole record, so another device takes it as it stands; the step itself is in the history.
    tx.recordEntity(
      'minutes',
      {
        meetingId,
        status: row.status,
        previousLastMinute: row.previous_last_minute,
        councilName: row.council_name,
        circulatedAt: row.circulated_at,
        approvedAtMeetingId: row.approved_at_meeting_id,
        approvedAtItem: row.approved_at_item,
        approvedAt: row.approved_at,
        lockedAt: row.locked_at,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      },
      operation,
      { baseVersion: record.version },
    );
    return record;
  }

  private row(meetingId: string): MinutesRow | undefined {
    return this.db.prepare<[string], MinutesRow>('SELECT * FROM minutes WHERE meeting_id = ?').get(meetingId);
  }

  private toRecord(row: MinutesRow): MinutesRecord {
    const narratives = this.db
      .prepare<[string], { item_number: string; narrative: string; updated_by: string; updated_at: string }>(
        'SELECT item_number, narrative, updated_by, updated_at FROM minute_narratives WHERE meeting_id = ? ORDER BY item_number',
      )
      .all(row.meeting_id)
      .map((n): MinuteNarrative => ({ itemNumber: n.item_number, narrative: JSON.parse(n.narrative) as RichText, updatedBy: n.updated_by, updatedAt: n.updated_at }));
    // In the order they were made, wherever: a correction received from another device lands after
    // this device's own, but was perhaps recorded before them.
    const corrections = this.db
      .prepare<[string], { id: number; sync_id: string | null; item_number: string | null; text: string; recorded_by: string; name: string; at: string }>(
        `SELECT c.id, s.sync_id, c.item_number, c.text, c.recorded_by, m.name, c.at FROM minute_corrections c JOIN members m ON m.id = c.recorded_by
           LEFT JOIN minute_correction_sync s ON s.correction_id = c.id
          WHERE c.meeting_id = ? ORDER BY c.at, c.id`,
      )
      .all(row.meeting_id)
      .map((c): StoredMinutesCorrection => ({ id: c.id, syncId: c.sync_id, itemNumber: c.item_number, text: c.text, recordedBy: c.recorded_by, recordedByName: c.name, at: c.at }));
    const approving = row.approved_at_meeting_id ? this.requireMeeting(row.approved_at_meeting_id) : null;
    return {
      meetingId: row.meeting_id,
      status: row.status,
      previousLastMinute: row.previous_last_minute,
      councilName: row.council_name,
      circulatedAt: row.circulated_at,
      approval:
        approving && row.approved_at_item && row.approved_at
          ? { meetingId: approving.id, itemNumber: row.approved_at_item, meetingDate: approving.date, committee: approving.committee, at: row.approved_at }
          : null,
      lockedAt: row.locked_at,
      narratives,
      corrections,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}

/** A pulled narrative, merged with this device's copy; its JSON is what the minutes and exports read. */
export const syncedNarrative: LocalHooks = {
  columns: (data, db) => {
    if (typeof data.narrativeYjs !== 'string') throw new Error('A minute narrative without its document');
    const held = db
      .prepare<[unknown, unknown], { yjs_state: Buffer | null }>('SELECT yjs_state FROM minute_narratives WHERE meeting_id = ? AND item_number = ?')
      .get(data.meetingId, data.itemNumber);
    const doc = narrativeDoc(held?.yjs_state ?? null);
    Y.applyUpdate(doc, Buffer.from(data.narrativeYjs, 'base64'));
    return { narrative: JSON.stringify(narrativeOf(doc)), yjs_state: Buffer.from(Y.encodeStateAsUpdate(doc)) };
  },
};
