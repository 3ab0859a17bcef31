import type { RichText } from '../../../shared/minutes/richText';
import type { Core } from '../core';
import { CoreError } from '../errors';

export const seedCouncil = 'Worcestershire County Council';
/** The committee's previous minutes ended at 1082, so this meeting's run from 1083. */
export const seedPreviousMinute = 1082;

/** The clerk's narrative for item 6, in the council's own words (seed minutes of 5 November 2019). */
export const seedDataSharingNarrative: RichText = [
  {
    type: 'paragraph',
    runs: [
      { text: 'The Panel received a report which provided an overview of how the Council currently shared information with District Councils and others to meet residents’ needs. The Director explained that all Partners across Worcestershire had signed a ' },
      { text: 'Worcestershire Office of Data Analytics (WODA) Data Sharing Charter', bold: true },
      { text: ' which set out principles for person related data sharing.' },
    ],
  },
  { type: 'paragraph', runs: [{ text: 'The Panel considered areas in which the Council could work with the District Councils. Members suggestions included:' }] },
  {
    type: 'list',
    ordered: false,
    items: [[{ text: 'Council tax collection system' }], [{ text: 'Information Technology systems e.g. ' }, { text: 'Office 365', italic: true }], [{ text: 'A system of sharing Best Practice' }]],
  },
];

/** Starts the draft minutes of the demo meeting as the clerk would, with one item's narrative written. */
export async function seedMinutesDraft(core: Core, meetingId: string, clerk: string): Promise<void> {
  for (const [name, input] of [
    ['startMinutes', { actingMemberId: clerk, meetingId, councilName: seedCouncil, previousLastMinute: seedPreviousMinute }],
    ['saveMinuteNarrative', { actingMemberId: clerk, meetingId, itemNumber: '6', narrative: seedDataSharingNarrative }],
  ] as const) {
    const result = await core.call(name, input);
    if (!result.ok) throw new CoreError(result.error.code, `${name}: ${result.error.message}`, result.error.issues);
  }
}
