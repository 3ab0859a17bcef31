import type { minutesOperations } from '../../../shared/api/contracts/minutes';
import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';
import type { DomainWriter } from '../repositories/domainWriter';
import { MinutesRepository } from '../repositories/minutes';

export type MinutesHandlers = Pick<Handlers, keyof typeof minutesOperations>;

/** The handlers for minutes (shared/api/contracts/minutes.ts). */
export function minutesHandlers(db: Db, writer: DomainWriter): MinutesHandlers {
  const minutes = new MinutesRepository(db, writer);
  return {
    getMinutes: ({ meetingId }) => minutes.get(meetingId),
    startMinutes: ({ actingMemberId, meetingId, councilName, previousLastMinute }) => minutes.start(actingMemberId, meetingId, councilName, previousLastMinute),
    saveMinuteNarrative: ({ actingMemberId, meetingId, itemNumber, narrative }) => minutes.saveNarrative(actingMemberId, meetingId, itemNumber, narrative),
    circulateMinutes: ({ actingMemberId, meetingId }) => minutes.circulate(actingMemberId, meetingId),
    returnMinutesToDraft: ({ actingMemberId, meetingId }) => minutes.returnToDraft(actingMemberId, meetingId),
    approveMinutes: ({ actingMemberId, meetingId, atMeetingId, itemNumber }) => minutes.approve(actingMemberId, meetingId, atMeetingId, itemNumber),
    lockMinutes: ({ actingMemberId, meetingId }) => minutes.lock(actingMemberId, meetingId),
    recordMinutesCorrection: ({ actingMemberId, meetingId, itemNumber, text }) => minutes.correct(actingMemberId, meetingId, text, itemNumber),
    getMinutesHistory: ({ meetingId }) => minutes.history(meetingId),
  };
}
