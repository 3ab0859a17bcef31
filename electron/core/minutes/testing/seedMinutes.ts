import fs from 'node:fs';
import path from 'node:path';
import { MinutesDocument, numberMinutes, roleOfItemTitle, type MinuteItem } from '../../../../shared/minutes/model';
import { richTextFromPlain, type RichText } from '../../../../shared/minutes/richText';

/** The clerk's narrative for the data-sharing item, as the council minuted it (seed minutes, 5 November 2019). */
export function seedNarrative(seedsDir: string): RichText {
  const raw = fs.readFileSync(path.join(seedsDir, 'minutes-item-2019-11-05-information-sharing.txt'), 'utf8');
  const body = raw.slice(raw.indexOf('Minutes:') + 'Minutes:'.length, raw.indexOf('Supporting documents:'));
  return richTextFromPlain(body);
}

/** Agenda of the 17 January 2022 seed pack, as its front sheet lists it. */
export const seedAgenda = [
  { number: '1', title: 'Apologies and Welcome' },
  { number: '2', title: 'Declarations of Interest and of any Party Whip' },
  { number: '3', title: 'Public Participation' },
  { number: '4', title: 'Confirmation of the Minutes of the Previous Meeting' },
  { number: '5', title: 'Budget Scrutiny 2022/23' },
  { number: '6', title: 'Data Sharing and Analytics' },
  { number: '7', title: "Annual Update on the Council's Energy Purchasing Arrangement via the West Mercia Energy Joint Committee" },
  { number: '8', title: 'Work Programme' },
] as const;

export const seedCommittee = 'Corporate and Communities Overview and Scrutiny Panel';
export const seedPreviousMinute = 1082;

type ItemFill = Partial<Omit<MinuteItem, 'minuteNumber' | 'itemNumber' | 'title' | 'role'>>;

/**
 * A fully recorded 17 January 2022 meeting as a minutes document: every section has content, so
 * renderer tests can check that each one reaches the page. Item 7 has no outcome (a gap).
 * `seedsDir` is resources/seeds (callers know where they run from: sources or the bench bundle).
 */
