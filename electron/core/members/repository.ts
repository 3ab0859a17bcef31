import type { MeetingRole, MeetingRoleName, Member } from '../../../shared/domain/interests';
import type { Db } from '../db/database';
import { CoreError } from '../errors';
import type { MeetingAccess } from '../meetings/access';
import type { DomainWriter } from '../repositories/domainWriter';

type RoleRow = { meeting_id: string; member_id: string; name: string; role: MeetingRoleName };

/**
 * The people Chamber knows (members, officers, co-opted members) and the role each has at a meeting.
 * Every write goes through the DomainWriter, so it reaches the outbox in the same transaction.
 */
export class MembersRepository {
  private readonly selectAll;
  private readonly selectClash;
  private readonly selectOne;
  private readonly update;
  private readonly insert;
  private readonly selectRoles;
  private readonly upsertRole;

  constructor(
    db: Db,
    private readonly writer: DomainWriter,
    private readonly access: MeetingAccess,
  ) {
    this.selectAll = db.prepare<[], Member>('SELECT id, name FROM members ORDER BY lower(name)');
    this.selectClash = db.prepare<[string, string], { id: string }>('SELECT id FROM members WHERE lower(name) = lower(?) AND id <> ?');
    this.selectOne = db.prepare<[string], { id: string }>('SELECT id FROM members WHERE id = ?');
    this.update = db.prepare('UPDATE members SET name = ? WHERE id = ?');
    this.insert = db.prepare('INSERT INTO members (id, name, created_at) VALUES (?, ?, ?)');
    this.selectRoles = db.prepare<[string], RoleRow>(
      'SELECT r.meeting_id, r.member_id, m.name, r.role FROM meeting_roles r JOIN members m ON m.id = r.member_id WHERE r.meeting_id = ? ORDER BY lower(m.name)',
    );
    this.upsertRole = db.prepare('INSERT INTO meeting_roles (meeting_id, member_id, role) VALUES (?, ?, ?) ON CONFLICT (meeting_id, member_id) DO UPDATE SET role = excluded.role');
  }

  listMembers(): Member[] {
    return this.selectAll.all();
  }

  /** Adds a member or renames one; names are unique regardless of case. */
  saveMember(member: Member): Member {
    return this.writer.write((tx) => {
      const clash = this.selectClash.get(member.name, member.id);
      if (clash) throw new CoreError('INVALID_INPUT', `Another member is already called ${member.name}`, [{ path: ['name'], code: 'name_taken', message: 'That name is already used' }]);
      const existing = this.selectOne.get(member.id);
      if (existing) this.update.run(member.name, member.id);
      else this.insert.run(member.id, member.name, tx.now);
      tx.recordEntity('member', member, existing ? 'update' : 'create');
      return member;
    });
  }

  listMeetingRoles(meetingId: string): MeetingRole[] {
    this.access.requireMeeting(meetingId);
    return this.selectRoles.all(meetingId).map((r) => ({ meetingId: r.meeting_id, memberId: r.member_id, memberName: r.name, role: r.role }));
  }

  /**
   * Gives a member a role at a meeting (or changes it). Once the meeting has a chair, vice-chair or
   * clerk only they may change roles; before that anyone may set the meeting up.
   */
  setMeetingRole(actingMemberId: string, meetingId: string, memberId: string, role: MeetingRoleName): MeetingRole {
    this.access.requireMeeting(meetingId);
    this.access.requireMember(actingMemberId);
    this.access.requireMember(memberId);
    if (this.access.hasPresiding(meetingId) && !this.access.presides(actingMemberId, meetingId)) {
      throw new CoreError('FORBIDDEN', 'Only the chair, vice-chair or clerk may change roles at this meeting');
    }
    return this.writer.write((tx) => {
      const before = this.access.roleOf(memberId, meetingId);
      this.upsertRole.run(meetingId, memberId, role);
      tx.recordEntity('meeting_role', { meetingId, memberId, role }, before ? 'update' : 'create');
      const found = this.listMeetingRoles(meetingId).find((r) => r.memberId === memberId);
      if (!found) throw new Error('role not stored');
      return found;
    });
  }
}
