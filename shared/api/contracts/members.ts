import { z } from 'zod';
import { MeetingRole, MeetingRoleName, Member } from '../../domain/interests';
import { MeetingId, MemberId } from '../../vocabulary';
import { operation } from '../operation';

/**
 * The people Chamber knows and their role at each meeting. `actingMemberId` is who is using
 * Chamber; once a meeting has a chair, vice-chair or clerk only they may change its roles.
 */
export const memberOperations = {
  listMembers: operation({
    summary: 'Everyone Chamber knows as a member, officer or clerk',
    input: z.object({}).strict(),
    output: z.array(Member),
  }),
  saveMember: operation({
    summary: 'Add a member or change their name (names are unique)',
    input: Member.strict(),
    output: Member,
  }),
  setMeetingRole: operation({
    summary: "Give a member a role at a meeting; once there is a chair, vice-chair or clerk only they may",
    input: z.object({ actingMemberId: MemberId, meetingId: MeetingId, memberId: MemberId, role: MeetingRoleName }).strict(),
    output: MeetingRole,
  }),
  listMeetingRoles: operation({
    summary: "Who is what at a meeting",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: z.array(MeetingRole),
  }),
};
