import { describe, expect, it } from 'vitest';
import { PackStructure } from '../domain/pack';
import { type StructureLine, type StructurePage, parseMembers, parsePackStructure, parseTiming } from './structure';

/** A line from "cell | cell | cell"; `bold` as the extractor would report it. */
function line(spec: string, bold?: boolean): StructureLine {
  const cells = spec.split(/\s*\|\s*/).filter((c) => c.length > 0);
  return bold === undefined ? { text: cells.join(' '), cells } : { text: cells.join(' '), cells, bold };
}

function page(index: number, ...lines: Array<string | StructureLine>): StructurePage {
  return { index, lines: lines.map((l) => (typeof l === 'string' ? line(l) : l)) };
}

/** A report page: some body text and the printed footer. */
function report(index: number, printed: number | null, heading = 'Report'): StructurePage {
  return page(index, line(heading, true), 'Body text of the report.', ...(printed === null ? [] : [`Page ${printed}`]));
}

function parse(pages: StructurePage[]): PackStructure {
  const result = parsePackStructure(pages);
  // Whatever the input, the output satisfies the schema the importer stores.
  return PackStructure.parse(result);
}

const FRONT = [
  line('Corporate and Communities Overview and Scrutiny Panel', true),
  line('Monday, 17 January 2022, 10.00 am, Council Chamber, County Hall, Worcester', true),
  line('Membership', true),
  'Councillors: Cllr Mike Rouse (Chairman), Cllr James Stanley (Vice Chairman), Cllr Mel Allcott, Cllr Aled',
  'Evans, Cllr Laura Gretton, Cllr Peter Griffiths, Cllr Emma Marshall, Cllr Natalie McVey and Cllr Craig',
  'Warhurst',
  line('Agenda', true),
  line('Item No | Subject | Page No', true),
];

function itemRows(...rows: Array<string | StructureLine>): StructurePage {
  return page(0, ...FRONT, ...rows, line('Date of Issue: Friday, 7 January 2022', true));
}

describe('parseTiming', () => {
  it.each([
    ['(Indicative timing: 10:05 – 10:50am)', '10:05', '10:50'],
    ['(Indicative timing: 10.05am – 10.15am)', '10:05', '10:15'],
    ['(Indicative timing: 11:30 – 12:10pm)', '11:30', '12:10'],
    ['(Indicative timing: 12:10 – 12:20pm)', '12:10', '12:20'],
    ['(Indicative timing: 1:30 – 2:15pm)', '13:30', '14:15'],
    ['(Indicative timing: 10:50 - 11:30am)', '10:50', '11:30'],
    ['Indicative timing 2.00pm - 3.15pm', '14:00', '15:15'],
    ['(10am - 11am)', '10:00', '11:00'],
    ['(11.45am - 12.30pm)', '11:45', '12:30'],
    ['(Amseriad dangosol: 10:05 – 10:50 y.b.)', '10:05', '10:50'],
    ['(Amseriad dangosol: 11:30 – 12:10 y.p.)', '11:30', '12:10'],
    ['(Amseriad dangosol: 1:30 – 2:15 y.p.)', '13:30', '14:15'],
    ['(14:00 – 14:45)', '14:00', '14:45'],
    ['(2:00 – 2:45)', '14:00', '14:45'],
    ['(10 – 10.30am)', '10:00', '10:30'],
  ])('%s → %s–%s', (text, from, to) => {
    expect(parseTiming(text)).toEqual({ from, to });
  });

  it.each(['1 - 18', 'Budget 2022/23', '19 - 32', 'Appendix 5 - 10:30', 'no timing here', ''])('finds no timing in "%s"', (text) => {
    expect(parseTiming(text)).toBeNull();
  });
});

