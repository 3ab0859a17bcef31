import type { MeetingRoleName } from '../../../shared/domain/interests';
import { itemEntitlements, itemQuorum, type EntitlementInput } from '../../../shared/meeting/entitlement';
import type { ItemEntitlement } from '../../../shared/meeting/entitlementSchema';
import type { DeclarationAction } from '../../../shared/declarations/schema';
import type { Db } from '../db/database';
import type { AttendanceRepository } from './attendance';
import type { MeetingAccess } from '../meetings/access';

/** Reads what shared/meeting/entitlement.ts needs for one item: roles, attendance, declarations, the day's order. */
export class ItemEntitlementReader {
  constructor(
    private readonly db: Db,
    private readonly access: MeetingAccess,
    private readonly attendance: AttendanceRepository,
  ) {}

  input(meetingId: string, itemNumber: string): EntitlementInput & { names: Map<string, string> } {
    this.access.requireItem(meetingId, itemNumber);
    const roles = this.db
      .prepare<[string], { memberId: string; role: MeetingRoleName; name: string }>(
        'SELECT r.member_id AS memberId, r.role, m.name FROM meeting_roles r JOIN members m ON m.id = r.member_id WHERE r.meeting_id = ? ORDER BY lower(m.name)',
      )
      .all(meetingId);
    const declarations = this.db
      .prepare<[string, string], { memberId: string; itemNumber: string; action: DeclarationAction; withdrawnAt: string | null }>(
        'SELECT member_id AS memberId, item_number AS itemNumber, action, withdrawn_at AS withdrawnAt FROM declarations WHERE meeting_id = ? AND item_number = ?',
      )
      .all(meetingId, itemNumber);
    const positions = new Map(
      this.db.prepare<[string], { item_number: string; position: number | null }>('SELECT item_number, position FROM agenda_progress WHERE meeting_id = ?').all(meetingId).map((p) => [p.item_number, p.position]),
    );
    const order = this.access
      .agenda(meetingId)
      .map((a) => ({ number: a.number, at: positions.get(a.number) ?? a.position }))
      .sort((a, b) => a.at - b.at)
      .map((a) => a.number);
    return {
      itemNumber,
      order,
      roles,
      attendance: this.attendance.get(meetingId).entries,
      declarations,
      names: new Map(roles.map((r) => [r.memberId, r.name])),
    };
  }

  get(meetingId: string, itemNumber: string): ItemEntitlement {
    const input = this.input(meetingId, itemNumber);
    const entitlements = itemEntitlements(input);
    const roleOf = new Map(input.roles.map((r) => [r.memberId, r.role]));
    return {
      meetingId,
      itemNumber,
      members: entitlements
        .filter((e) => e.reason !== 'not-voting-role')
        .map((e) => ({ ...e, memberName: input.names.get(e.memberId) ?? e.memberId, role: roleOf.get(e.memberId) ?? 'member' })),
      quorum: itemQuorum(input, entitlements),
    };
  }
}
