/**
 * Minutes (issue 6): the workflow (draft → circulated → approved at a later meeting's confirmation
 * item → locked), the clerk's narrative per item, corrections after approval, and the assembled
 * document and its exports. Only the meeting's chair or clerk may change minutes (else FORBIDDEN);
 * a step out of order answers MINUTES_WORKFLOW, an edit to approved minutes MINUTES_LOCKED.
 */
import { z } from 'zod';
import { operation } from '../operation';
import { minutesLanguages } from '../../minutes/layout';
import { MinutesDocument } from '../../minutes/model';
import { MinutesHistoryEntry, MinutesRecord } from '../../minutes/record';
import { RichText } from '../../minutes/richText';
import { ItemNumber, MeetingId, MemberId } from '../../vocabulary';

export const minutesFormats = ['docx', 'pdf', 'html', 'json'] as const;
export type MinutesFormat = (typeof minutesFormats)[number];

const acting = { actingMemberId: MemberId };
const CouncilName = z.string().trim().min(1).max(200);

export const minutesOperations = {
  getMinutes: operation({
    summary: "A meeting's minutes: workflow state, narrative per item, corrections (null before the clerk starts them)",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: MinutesRecord.nullable(),
  }),
  startMinutes: operation({
    summary: 'Start draft minutes; numbering continues from the previous meeting of the committee unless previousLastMinute is given',
    input: z.object({ ...acting, meetingId: MeetingId, councilName: CouncilName, previousLastMinute: z.number().int().nonnegative().max(10_000_000).optional() }).strict(),
    output: MinutesRecord,
  }),
  saveMinuteNarrative: operation({
    summary: "Save the clerk's narrative for one agenda item (bold, italic, lists); kept when the minutes are reassembled",
    input: z.object({ ...acting, meetingId: MeetingId, itemNumber: ItemNumber, narrative: RichText }).strict(),
    output: MinutesRecord,
  }),
  circulateMinutes: operation({
    summary: 'Circulate the draft minutes to the panel',
    input: z.object({ ...acting, meetingId: MeetingId }).strict(),
    output: MinutesRecord,
  }),
  returnMinutesToDraft: operation({
    summary: 'Take circulated minutes back to draft (before approval)',
    input: z.object({ ...acting, meetingId: MeetingId }).strict(),
    output: MinutesRecord,
  }),
  approveMinutes: operation({
    summary: "Record that a later meeting approved the minutes as a correct record at its 'Confirmation of the Minutes' item",
    input: z.object({ ...acting, meetingId: MeetingId, atMeetingId: MeetingId, itemNumber: ItemNumber }).strict(),
    output: MinutesRecord,
  }),
  lockMinutes: operation({
    summary: 'Lock approved minutes (signed by the chair); afterwards only recorded corrections',
    input: z.object({ ...acting, meetingId: MeetingId }).strict(),
    output: MinutesRecord,
  }),
  recordMinutesCorrection: operation({
    summary: 'Record a correction to approved or locked minutes (append-only)',
    input: z.object({ ...acting, meetingId: MeetingId, itemNumber: ItemNumber.optional(), text: z.string().trim().min(1).max(5000) }).strict(),
    output: MinutesRecord,
  }),
  assembleMinutes: operation({
    summary: 'Draft minutes assembled from what was recorded and the narrative (read-only; gaps marked, never fails on missing data)',
    input: z.object({ meetingId: MeetingId, councilName: CouncilName.optional() }).strict(),
    output: MinutesDocument,
  }),
  exportMinutes: operation({
    summary: 'The minutes as Word, PDF, HTML or Open Civic Data JSON, in English or Welsh (base64)',
    input: z.object({ meetingId: MeetingId, format: z.enum(minutesFormats), language: z.enum(minutesLanguages).default('en-GB'), councilName: CouncilName.optional() }).strict(),
    output: z.object({ fileName: z.string(), mediaType: z.string(), data: z.string(), gaps: z.number().int().nonnegative() }),
  }),
  getMinutesHistory: operation({
    summary: 'Every change to the minutes, oldest first (append-only)',
    input: z.object({ meetingId: MeetingId }).strict(),
    output: z.array(MinutesHistoryEntry),
  }),
};
