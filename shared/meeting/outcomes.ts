/**
 * Rules for an item's outcome, answered with stable codes the renderer translates:
 * a resolution needs its text; deferred or withdrawn items have no vote; a recorded vote names
 * exactly as many members as the counts say, each once, and only members entitled to vote.
 */
import type { FieldIssue } from '../result';
import type { NotEntitledReason } from './entitlement';
import { Outcome, type OutcomeDraft } from './schema';

export const outcomeIssueCodes = [
  'resolution_required',
  'resolution_not_allowed',
  'vote_not_allowed',
  'recorded_vote_count_mismatch',
  'recorded_vote_duplicate',
  'recorded_vote_not_voting_member',
  'unknown_item',
  'recorded_vote_member_withdrew',
  'recorded_vote_member_absent',
  'recorded_vote_member_left',
  'recorded_vote_member_did_not_vote',
  'vote_exceeds_entitled',
] as const;
export type OutcomeIssueCode = (typeof outcomeIssueCodes)[number];

export interface OutcomeContext {
  /** The item numbers on the meeting's agenda. */
  agendaNumbers: readonly string[];
  /** Members who may vote at the meeting (present chair, vice-chair, members and substitutes). */
  votingMemberIds: readonly string[];
  /** Why a member may not vote on this item (shared/meeting/entitlement.ts), so the refusal says so. */
  notEntitled?: (memberId: string) => NotEntitledReason | null;
}

const reasonCodes: Record<NotEntitledReason, OutcomeIssueCode> = {
  'not-voting-role': 'recorded_vote_not_voting_member',
  'not-present': 'recorded_vote_member_absent',
  'arrived-after': 'recorded_vote_member_absent',
  'left-before': 'recorded_vote_member_left',
  withdrew: 'recorded_vote_member_withdrew',
  'did-not-vote': 'recorded_vote_member_did_not_vote',
};

export type OutcomeValidation = { ok: true; value: Outcome } | { ok: false; issues: FieldIssue[] };

const issue = (path: (string | number)[], code: OutcomeIssueCode, message: string): FieldIssue => ({ path, code, message });

export function validateOutcome(draft: OutcomeDraft, context: OutcomeContext): OutcomeValidation {
  const issues: FieldIssue[] = [];
  const resolution = draft.resolution?.trim().replace(/[ \t]+/g, ' ') ?? '';
  if (!context.agendaNumbers.includes(draft.itemNumber.trim())) {
    issues.push(issue(['itemNumber'], 'unknown_item', `Item ${draft.itemNumber} is not on this meeting's agenda`));
  }
  if (draft.kind === 'resolved' && resolution === '') {
    issues.push(issue(['resolution'], 'resolution_required', 'A resolution needs the words the panel resolved'));
  }
  if (draft.kind !== 'resolved' && draft.kind !== 'agreed' && resolution !== '') {
    issues.push(issue(['resolution'], 'resolution_not_allowed', 'Only an agreed or resolved item has resolution text'));
  }
  const vote = draft.vote;
  if (vote && (draft.kind === 'deferred' || draft.kind === 'withdrawn' || draft.kind === 'noted')) {
    issues.push(issue(['vote'], 'vote_not_allowed', 'An item that was noted, deferred or withdrawn has no vote'));
  }
  if (vote && !vote.recorded && vote.for + vote.against + vote.abstain > context.votingMemberIds.length) {
    issues.push(issue(['vote'], 'vote_exceeds_entitled', `More votes than the ${context.votingMemberIds.length} members who may vote on this item`));
  }
  if (vote?.recorded) {
    const sides = ['for', 'against', 'abstain'] as const;
    for (const side of sides) {
      if (vote.recorded[side].length !== vote[side]) {
        issues.push(issue(['vote', 'recorded', side], 'recorded_vote_count_mismatch', `${vote[side]} voted ${side} but ${vote.recorded[side].length} were named`));
      }
    }
    const seen = new Set<string>();
    for (const side of sides) {
      vote.recorded[side].forEach((id, index) => {
        if (seen.has(id)) issues.push(issue(['vote', 'recorded', side, index], 'recorded_vote_duplicate', `${id} is named more than once`));
        seen.add(id);
        if (!context.votingMemberIds.includes(id)) {
          const reason = context.notEntitled?.(id) ?? null;
          const code = reason === null ? 'recorded_vote_not_voting_member' : reasonCodes[reason];
          issues.push(issue(['vote', 'recorded', side, index], code, `${id} may not vote on this item (${reason ?? 'not a voting member present'})`));
        }
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: Outcome.parse({
      meetingId: draft.meetingId,
      itemNumber: draft.itemNumber.trim(),
      kind: draft.kind,
      ...(resolution === '' ? {} : { resolution }),
      ...(vote ? { vote } : {}),
    }),
  };
}
