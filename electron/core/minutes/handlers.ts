import type { minutesOperations } from '../../../shared/api/contracts/minutes';
import { allGaps } from '../../../shared/minutes/model';
import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';
import { MinutesAssembler } from './gather';
import { minutesMediaTypes, renderMinutes } from './render/index';
import { minutesPhrases } from './render/phrases';
import type { DomainWriter } from '../repositories/domainWriter';
import { MeetingAccess } from '../meetings/access';
import { MinutesRepository } from './repository';
import type { RestrictedGate } from '../security/restrictedGate';

export type MinutesHandlers = Pick<Handlers, keyof typeof minutesOperations>;

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/** The handlers for minutes (shared/api/contracts/minutes.ts). */
export function minutesHandlers(db: Db, writer: DomainWriter, clock: () => Date, gate: RestrictedGate): MinutesHandlers {
  const access = new MeetingAccess(db);
  const minutes = new MinutesRepository(db, writer, access);
  const assembler = new MinutesAssembler(db, writer, access, minutes, clock);
  return {
    getMinutes: ({ meetingId }) => minutes.get(meetingId),
    startMinutes: ({ actingMemberId, meetingId, councilName, previousLastMinute }) => minutes.start(actingMemberId, meetingId, councilName, previousLastMinute),
    saveMinuteNarrative: ({ actingMemberId, meetingId, itemNumber, narrative }) => minutes.saveNarrative(actingMemberId, meetingId, itemNumber, narrative),
    circulateMinutes: ({ actingMemberId, meetingId }) => minutes.circulate(actingMemberId, meetingId),
    returnMinutesToDraft: ({ actingMemberId, meetingId }) => minutes.returnToDraft(actingMemberId, meetingId),
    approveMinutes: ({ actingMemberId, meetingId, atMeetingId, itemNumber }) => minutes.approve(actingMemberId, meetingId, atMeetingId, itemNumber),
    lockMinutes: ({ actingMemberId, meetingId }) => minutes.lock(actingMemberId, meetingId),
    recordMinutesCorrection: ({ actingMemberId, meetingId, itemNumber, text }) => minutes.correct(actingMemberId, meetingId, text, itemNumber),
    assembleMinutes: ({ meetingId, councilName }) => assembler.assemble(meetingId, councilName),
    exportMinutes: async ({ meetingId, format, language, councilName }) => {
      // Minutes with their exempt business left out would read as the whole record: refused instead.
      gate.requireMeeting(meetingId, 'all', 'These minutes');
      const document = assembler.assemble(meetingId, councilName);
      const bytes = await renderMinutes(document, format, language);
      // "cofnodion-…" in Welsh: the file is named in the language it is written in.
      const word = minutesPhrases(language)('document.fileName');
      return {
        fileName: `${word}-${document.date}-${slug(document.committee)}.${format}`,
        mediaType: minutesMediaTypes[format],
        data: Buffer.from(bytes).toString('base64'),
        gaps: allGaps(document).length,
      };
    },
    getMinutesHistory: ({ meetingId }) => minutes.history(meetingId),
  };
}
