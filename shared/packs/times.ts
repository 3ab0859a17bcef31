/**
 * Times of day as agendas print them, 12- and 24-hour: a meeting's start ("10.00 am", "7.15 pm",
 * "19:15", "10am", "10.00 a.m.", "12 noon", "10.00 y.b.") and an item's indicative timing
 * ("10:05 – 10:50am", "14:00 – 14:45").
 */
import type { Found } from './lines';

/** am / pm, also Welsh y.b. (bore) and y.p. / y.h. (prynhawn, hwyr). */
export const SUFFIX = String.raw`a\.m\.?|p\.m\.?|am|pm|y\.b\.?|y\.p\.?|y\.h\.?|yb|yp|yh`;

const AM = new Set(['am', 'a.m', 'a.m.', 'y.b', 'y.b.', 'yb']);
const PM = new Set(['pm', 'p.m', 'p.m.', 'y.p', 'y.p.', 'yp', 'y.h', 'y.h.', 'yh']);

type HalfDay = 'am' | 'pm' | 'noon' | null;

function hhmm(hours: number, minutes: number): string | null {
  if (!Number.isInteger(hours) || !Number.isInteger(minutes) || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function suffixKind(raw: string | undefined): HalfDay {
  if (!raw) return null;
  const s = raw.toLowerCase();
  if (s === 'noon' || s === 'midday' || s === 'hanner dydd') return 'noon';
  if (AM.has(s)) return 'am';
  if (PM.has(s)) return 'pm';
  return null;
}

function to24(hours: number, kind: HalfDay): number {
  if (kind === 'pm' && hours < 12) return hours + 12;
  if (kind === 'am' && hours === 12) return 0;
  return hours;
}

/** The meeting's start time: "10.00 am", "2.00 pm", "14:00", "19.15", "12 noon", "10.00 y.b.". */
const START_TIME_RE = new RegExp(
  String.raw`(?<![\d.:/])(\d{1,2})(?:[.:](\d{2}))?\s*(${SUFFIX}|noon|midday)(?![\p{L}])|(?<![\d.:/])([01]?\d|2[0-3]):([0-5]\d)(?![\d])|\b(noon|midday|hanner dydd)\b`,
  'iu',
);
/** "19.15" or "10.00" with a dot and no suffix reads as a time only where the line is labelled one. */
const DOTTED_TIME_RE = /(?<![\d.:/])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])/;

export function findStartTime(text: string, labelled = false): Found<string> | null {
  const m = START_TIME_RE.exec(text);
  if (!m) {
    if (!labelled) return null;
    const d = DOTTED_TIME_RE.exec(text);
    const value = d ? hhmm(Number(d[1]), Number(d[2])) : null;
    return d && value ? { value, start: d.index, end: d.index + d[0].length } : null;
  }
  let value: string | null = null;
  if (m[1] !== undefined) {
    const kind = suffixKind(m[3]);
    const hours = Number(m[1]);
    if (hours >= 1 && hours <= 12) value = kind === 'noon' ? hhmm(12, Number(m[2] ?? 0)) : hhmm(to24(hours, kind), Number(m[2] ?? 0));
  } else if (m[4] !== undefined) {
    value = hhmm(Number(m[4]), Number(m[5]));
  } else {
    value = '12:00';
  }
  return value ? { value, start: m.index, end: m.index + m[0].length } : null;
}

/** An indicative timing: "10:05 – 10:50am", "10.05am – 10.15am", "11:30 – 12:10pm", "10am - 11am". */
const TIME_PART = String.raw`(\d{1,2})(?:[:.](\d{2}))?\s*(${SUFFIX}|noon)?`;
const TIMING_RE = new RegExp(String.raw`(?<![\d.:/])${TIME_PART}\s*(?:[-–—‒]|\bto\b|\btan\b|\bi\b)\s*${TIME_PART}(?![\d\p{L}])`, 'giu');

export interface Timing {
  from: string;
  to: string;
}

/** Converts the first indicative timing in `text` to 24-hour times; null when there is none. */
export function parseTiming(text: string): Timing | null {
  return findTiming(text)?.value ?? null;
}

export function findTiming(text: string): Found<Timing> | null {
  TIMING_RE.lastIndex = 0;
  for (let m = TIMING_RE.exec(text); m !== null; m = TIMING_RE.exec(text)) {
    const [, h1s, m1s, s1, h2s, m2s, s2] = m;
    const k1 = suffixKind(s1);
    const k2 = suffixKind(s2);
    // A bare "1 - 18" is a page range; a timing has minutes or an am/pm on at least one side.
    const hasMinutes = m1s !== undefined || m2s !== undefined;
    if (!hasMinutes && k1 === null && k2 === null) continue;
    // "5 - 10:30" is more likely a reference than a timing, unless the end says am or pm.
    if (m1s === undefined && k1 === null && m2s !== undefined && k2 === null) continue;
    const h1 = Number(h1s);
    const h2 = Number(h2s);
    const min1 = Number(m1s ?? 0);
    const min2 = Number(m2s ?? 0);
    const twelveHour = k1 !== null || k2 !== null;
    if (twelveHour && (h1 > 12 || h2 > 12 || (k1 !== null && h1 === 0) || (k2 !== null && h2 === 0))) continue;
    let end: number;
    let start: number;
    if (k2 === 'noon') end = 12;
    else if (k2 !== null) end = to24(h2, k2);
    else if (k1 !== null) end = to24(h2, k1 === 'noon' ? 'pm' : k1);
    else end = h2 <= 7 ? h2 + 12 : h2; // Council meetings do not sit between 1 and 7 in the morning.
    if (k1 === 'noon') start = 12;
    else if (k1 !== null) start = to24(h1, k1);
    else if (k2 === 'pm' || k2 === 'noon') {
      // The suffix belongs to the end; the start takes whichever half-day keeps it before the end.
      start = h1 < 12 && (h1 + 12) * 60 + min1 <= end * 60 + min2 ? h1 + 12 : h1;
    } else if (k2 === 'am') start = h1 === 12 ? 0 : h1;
    else start = h1 <= 7 ? h1 + 12 : h1;
    const from = hhmm(start, min1);
    const to = hhmm(end, min2);
    if (!from || !to || from > to) continue;
    return { value: { from, to }, start: m.index, end: m.index + m[0].length };
  }
  return null;
}
