import { describe, expect, it } from 'vitest';
import type { MeetingRoleName } from '../domain/interests';
import { attendanceIssues, countsForQuorum, type AttendanceContext } from './attendance';
import { validateOutcome } from './outcomes';
import { checkQuorum, quorumRequired } from './quorum';
import type { AttendanceStatus, OutcomeDraft } from './schema';
import { elapsedMinutes, indicativeMinutes, isOverrun } from './timing';

const meetingId = '3f0b0a56-3f5e-4d6b-9a1f-2b7c6a1d9e01';
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('quorum: a quarter of the voting membership, at least three', () => {
  it('never asks for fewer than three', () => {
    expect(quorumRequired(0)).toBe(3);
    expect(quorumRequired(9)).toBe(3);
    expect(quorumRequired(12)).toBe(3);
  });
  it('rounds a quarter up', () => {
    expect(quorumRequired(13)).toBe(4);
    expect(quorumRequired(16)).toBe(4);
    expect(quorumRequired(17)).toBe(5);
  });
  it('is quorate at the required number and not below', () => {
    expect(checkQuorum(9, 3)).toEqual({ votingMembership: 9, votingPresent: 3, required: 3, quorate: true });
    expect(checkQuorum(9, 2).quorate).toBe(false);
    expect(checkQuorum(20, 4).quorate).toBe(false);
  });
  it('counts present members and substitutes who have not left', () => {
    expect(countsForQuorum({ status: 'present' }, 'member')).toBe(true);
    expect(countsForQuorum({ status: 'substitute' }, 'substitute')).toBe(true);
    expect(countsForQuorum({ status: 'present', departedAtItem: '6' }, 'chair')).toBe(false);
    expect(countsForQuorum({ status: 'apologies' }, 'member')).toBe(false);
    expect(countsForQuorum({ status: 'in-attendance' }, 'officer')).toBe(false);
    // A co-opted member sits on the panel without a vote: present, but not part of the quorum.
    expect(countsForQuorum({ status: 'present' }, 'co-opted')).toBe(false);
    expect(countsForQuorum({ status: 'present' }, null)).toBe(false);
  });
});

describe('attendance rules', () => {
  const roles: Record<string, MeetingRoleName> = { rouse: 'chair', aled: 'member', sub: 'substitute', sub2: 'substitute', officer: 'officer', cabinet: 'cabinet-member' };
  const statuses: Record<string, AttendanceStatus> = { aled: 'apologies' };
  const context = (over: Partial<AttendanceContext> = {}): AttendanceContext => ({
    roleOf: (id) => roles[id] ?? null,
    statusOf: (id) => statuses[id] ?? null,
    substituteOf: () => null,
    agendaNumbers: ['1', '2', '5', '6'],
    ...over,
  });
  const draft = (memberId: string, status: AttendanceStatus, more: object = {}) => ({ meetingId, memberId, status, ...more });

  it('accepts a substitute for a member who sent apologies', () => {
    expect(attendanceIssues(draft('sub', 'substitute', { substituteFor: 'aled' }), context())).toEqual([]);
  });
  it('wants to know whom a substitute replaces, and that member must have apologised', () => {
    expect(codes(attendanceIssues(draft('sub', 'substitute'), context()))).toEqual(['substitute_for_required']);
    expect(codes(attendanceIssues(draft('sub', 'substitute', { substituteFor: 'rouse' }), context()))).toEqual(['substitute_for_not_apologised']);
    expect(codes(attendanceIssues(draft('sub', 'substitute', { substituteFor: 'sub' }), context()))).toEqual(['substitute_for_self']);
    expect(codes(attendanceIssues(draft('sub', 'substitute', { substituteFor: 'officer' }), context()))).toEqual(['substitute_for_not_voting_member']);
    expect(codes(attendanceIssues(draft('sub2', 'substitute', { substituteFor: 'aled' }), context({ substituteOf: () => 'sub' })))).toEqual(['substitute_for_taken']);
    expect(codes(attendanceIssues(draft('rouse', 'present', { substituteFor: 'aled' }), context()))).toEqual(['substitute_for_not_allowed']);
  });
  it('keeps "in attendance" for officers and cabinet members', () => {
    expect(attendanceIssues(draft('officer', 'in-attendance'), context())).toEqual([]);
    expect(attendanceIssues(draft('cabinet', 'in-attendance'), context())).toEqual([]);
    expect(codes(attendanceIssues(draft('officer', 'present'), context()))).toEqual(['status_not_for_role']);
    expect(codes(attendanceIssues(draft('rouse', 'in-attendance'), context()))).toEqual(['status_not_for_role']);
    expect(codes(attendanceIssues(draft('nobody', 'present'), context()))).toEqual(['no_role_at_meeting']);
  });
  it('records arrivals and departures against items on the agenda only', () => {
    expect(attendanceIssues(draft('rouse', 'present', { arrivedAtItem: '5', departedAtItem: '6' }), context())).toEqual([]);
    expect(codes(attendanceIssues(draft('rouse', 'present', { arrivedAtItem: '99' }), context()))).toEqual(['unknown_item']);
  });
});

