import { presidingRoles, type MeetingRoleName } from '../../../shared/domain/interests';
import type { FieldIssue } from '../../../shared/result';
import type { Db } from '../db/database';
import { CoreError } from '../errors';
import type { DomainTransaction } from './domainWriter';

export interface AgendaEntry {
  number: string;
  title: string;
  position: number;
  timingFrom: string | null;
  timingTo: string | null;
}

export type HistoryEntity = 'attendance' | 'agenda' | 'outcome' | 'action' | 'panel-comment';

/**
 * What the meeting-running repositories share: who someone is at a meeting (permissions are
 * enforced here, in core, not only hidden in the UI), the meeting's agenda, and the append-only
 * history every change is written to in the same transaction as the change itself.
 */
export class MeetingAccess {
  constructor(private readonly db: Db) {}

  roleOf(memberId: string, meetingId: string): MeetingRoleName | null {
    return this.db.prepare<[string, string], { role: MeetingRoleName }>('SELECT role FROM meeting_roles WHERE member_id = ? AND meeting_id = ?').get(memberId, meetingId)?.role ?? null;
  }

  requireMeeting(meetingId: string): { title: string; date: string } {
    const row = this.db.prepare<[string], { title: string; date: string }>('SELECT title, date FROM meetings WHERE id = ?').get(meetingId);
    if (!row) throw new CoreError('NOT_FOUND', `No meeting with id ${meetingId}`);
    return row;
  }

  requireMember(memberId: string): string {
    const row = this.db.prepare<[string], { name: string }>('SELECT name FROM members WHERE id = ?').get(memberId);
    if (!row) throw new CoreError('NOT_FOUND', `No member with id ${memberId}`);
    return row.name;
  }

  /** The chair, vice-chair and clerk run the meeting; nobody else may record what happened. */
  requirePresiding(actingMemberId: string, meetingId: string, what: string): void {
    this.requireMeeting(meetingId);
    this.requireMember(actingMemberId);
    const role = this.roleOf(actingMemberId, meetingId);
    if (role === null || !presidingRoles.includes(role)) throw new CoreError('FORBIDDEN', `Only the chair, vice-chair or clerk may ${what}`);
  }

  /** Anyone with a part in the meeting's business (not officers or cabinet members) may draft. */
  requireParticipant(actingMemberId: string, meetingId: string, what: string): void {
    this.requireMember(actingMemberId);
    const role = this.roleOf(actingMemberId, meetingId);
    if (role === null || role === 'officer' || role === 'cabinet-member') throw new CoreError('FORBIDDEN', `Only members of the panel may ${what}`);
  }

  /** The agenda of the meeting's latest pack, in printed order. */
  agenda(meetingId: string): AgendaEntry[] {
    return this.db
      .prepare<[string], AgendaEntry>(
        `SELECT a.number, a.title, a.position, a.timing_from AS timingFrom, a.timing_to AS timingTo
         FROM agenda_items a
         WHERE a.pack_id = (SELECT id FROM packs WHERE meeting_id = ? ORDER BY version DESC LIMIT 1)
         ORDER BY a.position`,
      )
      .all(meetingId);
  }

  agendaNumbers(meetingId: string): string[] {
    return this.agenda(meetingId).map((a) => a.number);
  }

  requireItem(meetingId: string, itemNumber: string): AgendaEntry {
    const item = this.agenda(meetingId).find((a) => a.number === itemNumber);
    if (!item) throw ruleBroken([{ path: ['itemNumber'], code: 'unknown_item', message: `Item ${itemNumber} is not on this meeting's agenda` }]);
    return item;
  }

  logHistory(tx: DomainTransaction, meetingId: string, entity: HistoryEntity, entityId: string, actor: string, op: string, before: unknown, after: unknown): void {
    this.db
      .prepare('INSERT INTO meeting_history (meeting_id, entity, entity_id, actor_member_id, at, op, change) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(meetingId, entity, entityId, actor, tx.now, op, JSON.stringify({ before: before ?? null, after: after ?? null }));
  }
}

/** A meeting rule was broken; the issue codes are translated in the renderer. */
export function ruleBroken(issues: FieldIssue[]): CoreError {
  return new CoreError('MEETING_RULE_BROKEN', issues.map((i) => i.message).join('; '), issues);
}