export function seedMinutesDocument(seedsDir: string): MinutesDocument {
  const fill: Record<string, ItemFill> = {
    '1': { narrative: richTextFromPlain('The Chairman welcomed everyone to the meeting.'), outcome: { kind: 'noted' } },
    '3': { narrative: richTextFromPlain('None.'), outcome: { kind: 'noted' } },
    '4': { outcome: { kind: 'agreed', resolution: 'that the Minutes of the meeting held on 8 November 2021 be confirmed as a correct record and signed by the Chairman.' } },
    '5': {
      narrative: [
        { type: 'paragraph', runs: [{ text: 'The Panel considered the ' }, { text: 'draft 2022/23 Budget', bold: true }, { text: ' for areas within its remit.' }] },
        { type: 'list', ordered: true, items: [[{ text: 'Pressures in ' }, { text: 'Communities', italic: true }], [{ text: 'Savings from digital services' }]] },
      ],
      outcome: { kind: 'resolved', resolution: 'that the Panel’s comments on the draft 2022/23 Budget be reported to the Overview and Scrutiny Performance Board on 26 January 2022.' },
      vote: { for: 6, against: 1, abstain: 1, recorded: { for: ['Cllr Mike Rouse', 'Cllr James Stanley', 'Cllr Mel Allcott', 'Cllr Aled Evans', 'Cllr Peter Griffiths', 'Cllr Beverley Nielsen'], against: ['Cllr Emma Marshall'], abstain: ['Cllr Craig Warhurst'] } },
      panelComments: [{ title: 'Budget scrutiny comments to OSPB', text: 'The Panel welcomed the additional investment in library services and asked for the savings from digital services to be tracked quarterly.' }],
      actions: [{ text: 'Circulate the breakdown of the digital savings', owner: 'Chief Financial Officer', dueDate: '2022-02-14' }],
    },
    '6': {
      narrative: seedNarrative(seedsDir),
      outcome: { kind: 'noted' },
      declarations: [
        { memberName: 'Cllr Laura Gretton', itemNumber: '6', itemTitle: 'Data Sharing and Analytics', kind: 'non-registrable', nature: 'Her partner is employed by West Mercia Police, a signatory of the data sharing charter', action: 'remained', declaredDuringItem: '6' },
      ],
      actions: [{ text: 'Report back to the Panel with a suggested way ahead on joint working', owner: 'Chairman and Vice-Chairman' }],
    },
    '8': { narrative: richTextFromPlain('The Panel reviewed its work programme.'), outcome: { kind: 'agreed' } },
  };
  const items = numberMinutes(
    seedPreviousMinute,
    seedAgenda.map(({ number, title }) => {
      const f = fill[number] ?? {};
      const hasContent = f.outcome !== undefined || (f.narrative?.length ?? 0) > 0 || roleOfItemTitle(title) === 'declarations';
      return {
        itemNumber: number,
        title,
        role: roleOfItemTitle(title),
        partTwo: false,
        narrative: f.narrative ?? [],
        outcome: f.outcome ?? null,
        vote: f.vote ?? null,
        declarations: f.declarations ?? [],
        panelComments: f.panelComments ?? [],
        actions: f.actions ?? [],
        gaps: hasContent ? [] : [{ code: 'no-outcome' as const, itemNumber: number }],
      };
    }),
  );
  return MinutesDocument.parse({
    meetingId: '6f1d3c1e-8a7b-4c5d-9e0f-112233445566',
    councilName: 'Worcestershire County Council',
    committee: seedCommittee,
    meetingTitle: 'Budget Scrutiny',
    date: '2022-01-17',
    startTime: '10:00',
    endTime: '12:25',
    venue: 'County Hall, Worcester',
    status: 'draft',
    approval: null,
    present: [
      { name: 'Cllr Mike Rouse', role: 'chair' },
      { name: 'Cllr James Stanley', role: 'vice-chair' },
      { name: 'Cllr Mel Allcott' },
      { name: 'Cllr Aled Evans' },
      { name: 'Cllr Peter Griffiths' },
      { name: 'Cllr Emma Marshall' },
      { name: 'Cllr Craig Warhurst' },
      { name: 'Cllr Laura Gretton' },
    ],
    apologies: [{ name: 'Cllr Natalie McVey' }],
    substitutes: [{ name: 'Cllr Beverley Nielsen', forName: 'Cllr Natalie McVey' }],
    alsoInAttendance: [{ name: 'Cllr Adam Ley', description: 'Cabinet Member with Responsibility for Corporate Services and Communication' }, { name: 'Michael Hudson', description: 'Chief Financial Officer' }],
    declarations: [
      { memberName: 'Cllr Aled Evans', itemNumber: '5', itemTitle: 'Budget Scrutiny 2022/23', kind: 'other-registrable', nature: 'Member of Redditch Borough Council, which is consulted on the budget', action: 'remained' },
      { memberName: 'Cllr Craig Warhurst', itemNumber: '7', itemTitle: 'West Mercia Energy', kind: 'dpi', nature: 'His employer supplies energy brokerage services to West Mercia Energy', action: 'withdrew' },
    ],
    items,
    corrections: [],
    gaps: [],
  });
}

/** What must appear in every rendering of the seed minutes, language-neutral (names, numbers, narrative). */
export const seedMinutesContent = [
  'Worcestershire County Council',
  seedCommittee,
  'County Hall, Worcester',
  'Cllr Mike Rouse',
  'Cllr James Stanley',
  'Cllr Natalie McVey',
  'Cllr Beverley Nielsen',
  'Michael Hudson',
  'Cllr Aled Evans',
  'Member of Redditch Borough Council',
  'Cllr Laura Gretton',
  'West Mercia Police',
  '1083',
  '1090',
  'Budget Scrutiny 2022/23',
  'Data Sharing and Analytics',
  'Worcestershire Office of Data Analytics',
  'Council tax collection system',
  'Overview and Scrutiny Performance Board on 26 January 2022',
  'Budget scrutiny comments to OSPB',
  'library services',
  'Circulate the breakdown of the digital savings',
  'Chief Financial Officer',
  '12:25',
] as const;
