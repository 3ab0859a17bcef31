/**
 * The content of each sample pack, taken from the seeds. Layout lives in layout.ts and assembly
 * in assemble.ts; this file decides what goes on the pages.
 */
import { type AgendaPackSpec, type AssembledPack, type ItemSpec, assembleAgendaPack } from './assemble';
import { Flow, type Measurer, type Page } from './layout';
import type { MemberRole, SampleHeading, SampleMember } from './manifest';
import type { Seeds } from './seeds';
import { ITEM5_APPENDIX2_DIVIDER_2022, ITEM5_TIMETABLE_2022, ITEM7_REPORT_2022, WELSH_2022 } from './synthetic';
import {
  BLANK_PAGE_TEXT,
  type Block,
  cleanText,
  omitLines,
  parseSeed,
  sliceLines,
} from './text';

const REPORT_HEADING_2022 = '### CORPORATE AND COMMUNITIES OVERVIEW AND SCRUTINY PANEL 17 JANUARY 2022';
const VENUE_2022 = 'Council Chamber, County Hall, Worcester';
const COMMITTEE = 'Corporate and Communities Overview and Scrutiny Panel';

/** Parses "Cllr A (Chairman), Cllr B (Vice Chairman), Cllr C and Cllr D". */
export function parseMembers(line: string, prefix: string, chair: string, viceChair: string, and: string): SampleMember[] {
  return line
    .split(new RegExp(`,\\s*|\\s+${and}\\s+(?=${prefix}\\b)`))
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const role = /\(([^)]*)\)/.exec(part)?.[1]?.trim();
      const name = part.replace(/\([^)]*\)/, '').replace(new RegExp(`^${prefix}\\s+`), '').trim();
      const r: MemberRole = role === chair ? 'chair' : role === viceChair ? 'vice-chair' : 'member';
      return { name, role: r };
    });
}

interface SeedAgendaRow {
  number: number;
  title: string;
  boilerplate?: string;
  timingText?: string;
  pageColumn: string;
}

/** Reads the agenda table rows out of the seed pack, so the front sheet prints them as published. */
function seedAgendaRows(seed: string): SeedAgendaRow[] {
  const rows = sliceLines(seed, 'Item No\tSubject', 'Agenda produced').split('\n').slice(1);
  return rows
    .filter((line) => /^\d+\t/.test(line))
    .map((line) => {
      const [num = '', subjectRaw = '', page = ''] = line.split('\t');
      const bold = /^<b>(.*?)<\/b>\s*(.*)$/.exec(subjectRaw);
      if (bold) {
        return { number: Number(num), title: cleanText(bold[1] ?? ''), boilerplate: cleanText(bold[2] ?? ''), pageColumn: page.trim() };
      }
      const subject = cleanText(subjectRaw);
      const timing = /\((?:Indicative timing)[^)]*\)/.exec(subject)?.[0];
      const title = timing ? subject.replace(timing, '').trim() : subject;
      return { number: Number(num), title, timingText: timing, pageColumn: page.trim() };
    });
}

export type Variant2022 = 'original' | 'revised';

/** The wording the republished pack changes, kept here so the manifest and the pages agree. */
export const REVISION_2022 = {
  deletedItem5:
    'There were difficulties in recruiting key specialist staff and agency staff were therefore being used to support certain specialist roles, leading to significantly increased costs.',
  editedItem6Old:
    'Ad hoc information sharing requests – in the 2021 calendar year, a total of 45 requests were received by the by the Corporate Information Governance Team (CIGT) for information that is not routinely shared. These are usually requests made by other organisations where there is no data sharing agreement in place, but there is a lawful basis to underpin the data sharing.',
  editedItem6New:
    'Ad hoc information sharing requests – in the 2021 calendar year, a total of 47 requests were received by the Corporate Information Governance Team (CIGT) for information that is not routinely shared. These are usually requests made by other organisations where there is no data sharing agreement in place, but there is a lawful basis to underpin the data sharing.',
  changes: [
    { old: '45', new: '47' },
    { old: 'by the by the', new: 'by the' },
  ],
  moved: [
    { item: 6, text: 'In the 2021 calendar year, a total of 179 individual data sharing requests were received and logged by the Corporate Information Governance Team (CIGT).' },
    { item: 6, text: 'Encryption is the process of converting data from plaintext to ciphertext.' },
    { item: 8, text: 'From time to time the Corporate and Communities Overview and Scrutiny Panel will review its work programme and consider which issues should be investigated as a priority.' },
  ],
  unchanged: [
    { item: 5, text: 'The Panel will consider the draft Budget 2022/23 for areas within the remit of the Panel and the main messages from it' },
  ],
  dateOfIssue: 'Date of Issue: Thursday, 13 January 2022',
  note: 'Agenda republished on Thursday, 13 January 2022 to include the report for item 7; later pages have been renumbered.',
} as const;

