/**
 * Running a meeting: attendance, the live agenda, outcomes with votes, actions and panel comments.
 * Shapes only; the council's rules about them (quorum, substitutes, votes that must add up) are in
 * `quorum.ts`, `attendance.ts`, `outcomes.ts` and `timing.ts`. Pure TypeScript.
 */
import { z } from 'zod';
import { ItemNumber, MeetingId, MemberId, OutcomeKind } from '../vocabulary';


/* Attendance -------------------------------------------------------------------------------- */

/**
 * - `present`: a voting member (chair, vice-chair, member) in the room;
 * - `apologies`: sent apologies; `absent`: neither present nor apologised;
 * - `substitute`: present in place of a member who sent apologies (`substituteFor`);
 * - `in-attendance`: officers and cabinet members who attend but do not vote.
 */
export const attendanceStatuses = ['present', 'apologies', 'absent', 'substitute', 'in-attendance'] as const;
export const AttendanceStatus = z.enum(attendanceStatuses);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

export const AttendanceDraft = z.object({
  meetingId: MeetingId,
  memberId: MemberId,
  status: AttendanceStatus,
  substituteFor: MemberId.optional(),
  /** The item at which the member arrived late, or left early. */
  arrivedAtItem: ItemNumber.optional(),
  departedAtItem: ItemNumber.optional(),
});
export type AttendanceDraft = z.infer<typeof AttendanceDraft>;

export const AttendanceEntry = AttendanceDraft.extend({
  memberName: z.string(),
  substituteForName: z.string().optional(),
  updatedAt: z.string(),
});
export type AttendanceEntry = z.infer<typeof AttendanceEntry>;

export const QuorumCheck = z.object({
  votingMembership: z.number().int().nonnegative(),
  votingPresent: z.number().int().nonnegative(),
  required: z.number().int().positive(),
  quorate: z.boolean(),
});
export type QuorumCheck = z.infer<typeof QuorumCheck>;

export const Attendance = z.object({ entries: z.array(AttendanceEntry), quorum: QuorumCheck });
export type Attendance = z.infer<typeof Attendance>;

/* Live agenda -------------------------------------------------------------------------------- */

export const LiveAgendaItem = z.object({
  number: z.string(),
  title: z.string(),
  /** "10:05" and "10:50" as printed on the agenda, when it gives an indicative timing. */
  timingFrom: z.string().nullable(),
  timingTo: z.string().nullable(),
  indicativeMinutes: z.number().int().nonnegative().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Whole minutes from start to end (or to now while running). */
  elapsedMinutes: z.number().int().nonnegative().nullable(),
  overrun: z.boolean(),
  current: z.boolean(),
  deferred: z.boolean(),
  partTwo: z.boolean(),
});
export type LiveAgendaItem = z.infer<typeof LiveAgendaItem>;

export const LiveAgenda = z.object({
  meetingId: MeetingId,
  currentItem: z.string().nullable(),
  items: z.array(LiveAgendaItem),
});
export type LiveAgenda = z.infer<typeof LiveAgenda>;

/* Outcomes ----------------------------------------------------------------------------------- */


const Names = z.array(MemberId).max(200);
export const RecordedVote = z.object({ for: Names, against: Names, abstain: Names });
export type RecordedVote = z.infer<typeof RecordedVote>;

export const Vote = z.object({
  for: z.number().int().nonnegative().max(500),
  against: z.number().int().nonnegative().max(500),
  abstain: z.number().int().nonnegative().max(500),
  /** A recorded vote: who voted which way, by member id; the counts must match. */
  recorded: RecordedVote.optional(),
});
export type Vote = z.infer<typeof Vote>;

/** As typed; `validateOutcome` turns it into an `Outcome` or explains what is wrong. */
export const OutcomeDraft = z.object({
  meetingId: MeetingId,
  itemNumber: ItemNumber,
  kind: OutcomeKind,
  resolution: z.string().max(20_000).optional(),
  vote: Vote.optional(),
});
export type OutcomeDraft = z.infer<typeof OutcomeDraft>;

export const Outcome = OutcomeDraft.extend({ resolution: z.string().min(1).max(10_000).optional() });
export type Outcome = z.infer<typeof Outcome>;

export const StoredOutcome = Outcome.extend({
  id: z.uuid(),
  version: z.number().int().nonnegative(),
  updatedAt: z.string(),
});
export type StoredOutcome = z.infer<typeof StoredOutcome>;

/* Actions ------------------------------------------------------------------------------------ */

export const actionStatuses = ['open', 'done'] as const;
export const ActionDraft = z.object({
  meetingId: MeetingId,
  itemNumber: ItemNumber,
  text: z.string().trim().min(1).max(2000),
  /** Who is to do it: a member, or an officer or team named in words. */
  owner: z.string().trim().min(1).max(200),
  dueDate: z.iso.date().optional(),
  status: z.enum(actionStatuses).default('open'),
});
export type ActionDraft = z.infer<typeof ActionDraft>;

export const StoredAction = ActionDraft.extend({
  id: z.uuid(),
  status: z.enum(actionStatuses),
  meetingTitle: z.string(),
  meetingDate: z.string(),
  version: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredAction = z.infer<typeof StoredAction>;

/* Panel comments ----------------------------------------------------------------------------- */

export const PanelComment = z.object({
  id: z.uuid(),
  meetingId: MeetingId,
  itemNumber: z.string(),
  title: z.string(),
  createdBy: MemberId,
  createdAt: z.string(),
  /** The current draft text (the Yjs document's `text`). */
  text: z.string(),
  agreedText: z.string().nullable(),
  agreedBy: MemberId.nullable(),
  agreedAt: z.string().nullable(),
  /** Sequence number of the last stored update. */
  latestSeq: z.number().int().nonnegative(),
});
export type PanelComment = z.infer<typeof PanelComment>;

/** A Yjs update, base64; bounded so one push cannot fill the database. */
export const YUpdate = z.string().min(1).max(2_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/);

/* History ------------------------------------------------------------------------------------ */

export const meetingHistoryEntities = ['attendance', 'agenda', 'outcome', 'action', 'panel-comment'] as const;
export const MeetingHistoryEntry = z.object({
  id: z.number().int().positive(),
  meetingId: MeetingId,
  entity: z.enum(meetingHistoryEntities),
  entityId: z.string(),
  actorMemberId: MemberId,
  at: z.string(),
  op: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type MeetingHistoryEntry = z.infer<typeof MeetingHistoryEntry>;