describe('outcome rules', () => {
  const context = { agendaNumbers: ['5', '6', '7'], votingMemberIds: ['a', 'b', 'c', 'd'] };
  const draft = (over: Partial<OutcomeDraft> = {}): OutcomeDraft => ({ meetingId, itemNumber: '5', kind: 'noted', ...over });
  const issuesOf = (d: OutcomeDraft) => {
    const result = validateOutcome(d, context);
    return result.ok ? [] : codes(result.issues);
  };

  it('accepts each outcome in its plain form', () => {
    for (const kind of ['noted', 'agreed', 'deferred', 'withdrawn'] as const) expect(issuesOf(draft({ kind }))).toEqual([]);
    expect(issuesOf(draft({ kind: 'resolved', resolution: 'That the budget be endorsed.' }))).toEqual([]);
  });
  it('needs resolution text for a resolution, and none for a noted item', () => {
    expect(issuesOf(draft({ kind: 'resolved', resolution: '   ' }))).toEqual(['resolution_required']);
    expect(issuesOf(draft({ kind: 'noted', resolution: 'x' }))).toEqual(['resolution_not_allowed']);
  });
  it('refuses a vote on an item that was noted, deferred or withdrawn', () => {
    expect(issuesOf(draft({ kind: 'deferred', vote: { for: 1, against: 0, abstain: 0 } }))).toEqual(['vote_not_allowed']);
  });
  it('makes a recorded vote add up to its counts, with each voting member once', () => {
    const ok = validateOutcome(
      draft({ kind: 'resolved', resolution: 'R', vote: { for: 2, against: 1, abstain: 1, recorded: { for: ['a', 'b'], against: ['c'], abstain: ['d'] } } }),
      context,
    );
    expect(ok.ok).toBe(true);
    expect(issuesOf(draft({ kind: 'agreed', vote: { for: 3, against: 0, abstain: 0, recorded: { for: ['a', 'b'], against: [], abstain: [] } } }))).toEqual([
      'recorded_vote_count_mismatch',
    ]);
    expect(issuesOf(draft({ kind: 'agreed', vote: { for: 1, against: 1, abstain: 0, recorded: { for: ['a'], against: ['a'], abstain: [] } } }))).toEqual([
      'recorded_vote_duplicate',
    ]);
    expect(issuesOf(draft({ kind: 'agreed', vote: { for: 1, against: 0, abstain: 0, recorded: { for: ['zed'], against: [], abstain: [] } } }))).toEqual([
      'recorded_vote_not_voting_member',
    ]);
  });
  it('refuses items not on the agenda', () => {
    expect(issuesOf(draft({ itemNumber: '42' }))).toEqual(['unknown_item']);
  });
});

describe('timing against the indicative timing', () => {
  it('reads the printed timings, afternoon included', () => {
    expect(indicativeMinutes('10:05', '10:50')).toBe(45);
    expect(indicativeMinutes('12:10', '12:20')).toBe(10);
    expect(indicativeMinutes('11:30', '12:10')).toBe(40);
    expect(indicativeMinutes('12:30', '1:15')).toBe(45);
    expect(indicativeMinutes(null, '10:50')).toBeNull();
    expect(indicativeMinutes('soon', '10:50')).toBeNull();
  });
  it('flags an overrun only past the indicative time', () => {
    expect(elapsedMinutes('2022-01-17T10:05:00Z', '2022-01-17T10:55:30Z')).toBe(50);
    expect(isOverrun(45, 45)).toBe(false);
    expect(isOverrun(46, 45)).toBe(true);
    expect(isOverrun(200, null)).toBe(false);
    expect(isOverrun(null, 45)).toBe(false);
  });
});