describe('parseMembers', () => {
  it('reads names and roles, without Cllr, over "and Cllr X"', () => {
    expect(parseMembers('Councillors: Cllr Mike Rouse (Chairman), Cllr James Stanley (Vice Chairman), Cllr Mel Allcott and Cllr Craig Warhurst')).toEqual([
      { name: 'Mike Rouse', role: 'chair' },
      { name: 'James Stanley', role: 'vice-chair' },
      { name: 'Mel Allcott', role: 'member' },
      { name: 'Craig Warhurst', role: 'member' },
    ]);
  });

  it('reads Welsh lists and one-per-line Councillor lists', () => {
    expect(parseMembers('Cynghorwyr: Cyng Mike Rouse (Cadeirydd), Cyng James Stanley (Is-gadeirydd), Cyng Mel Allcott a Cyng Craig Warhurst')).toEqual([
      { name: 'Mike Rouse', role: 'chair' },
      { name: 'James Stanley', role: 'vice-chair' },
      { name: 'Mel Allcott', role: 'member' },
      { name: 'Craig Warhurst', role: 'member' },
    ]);
    expect(parseMembers('Councillor A Jones (Chair) Councillor B Smith (Vice-Chair) Councillor C Brown')).toEqual([
      { name: 'A Jones', role: 'chair' },
      { name: 'B Smith', role: 'vice-chair' },
      { name: 'C Brown', role: 'member' },
    ]);
  });
});

describe('parsePackStructure: the front sheet', () => {
  it('reads committee, date, time, venue and the wrapped membership', () => {
    const s = parse([itemRows('1 | Apologies and Welcome')]);
    expect(s.meeting).toEqual({
      committee: 'Corporate and Communities Overview and Scrutiny Panel',
      date: '2022-01-17',
      startTime: '10:00',
      venue: 'Council Chamber, County Hall, Worcester',
      members: [
        { name: 'Mike Rouse', role: 'chair' },
        { name: 'James Stanley', role: 'vice-chair' },
        { name: 'Mel Allcott', role: 'member' },
        { name: 'Aled Evans', role: 'member' },
        { name: 'Laura Gretton', role: 'member' },
        { name: 'Peter Griffiths', role: 'member' },
        { name: 'Emma Marshall', role: 'member' },
        { name: 'Natalie McVey', role: 'member' },
        { name: 'Craig Warhurst', role: 'member' },
      ],
    });
    expect(s.source).toBe('agenda-table');
    expect(s.warnings).toEqual([]);
  });

  it('reads a Welsh front sheet whose date line wraps', () => {
    const s = parse([
      page(
        0,
        line('Pwyllgor Trosolwg a Chraffu Corfforaethol a Chymunedau', true),
        line('Dydd Llun, 17 Ionawr 2022, 10.00 y.b., Siambr y Cyngor, Neuadd y Sir,', true),
        line('Caerwrangon', true),
        line('Aelodaeth', true),
        'Cynghorwyr: Cyng Mike Rouse (Cadeirydd), Cyng James Stanley (Is-gadeirydd), Cyng Mel Allcott a Cyng',
        'Craig Warhurst',
        line('Agenda', true),
        line('Rhif yr | Pwnc | Rhif y', true),
        line('Eitem | Dudalen', true),
        line('1 | Ymddiheuriadau a Chroeso', true),
        line('7 | Diweddariad Blynyddol | I ddilyn', true),
        '(Amseriad dangosol: 11:30 – 12:10 y.p.)',
      ),
    ]);
    expect(s.meeting.committee).toBe('Pwyllgor Trosolwg a Chraffu Corfforaethol a Chymunedau');
    expect(s.meeting.date).toBe('2022-01-17');
    expect(s.meeting.startTime).toBe('10:00');
    expect(s.meeting.venue).toBe('Siambr y Cyngor, Neuadd y Sir, Caerwrangon');
    expect(s.meeting.members.map((m) => m.role)).toEqual(['chair', 'vice-chair', 'member', 'member']);
    expect(s.items.map((i) => [i.number, i.title, i.status, i.timing])).toEqual([
      ['1', 'Ymddiheuriadau a Chroeso', 'none', null],
      ['7', 'Diweddariad Blynyddol', 'to-follow', { from: '11:30', to: '12:10' }],
    ]);
  });

  it('reads labelled Date / Time / Venue lines and a 2 pm start', () => {
    const s = parse([
      page(
        0,
        'Public Document Pack',
        'Planning Committee',
        'Date: Tuesday, 5 November 2019',
        'Time: 2.00 pm',
        'Venue: Council Chamber, County Hall, Worcester',
        'Membership: Cllr A Harper (Chairman) and Cllr P Shah',
        'Item No | Subject | Page No',
        '1 | Apologies',
      ),
    ]);
    expect(s.meeting).toMatchObject({ committee: 'Planning Committee', date: '2019-11-05', startTime: '14:00', venue: 'Council Chamber, County Hall, Worcester' });
    expect(s.meeting.members).toEqual([
      { name: 'A Harper', role: 'chair' },
      { name: 'P Shah', role: 'member' },
    ]);
  });

  it('takes the committee, date and venue from a cover page when the front sheet lacks them', () => {
    const s = parse([
      page(0, 'Agenda', line('Corporate and Communities Overview and', true), line('Scrutiny Panel', true), 'Monday, 17 January 2022, 10.00 am', 'County Hall, Worcester', 'All County Councillors are invited to attend and participate'),
      page(1, 'Item No | Subject | Page No', '1 | Apologies and Welcome'),
    ]);
    expect(s.meeting).toMatchObject({ committee: 'Corporate and Communities Overview and Scrutiny Panel', date: '2022-01-17', startTime: '10:00', venue: 'County Hall, Worcester' });
    expect(s.warnings.map((w) => w.code)).toEqual(['MEMBERS_NOT_FOUND']);
  });

  it('reads a committee printed on the same line as the date', () => {
    const s = parse([page(0, 'Corporate and Communities Overview and Scrutiny Panel Monday, 17 January 2022, 10.00 am, Council Chamber', 'Item No | Subject | Page No', '1 | Apologies')]);
    expect(s.meeting).toMatchObject({ committee: 'Corporate and Communities Overview and Scrutiny Panel', date: '2022-01-17', startTime: '10:00', venue: 'Council Chamber' });
  });

  it('does not take the date of issue or a date inside a sentence for the meeting date', () => {
    const s = parse([page(0, 'Some Panel', 'On 25th February 2021 the LGA ran a session', 'Item No | Subject | Page No', '1 | Apologies', 'Date of Issue: Friday, 7 January 2022')]);
    expect(s.meeting.date).toBeNull();
    expect(s.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['MEETING_DATE_NOT_FOUND', 'MEETING_TIME_NOT_FOUND', 'VENUE_NOT_FOUND', 'MEMBERS_NOT_FOUND']));
  });
});

