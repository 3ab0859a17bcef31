import { describe, expect, it } from 'vitest';
import { bulletStart, readItemNumber, rowStart } from './itemNumbers';
import type { Line } from './lines';

const line = (...cells: string[]): Line => ({ text: cells.join(' '), cells, bold: undefined, x: undefined, y: undefined, height: undefined });

describe('item numbers', () => {
  it.each([
    ['5', '5'],
    ['5.', '5'],
    ['5a', '5a'],
    ['5(a)', '5(a)'],
    ['5(i)', '5(i)'],
    ['5(ii)', '5(ii)'],
    ['5.1', '5.1'],
    ['Item 5', '5'],
    ['51.', '51'],
    ['54(a).', '54(a)'],
  ])('reads "%s" as %s', (printed, number) => {
    expect(readItemNumber(printed)?.number).toBe(number);
  });

  it('orders sub-items between their item and the next', () => {
    const keys = ['5', '5(i)', '5(ii)', '5(iii)', '5(iv)', '6'].map((n) => readItemNumber(n)?.key ?? 0);
    expect([...keys].sort((a, b) => a - b)).toEqual(keys);
  });

  it('takes a minute number printed "51." as the first row of a list without cells, but not a bare "51"', () => {
    expect(rowStart(line('51. Apologies for Absence'), 0, false)?.number).toBe('51');
    expect(rowStart(line('51 Apologies for Absence'), 0, false)).toBeNull();
  });

  it('reads a bulleted entry with or without the bullet in a cell of its own', () => {
    expect(bulletStart(line('• Land at Mill Lane', '12'))).toEqual(['Land at Mill Lane', '12']);
    expect(bulletStart(line('•', 'Former Depot Site', '15'))).toEqual(['Former Depot Site', '15']);
    expect(bulletStart(line('• lower-case text is a list inside a subject'))).toBeNull();
  });
});
