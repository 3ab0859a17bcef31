/**
 * Minutes as stored: where they are in the workflow, the clerk's narrative per agenda item and the
 * corrections recorded after approval. The document itself (MinutesDocument) is assembled from
 * this and from what was recorded at the meeting.
 */
import { z } from 'zod';
import { MinutesStatus } from './model';
import { RichText } from './richText';
import { ItemNumber, MeetingId, MemberId, UtcInstant } from '../vocabulary';

export const MinuteNarrative = z.object({
  itemNumber: z.string(),
  narrative: RichText,
  updatedBy: MemberId,
  updatedAt: z.string(),
});
export type MinuteNarrative = z.infer<typeof MinuteNarrative>;

export const StoredMinutesCorrection = z.object({
  id: z.number().int().positive(),
  /** The same on every device the correction reached (migration 0014); what sync knows it by. */
  syncId: z.string().nullable(),
  itemNumber: z.string().nullable(),
  text: z.string(),
  recordedBy: MemberId,
  recordedByName: z.string(),
  at: z.string(),
});
export type StoredMinutesCorrection = z.infer<typeof StoredMinutesCorrection>;

/**
 * A correction as it travels between devices: sync entity `minute_correction`, keyed by its sync id.
 * Recorded once and never changed, so the endpoint takes it only as a new record.
 */
export const SyncedMinutesCorrection = z.object({
  meetingId: MeetingId,
  itemNumber: ItemNumber.nullable(),
  text: z.string().min(1).max(5000),
  recordedBy: MemberId,
  at: UtcInstant,
});
export type SyncedMinutesCorrection = z.infer<typeof SyncedMinutesCorrection>;

export const MinutesApprovalRecord = z.object({
  /** The later meeting whose "Confirmation of the Minutes" item approved these minutes. */
  meetingId: MeetingId,
  itemNumber: z.string(),
  meetingDate: z.string(),
  committee: z.string(),
  at: z.string(),
});

export const MinutesRecord = z.object({
  meetingId: MeetingId,
  status: MinutesStatus,
  /** The last minute number of the previous meeting; this meeting's minutes start at the next one. */
  previousLastMinute: z.number().int().nonnegative(),
  councilName: z.string(),
  circulatedAt: z.string().nullable(),
  approval: MinutesApprovalRecord.nullable(),
  lockedAt: z.string().nullable(),
  narratives: z.array(MinuteNarrative),
  corrections: z.array(StoredMinutesCorrection),
  version: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MinutesRecord = z.infer<typeof MinutesRecord>;

export const minutesHistoryOps = ['start', 'narrative', 'circulate', 'return-to-draft', 'approve', 'lock', 'correct'] as const;
export const MinutesHistoryEntry = z.object({
  id: z.number().int().positive(),
  meetingId: MeetingId,
  actorMemberId: MemberId,
  at: z.string(),
  op: z.enum(minutesHistoryOps),
  change: z.record(z.string(), z.unknown()),
});
export type MinutesHistoryEntry = z.infer<typeof MinutesHistoryEntry>;
