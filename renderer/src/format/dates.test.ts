import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatInstant, formatMeetingDate, formatShortDate, londonWallClock, type Translate } from './dates';

const locales = path.resolve(import.meta.dirname, '../../../resources/locales');
const load = (lng: string) => JSON.parse(fs.readFileSync(path.join(locales, `${lng}.json`), 'utf8')) as Record<string, unknown>;
let en: Translate;
let cy: Translate;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'en-GB': { translation: load('en-GB') }, cy: { translation: load('cy') } }, lng: 'en-GB', interpolation: { escapeValue: false } });
  en = i18n.getFixedT('en-GB');
  cy = i18n.getFixedT('cy');
});

describe('date formatting', () => {
  it('names council dates in English and Welsh from our own translations', () => {
    expect(formatMeetingDate('2022-01-17', en)).toBe('Monday 17 January 2022');
    expect(formatMeetingDate('2022-01-17', cy)).toBe('Dydd Llun 17 Ionawr 2022');
    expect(formatShortDate('2019-11-05', en)).toBe('Tue 5 Nov 2019');
    expect(formatShortDate('2019-11-05', cy)).toBe('Maw 5 Tach 2019');
    expect(formatMeetingDate('2024-02-29', cy)).toBe('Dydd Iau 29 Chwefror 2024');
  });

  it('shows instants on London time across the clock changes', () => {
    // 30 March 2025 01:00 UTC is when BST starts; 26 October 2025 01:00 UTC is when it ends.
    expect(londonWallClock(new Date('2025-03-30T00:59:00Z'))).toEqual({ date: '2025-03-30', time: '00:59' });
    expect(londonWallClock(new Date('2025-03-30T01:00:00Z'))).toEqual({ date: '2025-03-30', time: '02:00' });
    expect(londonWallClock(new Date('2025-06-30T23:30:00Z'))).toEqual({ date: '2025-07-01', time: '00:30' });
    expect(londonWallClock(new Date('2025-10-26T01:30:00Z'))).toEqual({ date: '2025-10-26', time: '01:30' });
    expect(formatInstant('2025-06-30T23:30:00Z', cy)).toBe('Maw 1 Gorff 2025, 00:30');
  });
});
