/**
 * Modern.gov speaks UK formats: dates as dd/mm/yyyy (it silently ignores ISO dates in requests,
 * answering as if no range were given), times as "10.00 am". These turn them into Chamber's
 * YYYY-MM-DD and 24-hour HH:MM, and back for requests.
 */

const ukDate = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/;

/** "17/01/2022" (optionally with " 16:22:05") → "2022-01-17"; null when it is not a real date. */
export function parseUkDate(text: string): string | null {
  const m = ukDate.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "07/01/2022 16:22:05" → "2022-01-07T16:22:05"; a date alone → "2022-01-07". */
export function parseUkDateTime(text: string): string | null {
  const date = parseUkDate(text);
  if (!date) return null;
  const m = ukDate.exec(text);
  if (!m?.[4]) return date;
  const [h, min, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return null;
  return `${date}T${pad(h)}:${pad(min)}:${pad(s)}`;
}

/** "2022-01-17" → "17/01/2022", the only form the service honours. */
export function toUkDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** "10.00 am", "2.30pm", "14:00", "12 noon" → "HH:MM"; null when unreadable. */
export function parseUkTime(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (/^12(?:[.:]00)?\s*noon$/.test(t) || t === 'noon') return '12:00';
  const m = /^(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(t);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const meridiem = m[3]?.replace(/\./g, '');
  if (minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    if (meridiem === 'am' && hour === 12) hour = 0;
    if (meridiem === 'pm' && hour !== 12) hour += 12;
  } else if (m[2] === undefined || hour > 23) {
    return null;
  }
  return `${pad(hour)}:${pad(minute)}`;
}

/** YYYY-MM-DD of `days` after (or before) a date, by the calendar, ignoring clock changes. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return date.toISOString().slice(0, 10);
}

/** Today's date in London (where every Modern.gov site keeps its calendar). */
export function londonToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const pad = (n: number) => String(n).padStart(2, '0');
