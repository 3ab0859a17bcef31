/**
 * A turn at speaking on a time-limited item (public participation, question time): who spoke, from
 * when to when, against what limit. Kept so the minutes can say who addressed the meeting and for
 * how long, and that the chair held speakers to the standing orders.
 */
import { z } from 'zod';
import { Instant, ItemNumber, MeetingId, MemberId, UtcInstant } from '../vocabulary';

export const SpeakingTurnDraft = z
  .object({
    meetingId: MeetingId,
    itemNumber: ItemNumber,
    /** A member with a role at the meeting, or (for a member of the public) no id and only a name. */
    memberId: MemberId.optional(),
    speaker: z.string().trim().min(1).max(200),
    startedAt: Instant,
    endedAt: Instant,
    /** The limit the chair set, in whole seconds; absent when the item has none. */
    limitSeconds: z.number().int().positive().max(3600).optional(),
  })
  .strict()
  .refine((t) => Date.parse(t.endedAt) >= Date.parse(t.startedAt), { path: ['endedAt'], message: 'A turn cannot end before it started' });
export type SpeakingTurnDraft = z.infer<typeof SpeakingTurnDraft>;

/**
 * A turn as every device keeps it and as it travels (shared/sync/register.ts): the draft, who timed
 * it and when. Recorded once; a mistimed turn is a fact of the meeting, like the vote.
 */
export const StoredSpeakingTurn = z
  .object({
    id: z.uuid(),
    meetingId: MeetingId,
    itemNumber: ItemNumber,
    memberId: MemberId.nullable(),
    speaker: z.string().trim().min(1).max(200),
    startedAt: UtcInstant,
    endedAt: UtcInstant,
    limitSeconds: z.number().int().positive().max(3600).nullable(),
    recordedBy: MemberId,
    createdAt: UtcInstant,
  })
  .strict()
  .refine((t) => Date.parse(t.endedAt) >= Date.parse(t.startedAt), { path: ['endedAt'], message: 'A turn cannot end before it started' });
export type StoredSpeakingTurn = z.infer<typeof StoredSpeakingTurn>;

export const SpeakingTurn = z.object({
  id: z.uuid(),
  meetingId: MeetingId,
  itemNumber: z.string(),
  memberId: z.string().nullable(),
  speaker: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  limitSeconds: z.number().int().nullable(),
  /** Whole seconds spoken, and how many of them over the limit. */
  seconds: z.number().int().nonnegative(),
  overSeconds: z.number().int().nonnegative(),
});
export type SpeakingTurn = z.infer<typeof SpeakingTurn>;

export function turnSeconds(turn: Pick<SpeakingTurnDraft, 'startedAt' | 'endedAt' | 'limitSeconds'>): { seconds: number; overSeconds: number } {
  const seconds = Math.max(0, Math.round((Date.parse(turn.endedAt) - Date.parse(turn.startedAt)) / 1000));
  return { seconds, overSeconds: turn.limitSeconds === undefined ? 0 : Math.max(0, seconds - turn.limitSeconds) };
}
