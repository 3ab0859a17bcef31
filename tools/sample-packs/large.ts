/**
 * A synthetic pack of any length for benchmarks: one front sheet with an agenda table, then ten
 * (or fewer) reports whose pages are filled by cycling through the seed reports' paragraphs.
 */
import { type AgendaPackSpec, type ItemSpec, assembleAgendaPack } from './assemble';
import { Flow, type Measurer, type Page } from './layout';
import type { SampleAgendaItem } from './manifest';
import type { Seeds } from './seeds';
import { BLANK_PAGE_TEXT, type Block, parseSeed } from './text';

/** Topics from the seed work programme, so the agenda reads like this panel's business. */
const TOPICS = [
  'Smarter, Healthier and Greener Ways of Working',
  'Recruitment (vacancy management, challenges the Council face)',
  'Corporate Procurement Strategy',
  'Performance and In-Year Budget Monitoring',
  'Customer and Community Engagement',
  'Skills Agenda and Staff Development',
  'GDPR/Data protection Overview',
  'Libraries, Museum, Arts and Culture Update',
  'Council Communication',
  'Councillors Divisional Funding Scheme',
];

const MAX_REPORTS = TOPICS.length;

/** Body blocks to cycle through: the seed reports' prose, without tables and page furniture. */
function fillerBlocks(seeds: Seeds): Block[] {
  const texts = [seeds.read('agenda2022'), seeds.read('report2019')];
  const blocks = [
    ...parseSeed(texts[0] ?? '', { headingStyle: 'markdown' }),
    ...parseSeed(texts[1] ?? '', { headingStyle: 'plain' }),
  ];
  return blocks.filter(
    (b) =>
      (b.kind === 'paragraph' && b.runs.reduce((n, r) => n + r.text.length, 0) > 80) ||
      b.kind === 'bullet' ||
      (b.kind === 'heading' && b.level >= 3 && !/^CORPORATE AND/.test(b.text)),
  );
}

function reportPages(title: string, pageCount: number, filler: Block[], start: number, m: Measurer): Page[] {
  const flow = new Flow(m, { blankText: BLANK_PAGE_TEXT });
  flow.heading('CORPORATE AND COMMUNITIES OVERVIEW AND SCRUTINY PANEL 14 NOVEMBER 2022', 3);
  flow.heading(title.toUpperCase(), 3);
  let i = start;
  // Lay out one page more than needed so the last kept page is full, then cut.
  while (flow.pages.length <= pageCount) {
    const block = filler[i % filler.length];
    if (block) flow.block(block);
    i += 1;
  }
  return flow.pages.slice(0, pageCount);
}

export interface LargePackLayout {
  pages: Page[];
  items: SampleAgendaItem[];
}

export function layoutLargePack(seeds: Seeds, pageCount: number, m: Measurer): LargePackLayout {
  if (!Number.isInteger(pageCount) || pageCount < 2) {
    throw new Error(`a large pack needs a whole number of pages, at least 2 (got ${pageCount})`);
  }
  const reportPageTotal = pageCount - 1;
  const reportCount = Math.min(MAX_REPORTS, reportPageTotal);
  const base = Math.floor(reportPageTotal / reportCount);
  const extra = reportPageTotal % reportCount;
  const filler = fillerBlocks(seeds);

  const procedural: ItemSpec[] = [
    { number: 1, title: 'Apologies and Welcome', status: 'none' },
    { number: 2, title: 'Declarations of Interest and of any Party Whip', status: 'none' },
    { number: 3, title: 'Public Participation', status: 'none' },
    { number: 4, title: 'Confirmation of the Minutes of the Previous Meeting', status: 'none' },
  ];
  const reports: ItemSpec[] = TOPICS.slice(0, reportCount).map((title, i) => ({
    number: i + 5,
    title,
    status: 'published',
    report: { blocks: [], pages: base + (i < extra ? 1 : 0) },
  }));

  const spec: AgendaPackSpec = {
    footerLabel: 'Page',
    blankText: BLANK_PAGE_TEXT,
    stampLabel: 'Agenda Item',
    duplex: false,
    preliminary: [],
    front: {
      committee: 'Corporate and Communities Overview and Scrutiny Panel',
      dateLine: 'Monday, 14 November 2022, 2.00 pm, Council Chamber, County Hall, Worcester',
      membershipHeading: 'Membership',
      councillorsLabel: 'Councillors:',
      membersLine:
        'Cllr Mike Rouse (Chairman), Cllr James Stanley (Vice Chairman), Cllr Mel Allcott, Cllr Aled Evans, Cllr Laura Gretton, Cllr Peter Griffiths, Cllr Emma Marshall, Cllr Natalie McVey and Cllr Craig Warhurst',
      agendaHeading: 'Agenda',
      columns: ['Item No', 'Subject', 'Page No'],
      afterTable: ['Synthetic benchmark pack built from the sample seed texts.'],
      dateOfIssue: 'Date of Issue: Friday, 4 November 2022',
    },
    meeting: {
      committee: 'Corporate and Communities Overview and Scrutiny Panel',
      date: '2022-11-14',
      startTime: '14:00',
      venue: 'Council Chamber, County Hall, Worcester',
      members: [],
    },
    items: [...procedural, ...reports],
  };

  // Reports are filled page by page here rather than from fixed blocks, then handed to the
  // assembler as ready-made pages through a one-off layout hook.
  let offset = 0;
  const prebuilt = new Map<number, Page[]>();
  for (const item of reports) {
    const count = item.report?.pages ?? 0;
    prebuilt.set(item.number, reportPages(item.title, count, filler, offset, m));
    offset += count * 7;
  }
  const assembled = assembleAgendaPack(spec, m, (item) => prebuilt.get(item.number) ?? null);
  if (assembled.pages.length !== pageCount) {
    throw new Error(`large pack came out at ${assembled.pages.length} pages, wanted ${pageCount}`);
  }
  return { pages: assembled.pages, items: assembled.items };
}
