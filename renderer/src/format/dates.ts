/** Councils meet on London time whatever the laptop's zone; format in Europe/London through Intl. */
const zone = 'Europe/London';

function noonUtc(isoDate: string): Date {
  const [y = 1970, m = 1, d = 1] = isoDate.split('-').map(Number);
  // Noon UTC falls on the same calendar day in London in every season.
  return new Date(Date.UTC(y, m - 1, d, 12));
}

export function formatMeetingDate(isoDate: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: zone }).format(noonUtc(isoDate));
}

export function formatShortDate(isoDate: string, language: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', weekday: 'short', timeZone: zone }).format(
    noonUtc(isoDate),
  );
}

export function formatTime(hhmm: string, language: string): string {
  const [h = 0, min = 0] = hhmm.split(':').map(Number);
  const date = new Date(Date.UTC(2000, 0, 1, h, min));
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(date);
}
