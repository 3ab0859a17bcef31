import type { memberOperations } from '../../../shared/api/contracts/members';
import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';
import type { MeetingAccess } from '../meetings/access';
import type { DomainWriter } from '../repositories/domainWriter';
import { MembersRepository } from './repository';

export type MemberHandlers = Pick<Handlers, keyof typeof memberOperations>;

/** The handlers for members and meeting roles (shared/api/contracts/members.ts). */
export function memberHandlers(deps: { db: Db; writer: DomainWriter; access: MeetingAccess }): MemberHandlers {
  const members = new MembersRepository(deps.db, deps.writer, deps.access);
  return {
    listMembers: () => members.listMembers(),
    saveMember: (member) => members.saveMember(member),
    setMeetingRole: ({ actingMemberId, meetingId, memberId, role }) => members.setMeetingRole(actingMemberId, meetingId, memberId, role),
    listMeetingRoles: ({ meetingId }) => members.listMeetingRoles(meetingId),
  };
}
