import { describe, expect, it } from 'vitest';
import type { StructureLine, StructurePage } from './lines';
import { PackText } from './packText';
import { printedPageNumbers } from './pageFooters';

const at = (text: string, y: number, cells: string[] = [text]): StructureLine => ({ text, cells, y, height: 9 });
const page = (index: number, ...lines: StructureLine[]): StructurePage => ({ index, lines, height: 842 });
const body = (y = 300): StructureLine => at('Body text of the report.', y);

describe('printed page numbers', () => {
  it.each([
    ['Page N', (n: number) => `Page ${n}`],
    ['bare N', (n: number) => String(n)],
    ['- N -', (n: number) => `- ${n} -`],
    ['N of M', (n: number) => `${n} of 9`],
    ['Page N of M', (n: number) => `Page ${n} of 9`],
  ])('reads %s at the foot of a page', (_label, footer) => {
    const pages = [page(0, body()), page(1, body(), at(footer(1), 800)), page(2, body(), at(footer(2), 800))];
    expect(printedPageNumbers(new PackText(pages))).toEqual([null, 1, 2]);
  });

  it('reads a number in a top corner sharing its line with the meeting name', () => {
    const header = (n: number) => at(`Cabinet, 28 March 2023 ${n}`, 20, ['Cabinet, 28 March 2023', String(n)]);
    const pages = [page(0, header(3), body()), page(1, header(4), body())];
    expect(printedPageNumbers(new PackText(pages))).toEqual([3, 4]);
  });

  it('does not take a bare number that no other page agrees with, nor one in the body', () => {
    const pages = [page(0, body(), at('2023', 800)), page(1, body(), at('12', 500)), page(2, body(), at('Page 7', 800))];
    expect(printedPageNumbers(new PackText(pages))).toEqual([null, null, 7]);
  });

  it('without geometry reads a bare number only on the first or last line', () => {
    const plain = (index: number, ...texts: string[]): StructurePage => ({ index, lines: texts.map((text) => ({ text, cells: [text] })) });
    expect(printedPageNumbers(new PackText([plain(0, 'Body', '1'), plain(1, 'Body', '2'), plain(2, '3', 'Body', 'More')]))).toEqual([1, 2, 3]);
    expect(printedPageNumbers(new PackText([plain(0, 'Body', '4', 'More'), plain(1, 'Body', '5', 'More')]))).toEqual([null, null]);
  });
});
