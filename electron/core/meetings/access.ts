import { presidingRoles, type MeetingRoleName } from '../../../shared/domain/interests';
import type { FieldIssue } from '../../../shared/result';
import type { Db } from '../db/database';
import { CoreError } from '../errors';
import type { DomainTransaction } from '../repositories/domainWriter';

export interface AgendaEntry {
  number: string;
  title: string;
  position: number;
  timingFrom: string | null;
  timingTo: string | null;
}

export interface LatestPack {
  id: string;
  sha256: string;
  version: number;
}

export type HistoryEntity = 'attendance' | 'agenda' | 'outcome' | 'action' | 'panel-comment';

/**
 * The one place that answers who someone is at a meeting, whether a meeting and a member exist,
 * and which pack is the meeting's latest: every feature asks here, so the role rules (enforced in
 * core, not only hidden in the UI) cannot differ between declarations, running and minutes. Also the
 * append-only history every meeting-running change is written to in the change's own transaction.
 * Statements are prepared once, when the service is made.
 */
export class MeetingAccess {
  private readonly selectRole;
  private readonly selectMeeting;
  private readonly selectMember;
  private readonly selectLatestPack;
  private readonly selectAgenda;
  private readonly countPresiding;
  private readonly countClerkRoles;
  private readonly insertHistory;

  constructor(db: Db) {
    this.selectRole = db.prepare<[string, string], { role: MeetingRoleName }>('SELECT role FROM meeting_roles WHERE member_id = ? AND meeting_id = ?');
    this.selectMeeting = db.prepare<[string], { title: string; date: string }>('SELECT title, date FROM meetings WHERE id = ?');
    this.selectMember = db.prepare<[string], { name: string }>('SELECT name FROM members WHERE id = ?');
    this.selectLatestPack = db.prepare<[string], LatestPack>('SELECT id, document_sha256 AS sha256, version FROM packs WHERE meeting_id = ? ORDER BY version DESC LIMIT 1');
    this.selectAgenda = db.prepare<[string], AgendaEntry>(
      `SELECT a.number, a.title, a.position, a.timing_from AS timingFrom, a.timing_to AS timingTo
       FROM agenda_items a
       WHERE a.pack_id = (SELECT id FROM packs WHERE meeting_id = ? ORDER BY version DESC LIMIT 1)
       ORDER BY a.position`,
    );
    this.countPresiding = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM meeting_roles WHERE meeting_id = ? AND role IN ('chair', 'vice-chair', 'clerk')`);
    this.countClerkRoles = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM meeting_roles WHERE member_id = ? AND role = 'clerk'");
    this.insertHistory = db.prepare('INSERT INTO meeting_history (meeting_id, entity, entity_id, actor_member_id, at, op, change) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  roleOf(memberId: string, meetingId: string): MeetingRoleName | null {
    return this.selectRole.get(memberId, meetingId)?.role ?? null;
  }

  /** The chair, vice-chair and clerk preside: they run the meeting and may act for anyone at it. */
  presides(memberId: string, meetingId: string): boolean {
    const role = this.roleOf(memberId, meetingId);
    return role !== null && presidingRoles.includes(role);
  }

  /** Whether anyone presides yet: before that, anyone may set the meeting up. */
  hasPresiding(meetingId: string): boolean {
    return (this.countPresiding.get(meetingId)?.n ?? 0) > 0;
  }

  /** A clerk at any meeting keeps the council's registers. */
  isClerkAnywhere(memberId: string): boolean {
    return (this.countClerkRoles.get(memberId)?.n ?? 0) > 0;
  }

  meetingExists(meetingId: string): boolean {
    return this.selectMeeting.get(meetingId) !== undefined;
  }

  requireMeeting(meetingId: string): { title: string; date: string } {
    const row = this.selectMeeting.get(meetingId);
    if (!row) throw new CoreError('NOT_FOUND', `No meeting with id ${meetingId}`);
    return row;
  }

  requireMember(memberId: string): string {
    const row = this.selectMember.get(memberId);
    if (!row) throw new CoreError('NOT_FOUND', `No member with id ${memberId}`);
    return row.name;
  }

  /** The meeting's newest pack version, or null before any pack arrived. */
  latestPack(meetingId: string): LatestPack | null {
    return this.selectLatestPack.get(meetingId) ?? null;
  }

  /** The chair, vice-chair and clerk run the meeting; nobody else may record what happened. */
  requirePresiding(actingMemberId: string, meetingId: string, what: string): void {
    this.requireMeeting(meetingId);
    this.requireMember(actingMemberId);
    if (!this.presides(actingMemberId, meetingId)) throw new CoreError('FORBIDDEN', `Only the chair, vice-chair or clerk may ${what}`);
  }

  /** Anyone with a part in the meeting's business (not officers or cabinet members) may draft. */
  requireParticipant(actingMemberId: string, meetingId: string, what: string): void {
    this.requireMember(actingMemberId);
    const role = this.roleOf(actingMemberId, meetingId);
    if (role === null || role === 'officer' || role === 'cabinet-member') throw new CoreError('FORBIDDEN', `Only members of the panel may ${what}`);
  }

  /** The agenda of the meeting's latest pack, in printed order. */
  agenda(meetingId: string): AgendaEntry[] {
    return this.selectAgenda.all(meetingId);
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
    this.insertHistory.run(meetingId, entity, entityId, actor, tx.now, op, JSON.stringify({ before: before ?? null, after: after ?? null }));
  }
}

/** A meeting rule was broken; the issue codes are translated in the renderer. */
export function ruleBroken(issues: FieldIssue[]): CoreError {
  return new CoreError('MEETING_RULE_BROKEN', issues.map((i) => i.message).join('; '), issues);
}
