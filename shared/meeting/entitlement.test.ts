import { describe, expect, it } from 'vitest';
import { itemEntitlements, itemQuorum, type EntitlementInput } from './entitlement';
import { statusesFor } from './attendance';
import { validateOutcome } from './outcomes';

const base: EntitlementInput = {
  itemNumber: '6',
  order: ['1', '2', '5', '6', '7'],
  roles: [
    { memberId: 'chair', role: 'chair' },
    { memberId: 'vice', role: 'vice-chair' },
    { memberId: 'evans', role: 'member' },
    { memberId: 'mcvey', role: 'member' },
    { memberId: 'miller', role: 'substitute' },
    { memberId: 'late', role: 'member' },
    { memberId: 'gone', role: 'member' },
    { memberId: 'officer', role: 'officer' },
  ],
  attendance: [
    { memberId: 'chair', status: 'present' },
    { memberId: 'vice', status: 'present' },
    { memberId: 'evans', status: 'present' },
    { memberId: 'mcvey', status: 'apologies' },
    { memberId: 'miller', status: 'substitute' },
    { memberId: 'late', status: 'present', arrivedAtItem: '7' },
    { memberId: 'gone', status: 'present', departedAtItem: '5' },
    { memberId: 'officer', status: 'in-attendance' },
  ],
  declarations: [],
};
const reasons = (input: EntitlementInput) => Object.fromEntries(itemEntitlements(input).map((e) => [e.memberId, e.reason]));

describe('who may vote on an item', () => {
  it('lets present members and substitutes vote, and nobody absent, late, gone or not of the panel', () => {
    expect(reasons(base)).toEqual({ chair: null, vice: null, evans: null, mcvey: 'not-present', miller: null, late: 'arrived-after', gone: 'left-before', officer: 'not-voting-role' });
  });

  it('counts a departure at the item itself as gone for its decision, and an arrival at it as there', () => {
    expect(reasons({ ...base, itemNumber: '5' }).gone).toBe('left-before');
    expect(reasons({ ...base, itemNumber: '2' }).gone).toBeNull();
    expect(reasons({ ...base, itemNumber: '7' }).late).toBeNull();
  });

  it('takes no vote, nor part, from a member who declared on the item and withdrew', () => {
    const input = { ...base, declarations: [{ memberId: 'evans', itemNumber: '6', action: 'withdrew' as const, withdrawnAt: null }] };
    expect(itemEntitlements(input).find((e) => e.memberId === 'evans')).toEqual({ memberId: 'evans', mayTakePart: false, mayVote: false, reason: 'withdrew' });
    // On another item the same member votes; a declaration taken back no longer counts.
    expect(reasons({ ...input, itemNumber: '5' }).evans).toBeNull();
    expect(reasons({ ...input, declarations: [{ ...input.declarations[0]!, withdrawnAt: '2022-01-17T10:00:00Z' }] }).evans).toBeNull();
  });

  it('keeps a member who remained but did not vote in the quorum, not in the vote', () => {
    const input = { ...base, declarations: [{ memberId: 'evans', itemNumber: '6', action: 'remained-did-not-vote' as const, withdrawnAt: null }] };
    expect(itemEntitlements(input).find((e) => e.memberId === 'evans')).toEqual({ memberId: 'evans', mayTakePart: true, mayVote: false, reason: 'did-not-vote' });
    expect(itemQuorum(input).votingPresent).toBe(4);
  });
});

describe('a co-opted member', () => {
  const coOpted: EntitlementInput = { ...base, roles: [...base.roles, { memberId: 'parent', role: 'co-opted' }], attendance: [...base.attendance, { memberId: 'parent', status: 'present' }] };
  it('sits on the panel (present or apologies, never "in attendance") but neither votes nor counts for the quorum', () => {
    expect(statusesFor('co-opted')).toEqual(['present', 'apologies', 'absent']);
    expect(reasons(coOpted).parent).toBe('not-voting-role');
    expect(itemQuorum(coOpted)).toEqual(itemQuorum(base));
  });
});

describe('the quorum for an item', () => {
  it('counts only those entitled to take part in it', () => {
    // Six voting members published (chair, vice, evans, mcvey, late, gone); four may take part in item 6.
    expect(itemQuorum(base)).toEqual({ votingMembership: 6, votingPresent: 4, required: 3, quorate: true });
    const withdrawals = { ...base, declarations: ['chair', 'vice'].map((memberId) => ({ memberId, itemNumber: '6', action: 'withdrew' as const, withdrawnAt: null })) };
    expect(itemQuorum(withdrawals)).toEqual({ votingMembership: 6, votingPresent: 2, required: 3, quorate: false });
  });
});

describe('a vote on an item counts only those who may vote on it', () => {
  const entitlements = itemEntitlements({ ...base, declarations: [{ memberId: 'evans', itemNumber: '6', action: 'withdrew', withdrawnAt: null }] });
  const context = {
    agendaNumbers: base.order,
    votingMemberIds: entitlements.filter((e) => e.mayVote).map((e) => e.memberId),
    notEntitled: (id: string) => entitlements.find((e) => e.memberId === id)?.reason ?? null,
  };
  const meetingId = '3f0b0a56-3f5e-4d6b-9a1f-2b7c6a1d9e01';
  const codes = (r: ReturnType<typeof validateOutcome>) => (r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')]));

  it('refuses to record the withdrawn member, the absent one and the one who left, each by name and reason', () => {
    const recorded = { for: ['chair', 'evans'], against: ['mcvey'], abstain: ['gone'] };
    expect(codes(validateOutcome({ meetingId, itemNumber: '6', kind: 'agreed', vote: { for: 2, against: 1, abstain: 1, recorded } }, context))).toEqual([
      ['recorded_vote_member_withdrew', 'vote.recorded.for.1'],
      ['recorded_vote_member_absent', 'vote.recorded.against.0'],
      ['recorded_vote_member_left', 'vote.recorded.abstain.0'],
    ]);
    expect(validateOutcome({ meetingId, itemNumber: '6', kind: 'agreed', vote: { for: 2, against: 1, abstain: 0, recorded: { for: ['chair', 'vice'], against: ['miller'], abstain: [] } } }, context).ok).toBe(true);
  });

  it('refuses more votes than members who may vote', () => {
    expect(codes(validateOutcome({ meetingId, itemNumber: '6', kind: 'agreed', vote: { for: 3, against: 1, abstain: 0 } }, context))).toEqual([['vote_exceeds_entitled', 'vote']]);
    expect(validateOutcome({ meetingId, itemNumber: '6', kind: 'agreed', vote: { for: 3, against: 0, abstain: 0 } }, context).ok).toBe(true);
  });
});
