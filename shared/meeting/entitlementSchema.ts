/** Who may take part in and vote on one item, as the live-meeting screen shows it (rules in entitlement.ts). */
import { z } from 'zod';
import { MeetingRoleName } from '../domain/interests';
import { notEntitledReasons } from './entitlement';
import { QuorumCheck } from './schema';
import { MemberId, MeetingId } from '../vocabulary';

export const ItemEntitlement = z.object({
  meetingId: MeetingId,
  itemNumber: z.string(),
  /** One row per member with a voting role at the meeting. */
  members: z.array(
    z.object({
      memberId: MemberId,
      memberName: z.string(),
      role: MeetingRoleName,
      mayTakePart: z.boolean(),
      mayVote: z.boolean(),
      reason: z.enum(notEntitledReasons).nullable(),
    }),
  ),
  quorum: QuorumCheck,
});
export type ItemEntitlement = z.infer<typeof ItemEntitlement>;
