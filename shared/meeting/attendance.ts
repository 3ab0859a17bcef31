/**
 * Rules for an attendance entry. A substitute replaces a voting member who sent apologies; only
 * officers and cabinet members are "in attendance"; voting members are present, absent or apologise.
 */
import type { MeetingRoleName } from '../domain/interests';
import type { FieldIssue } from '../result';
import type { AttendanceDraft, AttendanceStatus } from './schema';

export const attendanceIssueCodes = [
  'substitute_for_required',
  'substitute_for_not_allowed',
  'substitute_for_self',
  'substitute_for_not_voting_member',
  'substitute_for_not_apologised',
  'substitute_for_taken',
  'status_not_for_role',
  'no_role_at_meeting',
  'unknown_item',
] as const;
export type AttendanceIssueCode = (typeof attendanceIssueCodes)[number];

export const votingRoles: readonly MeetingRoleName[] = ['chair', 'vice-chair', 'member'];
const nonVotingRoles: readonly MeetingRoleName[] = ['officer', 'cabinet-member', 'clerk'];

/** Which statuses fit a role at the meeting. */
export const statusesFor = (role: MeetingRoleName): readonly AttendanceStatus[] => {
  if (role === 'substitute') return ['substitute', 'absent'];
  if (nonVotingRoles.includes(role)) return ['in-attendance', 'apologies', 'absent'];
  return ['present', 'apologies', 'absent'];
};

export interface AttendanceContext {
  roleOf: (memberId: string) => MeetingRoleName | null;
  statusOf: (memberId: string) => AttendanceStatus | null;
  /** Who already substitutes for whom (member id → substitute's id). */
  substituteOf: (memberId: string) => string | null;
  agendaNumbers: readonly string[];
}

const issue = (path: string[], code: AttendanceIssueCode, message: string): FieldIssue => ({ path, code, message });

export function attendanceIssues(draft: AttendanceDraft, context: AttendanceContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const role = context.roleOf(draft.memberId);
  if (role === null) return [issue(['memberId'], 'no_role_at_meeting', 'Give the member a role at this meeting first')];
  if (!statusesFor(role).includes(draft.status)) issues.push(issue(['status'], 'status_not_for_role', `A ${role} cannot be recorded as ${draft.status}`));
  if (draft.status === 'substitute') {
    const replaced = draft.substituteFor;
    if (replaced === undefined) issues.push(issue(['substituteFor'], 'substitute_for_required', 'Say which member the substitute replaces'));
    else if (replaced === draft.memberId) issues.push(issue(['substituteFor'], 'substitute_for_self', 'A member cannot substitute for themselves'));
    else {
      const replacedRole = context.roleOf(replaced);
      if (replacedRole === null || !votingRoles.includes(replacedRole)) {
        issues.push(issue(['substituteFor'], 'substitute_for_not_voting_member', 'A substitute replaces a voting member of the panel'));
      } else if (context.statusOf(replaced) !== 'apologies') {
        issues.push(issue(['substituteFor'], 'substitute_for_not_apologised', 'The member replaced must have sent apologies'));
      }
      const taken = context.substituteOf(replaced);
      if (taken !== null && taken !== draft.memberId) issues.push(issue(['substituteFor'], 'substitute_for_taken', 'Someone already substitutes for that member'));
    }
  } else if (draft.substituteFor !== undefined) {
    issues.push(issue(['substituteFor'], 'substitute_for_not_allowed', 'Only a substitute replaces someone'));
  }
  for (const key of ['arrivedAtItem', 'departedAtItem'] as const) {
    const item = draft[key];
    if (item !== undefined && !context.agendaNumbers.includes(item)) issues.push(issue([key], 'unknown_item', `Item ${item} is not on this meeting's agenda`));
  }
  return issues;
}

/**
 * Counts for quorum: present voting members and substitutes, not those who left. A co-opted member
 * (or anyone else present without a vote) is in the room but not part of the quorum.
 */
export function countsForQuorum(entry: Pick<AttendanceDraft, 'status' | 'departedAtItem'>, role: MeetingRoleName | null): boolean {
  if (role === null || (!votingRoles.includes(role) && role !== 'substitute')) return false;
  return (entry.status === 'present' || entry.status === 'substitute') && entry.departedAtItem === undefined;
}
