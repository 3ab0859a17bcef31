import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';
import { AttendanceRepository } from './attendance';
import type { DomainWriter } from '../repositories/domainWriter';
import { LiveAgendaRepository } from './liveAgenda';
import { MeetingAccess } from '../meetings/access';
import { OutcomesRepository } from './outcomes';
import { PanelCommentsRepository } from './panelComments';
import { SpeakingTurnsRepository } from './speakingTurns';
import type { meetingOperations } from '../../../shared/api/contracts/meeting';
import type { meetingRunningOperations } from '../../../shared/api/contracts/meetingRunning';
import { ItemEntitlementReader } from './itemEntitlement';
import type { RestrictedGate } from '../security/restrictedGate';

const fromBase64 = (data: string): Uint8Array => new Uint8Array(Buffer.from(data, 'base64'));
const toBase64 = (data: Uint8Array): string => Buffer.from(data).toString('base64');

export type MeetingHandlers = Pick<Handlers, keyof typeof meetingOperations | keyof typeof meetingRunningOperations>;

/**
 * The handlers for running a meeting (shared/api/contracts/meeting.ts). What they list of Part II
 * business goes through the offline expiry gate, like the papers it is about.
 */
export function meetingHandlers(db: Db, writer: DomainWriter, clock: () => Date, gate: RestrictedGate): MeetingHandlers {
  const access = new MeetingAccess(db);
  const attendance = new AttendanceRepository(db, writer, access);
  const agenda = new LiveAgendaRepository(db, writer, access, clock);
  const entitlement = new ItemEntitlementReader(db, access, attendance);
  const outcomes = new OutcomesRepository(db, writer, access, entitlement);
  const comments = new PanelCommentsRepository(db, writer, access);
  const speaking = new SpeakingTurnsRepository(db, writer, access);
  return {
    getAttendance: ({ meetingId }) => attendance.get(meetingId),
    recordAttendance: ({ actingMemberId, attendance: draft }) => attendance.record(actingMemberId, draft),
    getLiveAgenda: ({ meetingId }) => agenda.get(meetingId),
    startAgendaItem: ({ actingMemberId, meetingId, itemNumber, at, mode }) => agenda.start(actingMemberId, meetingId, itemNumber, at, mode),
    endAgendaItem: ({ actingMemberId, meetingId, itemNumber, at }) => agenda.end(actingMemberId, meetingId, itemNumber, at),
    reorderAgenda: ({ actingMemberId, meetingId, order }) => agenda.reorder(actingMemberId, meetingId, order),
    markAgendaItem: ({ actingMemberId, meetingId, itemNumber, deferred, partTwo }) => agenda.mark(actingMemberId, meetingId, itemNumber, { deferred, partTwo }),
    recordOutcome: ({ actingMemberId, outcome }) => outcomes.record(actingMemberId, outcome),
    listOutcomes: ({ meetingId }) => gate.visible(outcomes.list(meetingId), (o) => o.itemNumber),
    saveAction: ({ actingMemberId, id, action }) => outcomes.saveAction(actingMemberId, action, id),
    listActions: (filter) => gate.visible(outcomes.listActions(filter), (a) => a.itemNumber),
    recordSpeakingTurn: ({ actingMemberId, turn }) => speaking.record(actingMemberId, turn),
    listSpeakingTurns: ({ meetingId }) => speaking.list(meetingId),
    getMeetingHistory: ({ meetingId, entity, entityId }) => outcomes.history(meetingId, entity, entityId),
    createPanelComment: ({ actingMemberId, meetingId, itemNumber, title, text }) => comments.create(actingMemberId, meetingId, itemNumber, title, text),
    listPanelComments: ({ meetingId }) => gate.visible(comments.list(meetingId), (c) => c.itemNumber),
    pushPanelCommentUpdate: ({ actingMemberId, commentId, update }) => comments.push(actingMemberId, commentId, fromBase64(update)),
    pullPanelComment: ({ commentId, stateVector }) => {
      const { comment, update } = comments.pull(commentId, stateVector === undefined ? undefined : fromBase64(stateVector));
      gate.requireItem(comment.meetingId, comment.itemNumber, 'This panel comment');
      return { comment, update: toBase64(update) };
    },
    agreePanelComment: ({ actingMemberId, commentId, expectedText }) => comments.agree(actingMemberId, commentId, expectedText),
    getPanelCommentHistory: ({ commentId }) => {
      const history = comments.textHistory(commentId);
      const comment = comments.get(commentId);
      gate.requireItem(comment.meetingId, comment.itemNumber, 'This panel comment');
      return history;
    },
    getItemEntitlement: ({ meetingId, itemNumber }) => entitlement.get(meetingId, itemNumber),
  };
}
