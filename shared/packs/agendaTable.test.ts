import { describe, expect, it } from 'vitest';
import type { StructureLine, StructurePage } from './lines';
import { parsePackStructure } from './structure';

const row = (cells: string[], bold?: boolean, x?: number): StructureLine => ({ text: cells.join(' '), cells, ...(bold === undefined ? {} : { bold }), ...(x === undefined ? {} : { x }) });
const front = (...rows: StructureLine[]): StructurePage => ({
  index: 0,
  lines: [row(['Regulatory Committee'], true), row(['Date: Wednesday 12 July 2023']), row(['Time: 19:15']), row(['Venue: Main Hall']), row(['Item', 'Subject', 'Page'], true), ...rows],
});
const reports = (count: number): StructurePage[] =>
  Array.from({ length: count }, (_, i) => ({ index: i + 1, lines: [row(['Report'], true), row(['Body text.']), row([String(i + 1)])] }));
const brief = (pages: StructurePage[]) => parsePackStructure(pages).items.map((i) => [i.number, i.title, i.printedPages, i.pdfPages, i.status]);

describe('agenda rows', () => {
  it('reads a status word on the line under the title instead of gluing it on', () => {
    const s = brief([front(row(['3', 'Confirmation of the Minutes of the Previous Meeting']), row(['Previously circulated']), row(['4', 'Flood Risk Report']), row(['To follow']))]);
    expect(s).toEqual([
      ['3', 'Confirmation of the Minutes of the Previous Meeting', null, null, 'previously-circulated'],
      ['4', 'Flood Risk Report', null, null, 'to-follow'],
    ]);
  });

  it('gives bulleted entries their own rows under the numbered item, and strips a footnote marker', () => {
    const s = brief([
      front(
        row(['4', 'Enforcement update¹', '1']),
        row(['5', 'Further reports']),
        row(['• Land at Mill Lane', '3']),
        row(['• Former Depot Site', '5']),
        row(['6', 'Appeals', '7']),
      ),
      ...reports(8),
    ]);
    expect(s).toEqual([
      ['4', 'Enforcement update', { from: 1, to: 2 }, { from: 2, to: 3 }, 'published'],
      ['5', 'Further reports', null, null, 'none'],
      ['5•1', 'Land at Mill Lane', { from: 3, to: 4 }, { from: 4, to: 5 }, 'published'],
      ['5•2', 'Former Depot Site', { from: 5, to: 6 }, { from: 6, to: 7 }, 'published'],
      ['6', 'Appeals', { from: 7, to: 8 }, { from: 8, to: 9 }, 'published'],
    ]);
  });

  it('maps start pages through bare-number footers, the last item to the end of a pack that stops early', () => {
    const s = parsePackStructure([front(row(['3', 'Minutes', '1']), row(['4', 'Appeals', '3']), row(['5', 'Tree Preservation Orders', '9'])), ...reports(4)]);
    expect(s.items.map((i) => [i.number, i.printedPages, i.pdfPages])).toEqual([
      ['3', { from: 1, to: 2 }, { from: 2, to: 3 }],
      ['4', { from: 3, to: 8 }, { from: 4, to: 5 }],
      ['5', { from: 9, to: 9 }, null],
    ]);
    expect(s.warnings.map((w) => [w.code, w.item])).toEqual([['ITEM_PAGES_NOT_FOUND', '5'], ['MEMBERS_NOT_FOUND', undefined]]);
  });

  it('reads bold numbered headings without a table header, "(Pages x - y)" at the margin', () => {
    const s = brief([
      {
        index: 0,
        lines: [
          row(['Planning Committee'], true),
          row(['Wednesday, 15 March 2023 7.15 pm'], true),
          row(['1. APOLOGIES FOR ABSENCE'], true),
          row(['To receive apologies.'], false),
          row(['2. MINUTES', '(Pages 1 - 2)'], true),
          row(['To confirm the minutes.'], false),
        ],
      },
      ...reports(2),
    ]);
    expect(s).toEqual([
      ['1', 'APOLOGIES FOR ABSENCE', null, null, 'none'],
      ['2', 'MINUTES', { from: 1, to: 2 }, { from: 2, to: 3 }, 'published'],
    ]);
  });
});
