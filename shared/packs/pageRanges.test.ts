import { describe, expect, it } from 'vitest';
import type { PackItem } from '../domain/pack';
import { extendStartPages, givesStartPagesOnly } from './pageRanges';

const item = (number: string, from: number | null): PackItem => ({
  number,
  title: `Item ${number}`,
  printedPages: from === null ? null : { from, to: from },
  pdfPages: null,
  timing: null,
  status: from === null ? 'none' : 'published',
});

describe('agendas that give only start pages', () => {
  it('are told from ranges and from a single one-page report', () => {
    expect(givesStartPagesOnly([item('1', null), item('2', 1), item('3', 5)])).toBe(true);
    expect(givesStartPagesOnly([item('1', 1), { ...item('2', 2), printedPages: { from: 2, to: 6 } }])).toBe(false);
    expect(givesStartPagesOnly([item('1', 1)])).toBe(false);
    expect(givesStartPagesOnly([item('1', 5), item('2', 3)])).toBe(false);
  });

  it('run each item to the page before the next start, the last to the last page printed', () => {
    const items = [item('1', null), item('2', 1), item('3', 5), item('4', null), item('5', 9)];
    extendStartPages(items, [null, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(items.map((i) => i.printedPages)).toEqual([null, { from: 1, to: 4 }, { from: 5, to: 8 }, null, { from: 9, to: 11 }]);
  });

  it('keep a start page beyond the end of the pack as one page', () => {
    const items = [item('1', 1), item('2', 30)];
    extendStartPages(items, [null, 1, 2, 3]);
    expect(items.map((i) => i.printedPages)).toEqual([{ from: 1, to: 29 }, { from: 30, to: 30 }]);
  });
});
