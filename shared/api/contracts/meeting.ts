/**
 * Running the meeting (issue 5): attendance and quorum, the live agenda, outcomes and votes,
 * actions, panel comments (Yjs documents) and the append-only meeting history. Spread into the
 * contract in `contract.ts`. As for declarations, `actingMemberId` is who is using Chamber; only
 * the meeting's chair, vice-chair or clerk may record what happened (else FORBIDDEN), and broken
 * meeting rules answer MEETING_RULE_BROKEN with issue codes from shared/meeting.
 */
import { z } from 'zod';
import { operation } from '../operation';
import {
  ActionDraft,
  actionStatuses,
  Attendance,
  AttendanceDraft,
  AttendanceEntry,
  LiveAgenda,
  MeetingHistoryEntry,
  meetingHistoryEntities,
  OutcomeDraft,
  PanelComment,
  StoredAction,
  StoredOutcome,
  YUpdate,
} from '../../meeting/schema';
import { SpeakingTurn, SpeakingTurnDraft } from '../../meeting/speaking';
import { MemberId, MeetingId, Instant, ItemNumber } from '../../vocabulary';

const acting = { actingMemberId: MemberId };
const CommentId = z.uuid();

export const meetingOperations = {
  getAttendance: operation({
    summary: "A meeting's attendance and whether it is quorate (a quarter of the voting membership, at least 3)",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: Attendance,
  }),
  recordAttendance: operation({
    summary: 'Record a member as present, apologies, absent, substitute for someone, or in attendance; with arrival/departure item',
    input: z.object({ ...acting, attendance: AttendanceDraft.strict() }).strict(),
    output: AttendanceEntry,
  }),
  getLiveAgenda: operation({
    summary: 'The agenda as it runs: current item, start/end, elapsed against indicative timing, overruns, deferrals, Part II',
    input: z.object({ meetingId: MeetingId }).strict(),
    output: LiveAgenda,
  }),
  startAgendaItem: operation({
    summary: 'Start an item (the running one ends); `at` sets the time explicitly. An item that already has times needs `mode`: resume keeps its start, correct replaces it',
    input: z.object({ ...acting, meetingId: MeetingId, itemNumber: ItemNumber, at: Instant.optional(), mode: z.enum(['resume', 'correct']).optional() }).strict(),
    output: LiveAgenda,
  }),
  endAgendaItem: operation({
    summary: 'End an item; `at` sets the time explicitly',
    input: z.object({ ...acting, meetingId: MeetingId, itemNumber: ItemNumber, at: Instant.optional() }).strict(),
    output: LiveAgenda,
  }),
  reorderAgenda: operation({
    summary: "Take the items in a different order on the day (every item once)",
    input: z.object({ ...acting, meetingId: MeetingId, order: z.array(ItemNumber).min(1).max(500) }).strict(),
    output: LiveAgenda,
  }),
  markAgendaItem: operation({
    summary: 'Defer an item, or mark it as taken in private (Part II), or undo either',
    input: z.object({ ...acting, meetingId: MeetingId, itemNumber: ItemNumber, deferred: z.boolean().optional(), partTwo: z.boolean().optional() }).strict(),
    output: LiveAgenda,
  }),
  recordOutcome: operation({
    summary: "Record or change an item's outcome, with its vote (a recorded vote names who voted how)",
    input: z.object({ ...acting, outcome: OutcomeDraft.strict() }).strict(),
    output: StoredOutcome,
  }),
  listOutcomes: operation({
    summary: "A meeting's outcomes in agenda order",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: z.array(StoredOutcome),
  }),
  saveAction: operation({
    summary: 'Record an action (text, owner, due date) on an item, or change one (id)',
    input: z.object({ ...acting, id: z.uuid().optional(), action: ActionDraft.strict() }).strict(),
    output: StoredAction,
  }),
  listActions: operation({
    summary: 'The action tracker: actions across meetings, open first by due date',
    input: z.object({ meetingId: MeetingId.optional(), status: z.enum(actionStatuses).optional() }).strict(),
    output: z.array(StoredAction),
  }),
  recordSpeakingTurn: operation({
    summary: 'Keep one timed turn at speaking on an item (a member, or a member of the public by name) for the minutes',
    input: z.object({ ...acting, turn: SpeakingTurnDraft }).strict(),
    output: SpeakingTurn,
  }),
  listSpeakingTurns: operation({
    summary: "A meeting's timed turns at speaking, in the order spoken",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: z.array(SpeakingTurn),
  }),
  getMeetingHistory: operation({
    summary: 'The append-only record (who, when, what) of attendance, agenda, outcome, action and comment changes',
    input: z.object({ meetingId: MeetingId, entity: z.enum(meetingHistoryEntities).optional(), entityId: z.string().max(200).optional() }).strict(),
    output: z.array(MeetingHistoryEntry),
  }),
  createPanelComment: operation({
    summary: 'Start a panel comment draft on an item (a Yjs document), optionally with first wording',
    input: z.object({ ...acting, meetingId: MeetingId, itemNumber: ItemNumber, title: z.string().trim().min(1).max(200), text: z.string().max(20_000).optional() }).strict(),
    output: PanelComment,
  }),
  listPanelComments: operation({
    summary: "A meeting's panel comments with their current and agreed wording",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: z.array(PanelComment),
  }),
  pushPanelCommentUpdate: operation({
    summary: "Store an editor's Yjs update (base64) to a comment draft; merged with everyone else's",
    input: z.object({ ...acting, commentId: CommentId, update: YUpdate }).strict(),
    output: PanelComment,
  }),
  pullPanelComment: operation({
    summary: 'What an editor is missing (base64 Yjs update against its state vector) and the merged draft',
    input: z.object({ commentId: CommentId, stateVector: YUpdate.optional() }).strict(),
    output: z.object({ comment: PanelComment, update: z.string() }),
  }),
  agreePanelComment: operation({
    summary: 'The chair or clerk marks the wording as agreed by the panel (expectedText guards against late edits)',
    input: z.object({ ...acting, commentId: CommentId, expectedText: z.string().max(20_000).optional() }).strict(),
    output: PanelComment,
  }),
  getPanelCommentHistory: operation({
    summary: 'Every stored edit of a comment draft: who, when and the wording after it',
    input: z.object({ commentId: CommentId }).strict(),
    output: z.array(z.object({ seq: z.number().int().positive(), memberId: MemberId, at: z.string(), text: z.string() })),
  }),
};