function report2022(seed: string, occurrence: number, end: string | null): string {
  return sliceLines(seed, REPORT_HEADING_2022, end, occurrence);
}

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one "${from.slice(0, 40)}…"`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function coverPage(lines: { title: string; committee: string; when: string; where: string; invitation: string; accessibility: string; more?: string }) {
  return (flow: Flow): void => {
    flow.space(0);
    flow.paragraph([{ text: lines.title, bold: true }], { size: 28, after: 24 });
    flow.paragraph([{ text: lines.committee, bold: true }], { size: 20, after: 20 });
    flow.paragraph([{ text: lines.when, bold: false }], { size: 14, after: 4 });
    flow.paragraph([{ text: lines.where, bold: false }], { size: 14, after: 60 });
    flow.paragraph([{ text: lines.invitation, bold: true }], { size: 12, after: 200 });
    flow.paragraph([{ text: lines.accessibility, bold: false }], { size: 10, after: 10 });
    if (lines.more) flow.paragraph([{ text: lines.more, bold: false }], { size: 10 });
  };
}

export function spec2022(seeds: Seeds, variant: Variant2022): AgendaPackSpec {
  const seed = seeds.read('agenda2022');
  const rows = seedAgendaRows(seed);
  const membersLine = cleanText(sliceLines(seed, 'Cllr Mike Rouse', null).split('\n')[0] ?? '');
  const revised = variant === 'revised';

  let item5 = report2022(seed, 1, REPORT_HEADING_2022);
  let item6 = omitLines(report2022(seed, 2, REPORT_HEADING_2022), 'truth using combination', 'Sentinel\t');
  // Each appendix starts on its own page in the printed pack; the extracted text lost that break.
  item6 = replaceOnce(item6, '### Appendix 2: Information Sharing', '\n\n\n### Appendix 2: Information Sharing');
  const item8 = report2022(seed, 3, null);
  item5 = replaceOnce(
    item5,
    '### Emerging pressures and challenges',
    `${ITEM5_APPENDIX2_DIVIDER_2022}\n\n\n\n### Emerging pressures and challenges`,
  );
  if (revised) {
    item5 = replaceOnce(item5, `- ${REVISION_2022.deletedItem5}\n`, '');
    // The timetable page goes before item 5's closing blank page, pushing every later page on by one.
    const closing = item5.lastIndexOf(BLANK_PAGE_TEXT);
    item5 = `${item5.slice(0, closing)}\n\n\n\n${ITEM5_TIMETABLE_2022}\n${item5.slice(closing)}`;
    item6 = replaceOnce(item6, `13. ${REVISION_2022.editedItem6Old}`, `13. ${REVISION_2022.editedItem6New}`);
  }
  const parse = (text: string): Block[] => parseSeed(text, { headingStyle: 'markdown' });

  const reports: Record<number, ItemSpec['report']> = {
    5: { blocks: parse(item5), pages: revised ? 19 : 18 },
    6: { blocks: parse(item6), pages: 14 },
    8: { blocks: parse(item8), pages: 4 },
  };
  if (revised) reports[7] = { blocks: parse(ITEM7_REPORT_2022), pages: null };

  const items: ItemSpec[] = rows.map((row) => ({
    number: row.number,
    title: row.title,
    boilerplate: row.boilerplate,
    timingText: row.timingText,
    status: row.pageColumn === 'To follow' ? 'to-follow' : 'none',
    pageColumnText: row.pageColumn === 'To follow' ? 'To follow' : '',
    report: reports[row.number],
  }));

  const guidance = parse(sliceLines(seed, '### **DISCLOSING INTERESTS**', '### Corporate and Communities Overview'));
  const afterTable = [
    cleanText(sliceLines(seed, 'Agenda produced', null).split('\n')[0] ?? ''),
    cleanText(sliceLines(seed, 'All the above reports', null).split('\n')[0] ?? ''),
  ];

  return {
    footerLabel: 'Page',
    blankText: BLANK_PAGE_TEXT,
    stampLabel: 'Agenda Item',
    duplex: true,
    preliminary: [
      coverPage({
        title: 'Agenda',
        committee: COMMITTEE,
        when: 'Monday, 17 January 2022, 10.00 am',
        where: 'County Hall, Worcester',
        invitation: cleanText(sliceLines(seed, 'All County Councillors', null).split('\n')[0] ?? ''),
        accessibility: cleanText(sliceLines(seed, 'This document can be provided', null).split('\n')[0] ?? ''),
        more: 'Find out more online: www.worcestershire.gov.uk',
      }),
      (flow) => {
        // The guidance is a one-page handout in the real pack, hence the smaller type.
        flow.setBodySize(10);
        flow.blocks(guidance);
      },
    ],
    front: {
      committee: COMMITTEE,
      dateLine: `Monday, 17 January 2022, 10.00 am, ${VENUE_2022}`,
      membershipHeading: 'Membership',
      councillorsLabel: 'Councillors:',
      membersLine,
      agendaHeading: 'Agenda',
      columns: ['Item No', 'Subject', 'Page No'],
      afterTable,
      dateOfIssue: revised ? REVISION_2022.dateOfIssue : 'Date of Issue: Friday, 7 January 2022',
      notes: revised ? [REVISION_2022.note] : [],
    },
    meeting: {
      committee: COMMITTEE,
      date: '2022-01-17',
      startTime: '10:00',
      venue: VENUE_2022,
      members: parseMembers(membersLine, 'Cllr', 'Chairman', 'Vice Chairman', 'and'),
    },
    items,
  };
}

