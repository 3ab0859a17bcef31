/**
 * Elapsed against indicative timing. Agendas print "Indicative timing: 10:05 – 10:50am"; the pack
 * importer keeps "10:05" and "10:50". Morning agendas write 12:10pm as "12:10" and 1pm as "1:00",
 * so a "to" earlier than "from" is read as the afternoon.
 */
function minutesOfDay(clock: string): number | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(clock.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

export function indicativeMinutes(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const start = minutesOfDay(from);
  let end = minutesOfDay(to);
  if (start === null || end === null) return null;
  if (end < start && end < 12 * 60) end += 12 * 60;
  return end >= start ? end - start : null;
}

/** Whole minutes between two instants (never negative). */
export function elapsedMinutes(startedAt: string, until: string): number {
  return Math.max(0, Math.floor((Date.parse(until) - Date.parse(startedAt)) / 60_000));
}

/** Overrunning means taking longer than the agenda allowed; an item without a timing never overruns. */
export function isOverrun(elapsed: number | null, indicative: number | null): boolean {
  return elapsed !== null && indicative !== null && elapsed > indicative;
}