describe('parsePackStructure: the agenda table', () => {
  it('reads each page-column form', () => {
    const s = parse([
      itemRows(
        line('1 | Apologies and Welcome', true),
        line('4 | Confirmation of the Minutes of the Previous Meeting | Previously', true),
        'circulated',
        line('5 | Budget Scrutiny 2022/23 | 1 - 18', true),
        line('6 | Data Sharing | 19-32', true),
        line('7 | Energy Purchasing | To follow', true),
        line('8 | Work Programme | 33', true),
        line('9 | Minutes | Previously circulated', true),
        line('10 | Chair’s update | Verbal', true),
      ),
    ]);
    expect(s.items.map((i) => [i.number, i.title, i.status, i.printedPages])).toEqual([
      ['1', 'Apologies and Welcome', 'none', null],
      ['4', 'Confirmation of the Minutes of the Previous Meeting', 'previously-circulated', null],
      ['5', 'Budget Scrutiny 2022/23', 'published', { from: 1, to: 18 }],
      ['6', 'Data Sharing', 'published', { from: 19, to: 32 }],
      ['7', 'Energy Purchasing', 'to-follow', null],
      ['8', 'Work Programme', 'published', { from: 33, to: 33 }],
      ['9', 'Minutes', 'previously-circulated', null],
      ['10', 'Chair’s update', 'none', null],
    ]);
  });

  it('splits a page range that ran into the subject cell', () => {
    const s = parse([itemRows('5 | Working with District Councils and other Partners to share information 1 - 7')]);
    expect(s.items[0]).toMatchObject({ title: 'Working with District Councils and other Partners to share information', printedPages: { from: 1, to: 7 }, status: 'published' });
  });

  it('keeps the title without the timing or the boilerplate paragraph, with or without bold', () => {
    const plain = parse([
      itemRows(
        '3 | Public Participation Members of the public wishing to take part should notify the Assistant',
        'Director for Legal and Governance in writing (in this case Friday 14 January 2022).',
        '5 | Budget Scrutiny 2022/23 (Indicative timing: 10:05 – 10:50am) | 1 - 18',
        '7 | Annual Update on the Council’s Energy Purchasing Arrangement via | To follow',
        'the West Mercia Energy Joint Committee',
        '(Indicative timing: 11:30 –',
        '12:10pm)',
      ),
    ]);
    const bold = parse([
      itemRows(
        line('3 | Public Participation', true),
        line('Members of the public wishing to take part should notify the Assistant', false),
        line('Director for Legal and Governance in writing.', false),
        line('5 | Budget Scrutiny 2022/23 | 1 - 18', true),
        line('(Indicative timing: 10:05 – 10:50am)', false),
        line('7 | Annual Update on the Council’s Energy Purchasing Arrangement via | To follow', true),
        line('the West Mercia Energy Joint Committee', true),
        line('(Indicative timing: 11:30 – 12:10pm)', false),
      ),
    ]);
    for (const s of [plain, bold]) {
      expect(s.items.map((i) => [i.number, i.title, i.timing, i.status])).toEqual([
        ['3', 'Public Participation', null, 'none'],
        ['5', 'Budget Scrutiny 2022/23', { from: '10:05', to: '10:50' }, 'published'],
        ['7', 'Annual Update on the Council’s Energy Purchasing Arrangement via the West Mercia Energy Joint Committee', { from: '11:30', to: '12:10' }, 'to-follow'],
      ]);
    }
  });

  it('uses bold for the title even where a long page entry outweighs it on the row’s first line', () => {
    const s = parse([
      itemRows(
        line('1 | Apologies and Welcome', true),
        line('3 | Open Forum | Previously circulated', false),
        line('Residents may speak for three minutes each on any matter on the agenda.', false),
        line('4 | Budget', true),
        line('Monitoring', true),
        line('Report of the Chief Financial Officer.', false),
      ),
    ]);
    expect(s.items.map((i) => i.title)).toEqual(['Apologies and Welcome', 'Open Forum', 'Budget Monitoring']);
  });

  it('reads rows printed without cells, numbers in sequence, and sub-items like 5a', () => {
    const s = parse([itemRows('1 Apologies and Welcome', '2 Declarations of Interest', '5 Budget Scrutiny', '5a Budget Scrutiny appendix', '10 Work Programme')]);
    expect(s.items.map((i) => [i.number, i.title])).toEqual([
      ['1', 'Apologies and Welcome'],
      ['2', 'Declarations of Interest'],
      ['5', 'Budget Scrutiny'],
      ['5a', 'Budget Scrutiny appendix'],
      ['10', 'Work Programme'],
    ]);
  });

  it('reads item numbers printed as 5., 5(a), 6.1 and Item 7', () => {
    const s = parse([itemRows('4. | Minutes', '5(a) | Budget', '5(b) | Budget detail', '6.1 | Data', '6.2 | Data detail', 'Item 7 | Energy | 1 - 2')]);
    expect(s.items.map((i) => i.number)).toEqual(['4', '5(a)', '5(b)', '6.1', '6.2', '7']);
  });

  it('completes a page range that wraps under itself', () => {
    const s = parse([itemRows('5 | Budget Scrutiny | 1 -', '18', '6 | Data | 19 - 20')]);
    expect(s.items.map((i) => [i.title, i.printedPages])).toEqual([
      ['Budget Scrutiny', { from: 1, to: 18 }],
      ['Data', { from: 19, to: 20 }],
    ]);
  });

  it('joins a title hyphenated across lines', () => {
    const s = parse([itemRows('6 | Report of the Scrutiny Sub-', 'Committee on Libraries | 3 - 9')]);
    expect(s.items[0]).toMatchObject({ title: 'Report of the Scrutiny Sub-Committee on Libraries', printedPages: { from: 3, to: 9 } });
  });

  it('carries the table over a page break when the next page repeats the header', () => {
    const s = parse([page(0, ...FRONT, '1 | Apologies'), page(1, 'Item No | Subject | Page No', '2 | Declarations', '3 | Minutes | 1 - 2'), report(2, 1), report(3, 2)]);
    expect(s.items.map((i) => i.number)).toEqual(['1', '2', '3']);
    expect(s.items[2]?.pdfPages).toEqual({ from: 3, to: 4 });
  });
});