/** Builds the 2022 pack and checks the original against the page column the council printed. */
export function build2022(seeds: Seeds, variant: Variant2022, m: Measurer): { spec: AgendaPackSpec; pack: AssembledPack } {
  const spec = spec2022(seeds, variant);
  const pack = assembleAgendaPack(spec, m);
  if (variant === 'original') {
    const rows = seedAgendaRows(seeds.read('agenda2022'));
    for (const item of pack.items) {
      const expected = rows.find((r) => r.number === item.number)?.pageColumn ?? '';
      if (item.pageColumn !== expected) {
        throw new Error(`item ${item.number}: page column "${item.pageColumn}" differs from the seed's "${expected}"`);
      }
    }
  }
  return { spec, pack };
}

/** 5 November 2019: one report, an agenda consistent with the seed minutes item. */
export function spec2019(seeds: Seeds): AgendaPackSpec {
  const reportBlocks = parseSeed(seeds.read('report2019'), { headingStyle: 'plain', plainHeadingLevel: 3 });
  const venue = 'Council Chamber, County Hall, Worcester';
  // The seeds do not say who sat on the panel in 2019, so the membership is made up rather than
  // attributing roles to real councillors.
  const members =
    'Cllr Alex Harper (Chairman), Cllr Priya Shah (Vice Chairman), Cllr Tom Bennett, Cllr Gwen Lloyd, Cllr Sam Okafor, Cllr Ruth Carter and Cllr Ian Marsh';
  return {
    footerLabel: 'Page',
    blankText: BLANK_PAGE_TEXT,
    stampLabel: 'Agenda Item',
    duplex: true,
    preliminary: [],
    front: {
      committee: COMMITTEE,
      dateLine: `Tuesday, 5 November 2019, 2.00 pm, ${venue}`,
      membershipHeading: 'Membership',
      councillorsLabel: 'Councillors:',
      membersLine: members,
      agendaHeading: 'Agenda',
      columns: ['Item No', 'Subject', 'Page No'],
      afterTable: [
        'Agenda produced and published by the Head of Legal and Democratic Services, County Hall, Spetchley Road, Worcester WR5 2NP. To obtain further information or hard copies of this agenda, please contact Samantha Morris/Alison Spall 01905 844963, email: scrutiny@worcestershire.gov.uk',
        'All the above reports and supporting information can be accessed via the Council’s Website',
      ],
      dateOfIssue: 'Date of Issue: Friday, 25 October 2019',
    },
    meeting: {
      committee: COMMITTEE,
      date: '2019-11-05',
      startTime: '14:00',
      venue,
      members: parseMembers(members, 'Cllr', 'Chairman', 'Vice Chairman', 'and'),
    },
    items: [
      { number: 1, title: 'Apologies and Welcome', status: 'none' },
      { number: 2, title: 'Declarations of Interest and of any Party Whip', status: 'none' },
      {
        number: 3,
        title: 'Public Participation',
        boilerplate:
          'Members of the public wishing to take part should notify the Head of Legal and Democratic Services in writing or by e-mail indicating both the nature and content of their proposed participation no later than 9.00am on the working day before the meeting (in this case Monday 4 November 2019). Further details are available on the Council’s website.',
        status: 'none',
      },
      { number: 4, title: 'Confirmation of the Minutes of the Previous Meeting', status: 'previously-circulated', pageColumnText: 'Previously circulated' },
      {
        number: 5,
        title: 'Working with District Councils and other Partners to share information',
        status: 'published',
        report: { blocks: reportBlocks, pages: null },
      },
    ],
  };
}

