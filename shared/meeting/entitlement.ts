/**
 * Who may take part in, and vote on, one agenda item. The record is only true if these hold:
 * - only the chair, vice-chair, members and substitutes vote; officers, cabinet members, the clerk
 *   and co-opted members in attendance do not;
 * - a member must be in the room: present (or substituting), not arrived after the item, not gone
 *   before it. A departure recorded "at item N" means the member left during N, so was not there
 *   for N's decision;
 * - a member who declared an interest on the item and withdrew (a DPI without dispensation, or
 *   spoke as the public could and then withdrew) takes no part at all; one who "remained but did
 *   not vote" takes part but does not vote;
 * - the item's quorum counts only those entitled to take part in it.
 * Pure TypeScript, used by the core to refuse and by the screens to explain.
 */
import type { DeclarationAction } from '../declarations/schema';
import type { MeetingRoleName } from '../domain/interests';
import { checkQuorum } from './quorum';
import type { AttendanceStatus } from './schema';

export const notEntitledReasons = ['not-voting-role', 'not-present', 'arrived-after', 'left-before', 'withdrew', 'did-not-vote'] as const;
export type NotEntitledReason = (typeof notEntitledReasons)[number];

export interface EntitlementInput {
  itemNumber: string;
  /** The item numbers in the order they are taken on the day. */
  order: readonly string[];
  roles: readonly { memberId: string; role: MeetingRoleName }[];
  attendance: readonly { memberId: string; status: AttendanceStatus; arrivedAtItem?: string; departedAtItem?: string }[];
  declarations: readonly { memberId: string; itemNumber: string; action: DeclarationAction; withdrawnAt: string | null }[];
}

export interface Entitlement {
  memberId: string;
  mayTakePart: boolean;
  mayVote: boolean;
  /** Why the member may not vote, when they may not. */
  reason: NotEntitledReason | null;
}

const votingMembershipRoles: readonly MeetingRoleName[] = ['chair', 'vice-chair', 'member'];
const withdrawing: readonly DeclarationAction[] = ['withdrew', 'spoke-as-public-then-withdrew'];

function presenceReason(input: EntitlementInput, memberId: string, role: MeetingRoleName): NotEntitledReason | null {
  const entry = input.attendance.find((a) => a.memberId === memberId);
  const inRoom = entry !== undefined && (entry.status === 'substitute' || (entry.status === 'present' && role !== 'substitute'));
  if (!inRoom) return 'not-present';
  const here = input.order.indexOf(input.itemNumber);
  if (entry.arrivedAtItem !== undefined && input.order.indexOf(entry.arrivedAtItem) > here) return 'arrived-after';
  if (entry.departedAtItem !== undefined && input.order.indexOf(entry.departedAtItem) <= here) return 'left-before';
  return null;
}

/** One row per member who holds a voting role at the meeting, in the order of `roles`. */
export function itemEntitlements(input: EntitlementInput): Entitlement[] {
  return input.roles.map(({ memberId, role }) => {
    if (!votingMembershipRoles.includes(role) && role !== 'substitute') return { memberId, mayTakePart: false, mayVote: false, reason: 'not-voting-role' as const };
    const absent = presenceReason(input, memberId, role);
    if (absent !== null) return { memberId, mayTakePart: false, mayVote: false, reason: absent };
    const declared = input.declarations.filter((d) => d.memberId === memberId && d.itemNumber === input.itemNumber && d.withdrawnAt === null);
    if (declared.some((d) => withdrawing.includes(d.action))) return { memberId, mayTakePart: false, mayVote: false, reason: 'withdrew' as const };
    if (declared.some((d) => d.action === 'remained-did-not-vote')) return { memberId, mayTakePart: true, mayVote: false, reason: 'did-not-vote' as const };
    return { memberId, mayTakePart: true, mayVote: true, reason: null };
  });
}

/** The item's quorum: the voting membership as published, against those entitled to take part. */
export function itemQuorum(input: EntitlementInput, entitlements: readonly Entitlement[] = itemEntitlements(input)) {
  const membership = input.roles.filter((r) => votingMembershipRoles.includes(r.role)).length;
  return checkQuorum(membership, entitlements.filter((e) => e.mayTakePart).length);
}
