import { describe, expect, it } from 'vitest';
import { findStartTime } from './times';

describe('findStartTime', () => {
  it.each([
    ['7.15 pm', '19:15'],
    ['19:15', '19:15'],
    ['10am', '10:00'],
    ['10.00 a.m.', '10:00'],
    ['6.30 p.m.', '18:30'],
    ['12 noon', '12:00'],
    ['10.00 y.b. / 10.00 am', '10:00'],
    ['2.00 pm, Council Chamber', '14:00'],
  ])('reads "%s" as %s', (text, time) => {
    expect(findStartTime(text)?.value).toBe(time);
  });

  it('reads a 24-hour "19.15" only where the line is labelled a time', () => {
    expect(findStartTime('19.15')).toBeNull();
    expect(findStartTime('19.15', true)?.value).toBe('19:15');
    expect(findStartTime('Budget 2022.23', true)).toBeNull();
  });
});