export function specWelsh(seeds: Seeds): AgendaPackSpec {
  const seed = seeds.read('agenda2022');
  const w = WELSH_2022;
  const english = (occurrence: number, end: string | null): Block[] =>
    parseSeed(report2022(seed, occurrence, end), { headingStyle: 'markdown' }).filter((b) => b.kind !== 'blankPage');
  const memberNames = ['Mike Rouse', 'James Stanley', 'Mel Allcott', 'Aled Evans', 'Laura Gretton', 'Peter Griffiths', 'Emma Marshall', 'Natalie McVey', 'Craig Warhurst'];
  const membersLine = memberNames
    .map((name, i) => `${w.prefix} ${name}${i === 0 ? ` (${w.chair})` : i === 1 ? ` (${w.viceChair})` : ''}`)
    .reduce((acc, part, i, all) => (i === 0 ? part : i === all.length - 1 ? `${acc} ${w.and} ${part}` : `${acc}, ${part}`), '');
  const reports: Record<number, ItemSpec['report']> = {
    5: { blocks: english(1, REPORT_HEADING_2022), pages: 3 },
    6: { blocks: english(2, REPORT_HEADING_2022), pages: 3 },
    8: { blocks: english(3, null), pages: 4 },
  };
  return {
    footerLabel: w.footerLabel,
    blankText: w.blankText,
    stampLabel: w.stampLabel,
    duplex: false,
    preliminary: [
      coverPage({
        title: 'Agenda',
        committee: w.committee,
        when: w.dateLine,
        where: w.venue,
        invitation: w.invitation,
        accessibility: w.accessibility,
      }),
    ],
    front: {
      committee: w.committee,
      dateLine: `${w.dateLine}, ${w.venue}`,
      membershipHeading: w.membershipHeading,
      councillorsLabel: w.councillorsLabel,
      membersLine,
      agendaHeading: w.agendaHeading,
      columns: w.columns,
      afterTable: [...w.afterTable],
      dateOfIssue: w.dateOfIssue,
    },
    meeting: {
      committee: w.committee,
      date: '2022-01-17',
      startTime: '10:00',
      venue: w.venue,
      members: parseMembers(membersLine, w.prefix, w.chair, w.viceChair, w.and),
    },
    items: w.items.map((item) => ({
      number: item.number,
      title: item.title,
      boilerplate: 'boilerplate' in item ? item.boilerplate : undefined,
      timingText: 'timingText' in item ? item.timingText : undefined,
      status: item.number === 7 ? 'to-follow' : 'none',
      pageColumnText: item.number === 7 ? w.toFollow : '',
      report: reports[item.number],
    })),
  };
}

/** The LGA slide pack: no agenda table, no footers, structure given by headings alone. */
export function buildLga(seeds: Seeds, m: Measurer): { pages: Page[]; headings: SampleHeading[] } {
  const blocks = parseSeed(seeds.read('lga2021'), { headingStyle: 'firstLine', plainHeadingLevel: 2 });
  const flow = new Flow(m);
  flow.blocks(blocks);
  const pages = flow.finish();
  return { pages, headings: flow.headings.map((h) => ({ text: h.text, pdfPage: h.pageIndex + 1 })) };
}