describe('parsePackStructure: printed page numbers', () => {
  it('maps printed ranges to PDF pages through the "Page N" footers', () => {
    const pages = [
      itemRows('5 | Budget | 1 - 3', '6 | Data | 4 - 4', '7 | Energy | To follow', '8 | Work Programme | 5 - 6'),
      page(1, 'This page is intentionally left blank'),
      report(2, 1),
      report(3, 2),
      report(4, 3),
      report(5, 4),
      report(6, 5),
      page(7, 'This page is intentionally left blank', 'Page 6'),
    ];
    const s = parse(pages);
    expect(s.printedPageNumbers).toEqual([null, null, 1, 2, 3, 4, 5, 6]);
    expect(s.items.map((i) => [i.number, i.pdfPages])).toEqual([
      ['5', { from: 3, to: 5 }],
      ['6', { from: 6, to: 6 }],
      ['7', null],
      ['8', { from: 7, to: 8 }],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('counts an unnumbered page lying between two numbered ones', () => {
    const s = parse([itemRows('5 | Budget | 1 - 3', '6 | Data | 4 - 5'), report(1, 1), report(2, null), report(3, 3), report(4, 4), report(5, 5)]);
    expect(s.printedPageNumbers).toEqual([null, 1, null, 3, 4, 5]);
    expect(s.items.map((i) => i.pdfPages)).toEqual([
      { from: 2, to: 4 },
      { from: 5, to: 6 },
    ]);
  });

  it('warns when an item’s printed pages are not in the PDF', () => {
    const s = parse([itemRows('5 | Budget | 1 - 2', '6 | Data | 3 - 9', '7 | Odd | 9 - 3'), report(1, 1), report(2, 2)]);
    expect(s.items.map((i) => i.pdfPages)).toEqual([{ from: 2, to: 3 }, null, null]);
    expect(s.items[2]).toMatchObject({ printedPages: null, status: 'none' });
    expect(s.warnings.filter((w) => w.code === 'ITEM_PAGES_NOT_FOUND').map((w) => w.item)).toEqual(['6', '7']);
  });

  it('without footers says so, and uses "Agenda Item N" stamps when there are some', () => {
    const s = parse([
      itemRows('5 | Budget | 1 - 2', '6 | Data | 3 - 3'),
      page(1, line('Agenda Item 5', true), 'Budget report'),
      page(2, 'More budget'),
      page(3, line('Agenda Item 6', true), 'Data report'),
    ]);
    expect(s.items.map((i) => i.pdfPages)).toEqual([
      { from: 2, to: 3 },
      { from: 4, to: 4 },
    ]);
    expect(s.warnings.map((w) => w.code)).toEqual(['NO_PAGE_FOOTERS']);

    const bare = parse([itemRows('5 | Budget | 1 - 2'), page(1, 'Budget report')]);
    expect(bare.items[0]?.pdfPages).toBeNull();
    expect(bare.warnings.map((w) => w.code)).toEqual(['NO_PAGE_FOOTERS', 'ITEM_PAGES_NOT_FOUND']);
  });

  it('reads only a line that is a page number ("Page N", "Tudalen N", "Page N of M"), not one that mentions one', () => {
    const s = parse([page(0, 'Heading', 'Page 4 of 9'), page(1, 'Heading', 'Tudalen 12'), page(2, 'Page 3', 'Heading', 'text'), page(3, 'Heading', 'See Page 4 of the report')]);
    expect(s.printedPageNumbers).toEqual([4, 12, 3, null]);
  });
});

describe('parsePackStructure: no agenda table', () => {
  it('falls back to headings at the top of pages', () => {
    const s = parse([
      page(0, line('Purpose of this Pack', true), line('Some text', false)),
      page(1, line('Local authorities and the', true), line('Information Age', true), line('text', false)),
      page(2, line('Local authorities and the', true), line('Information Age', true), line('more text', false)),
      page(3, line('- a bullet that carries on', false)),
      page(4, 'DATA ETHICS FOR COUNCILLORS', 'Text set in lower case.'),
    ]);
    expect(s.source).toBe('headings');
    expect(s.items.map((i) => [i.number, i.title, i.pdfPages, i.status])).toEqual([
      ['1', 'Purpose of this Pack', { from: 1, to: 1 }, 'published'],
      ['2', 'Local authorities and the Information Age', { from: 2, to: 4 }, 'published'],
      ['3', 'DATA ETHICS FOR COUNCILLORS', { from: 5, to: 5 }, 'published'],
    ]);
    expect(s.warnings.map((w) => w.code)).toContain('NO_AGENDA_TABLE');
  });

  it('says "none" when there is neither a table nor headings', () => {
    const s = parse([page(0, 'just some text', 'more text'), page(1, 'and more')]);
    expect(s.source).toBe('none');
    expect(s.items).toEqual([]);
    expect(s.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['NO_AGENDA_TABLE', 'COMMITTEE_NOT_FOUND', 'MEETING_DATE_NOT_FOUND', 'MEETING_TIME_NOT_FOUND', 'VENUE_NOT_FOUND', 'MEMBERS_NOT_FOUND']),
    );
  });

  it('reports a document with no text layer, and pages without text', () => {
    const scanned = parse([page(0), page(1)]);
    expect(scanned).toMatchObject({ source: 'none', items: [], printedPageNumbers: [null, null] });
    expect(scanned.warnings.map((w) => w.code)).toEqual(['NO_TEXT_LAYER']);

    const partly = parse([itemRows('1 | Apologies'), page(1), page(2), page(3, 'Text'), page(4)]);
    expect(partly.warnings).toContainEqual({ code: 'PAGES_WITHOUT_TEXT', detail: 'No text on PDF pages 2-3, 5' });
  });
});

describe('parsePackStructure: robustness', () => {
  it('never throws on odd input', () => {
    const odd: unknown[] = [
      [],
      [{}],
      [{ index: 0, lines: null }],
      [{ index: 'x', lines: [null, 42, 'text', { text: 7 }, { cells: ['only', 'cells'] }, { text: 'Page 0', cells: [] }] }],
      [{ index: 3, lines: [{ text: '1 | x', cells: [null, undefined, '1', 'x'] }] }, { index: 3, lines: [] }],
      [{ index: 0, lines: [{ text: 'Item No Subject Page No', cells: ['Item No', 'Subject', 'Page No'] }, { text: '99999 Title 1 - 99999999', cells: ['99999', 'Title', '1 - 99999999'] }] }],
      [{ index: 0, lines: [{ text: '(Indicative timing: 99:99 – 88:88pm) Monday, 31 February 2022, 25.00 pm', cells: [] }] }],
    ];
    for (const input of odd) {
      expect(() => parse(input as StructurePage[])).not.toThrow();
    }
  });

  // Speed is measured in bench/ (pack-import), not asserted here; this checks a 2000-page pack
  // maps correctly at that size.
  it('maps a 2000-page pack', () => {
    const pages: StructurePage[] = [itemRows('5 | Budget | 1 - 1000', '6 | Data | 1001 - 1999')];
    for (let p = 1; p < 2000; p += 1) {
      const body = Array.from({ length: 40 }, (_, i) => `Line ${i} of the report text, with enough words to look like a real line of prose.`);
      pages.push(page(p, line('Heading', true), ...body, `Page ${p}`));
    }
    const s = parse(pages);
    expect(s.items.map((i) => i.pdfPages)).toEqual([
      { from: 2, to: 1001 },
      { from: 1002, to: 2000 },
    ]);
    expect(s.printedPageNumbers).toHaveLength(2000);

    const headings = parse(pages.slice(1));
    expect(headings.source).toBe('headings');
  });
});
