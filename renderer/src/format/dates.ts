/**
 * Dates for councils: calendar dates and wall-clock times are London's, and instants are shown in
 * Europe/London via Intl whatever the laptop's zone. Names and patterns come from our translations
 * rather than Intl's locale data, because Chromium (and so Electron) ships ICU without Welsh: asked
 * for 'cy', Intl silently answers in American English.
 */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

const zone = 'Europe/London';

interface CalendarDay {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday. */
  weekday: number;
}

function calendarDay(isoDate: string): CalendarDay {
  const [year = 1970, month = 1, day = 1] = isoDate.split('-').map(Number);
  return { year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: zone,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** The London calendar day and time of an instant (handles GMT/BST changes through Intl). */
export function londonWallClock(instant: Date): { date: string; time: string } {
  const parts = Object.fromEntries(londonClock.formatToParts(instant).map((p) => [p.type, p.value]));
  const pad = (v: string | undefined) => (v ?? '0').padStart(2, '0');
  return { date: `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`, time: `${pad(parts.hour)}:${pad(parts.minute)}` };
}

export function formatMeetingDate(isoDate: string, t: Translate): string {
  const d = calendarDay(isoDate);
  return t('dates.pattern.full', { weekday: t(`dates.weekdays.${d.weekday}`), day: d.day, month: t(`dates.months.${d.month}`), year: d.year });
}

export function formatShortDate(isoDate: string, t: Translate): string {
  const d = calendarDay(isoDate);
  return t('dates.pattern.short', {
    weekday: t(`dates.weekdaysShort.${d.weekday}`),
    day: d.day,
    month: t(`dates.monthsShort.${d.month}`),
    year: d.year,
  });
}

/** Council papers use the 24-hour clock in both languages. */
export function formatTime(hhmm: string): string {
  return hhmm;
}

export function formatInstant(iso: string, t: Translate): string {
  const { date, time } = londonWallClock(new Date(iso));
  return t('dates.pattern.dateTime', { date: formatShortDate(date, t), time });
}

/** An indicative timing on the agenda, "10:05–10:50" (the dash and spacing come from the translations). */
export function formatTimeRange(from: string, to: string, t: Translate): string {
  return t('dates.pattern.timeRange', { from: formatTime(from), to: formatTime(to) });
}
