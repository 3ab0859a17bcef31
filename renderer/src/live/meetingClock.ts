/**
 * The chair's clocks, worked out from the live agenda and the time now: how long the item and the
 * meeting have run, against what the agenda planned. Seconds, not the core's whole minutes, because
 * the chair watches the clock move; the record keeps the core's minutes.
 */
import type { LiveAgendaItem } from '../../../shared/meeting/schema';
import { indicativeMinutes } from '../../../shared/meeting/timing';

type Timed = Pick<LiveAgendaItem, 'startedAt' | 'endedAt'>;

const seconds = (from: string, to: number) => Math.max(0, Math.floor((to - Date.parse(from)) / 1000));

/** How long the item has run: to its end, or to now while it runs; null before it starts. */
export function itemSeconds(item: Timed, now: number): number | null {
  if (item.startedAt === null) return null;
  return seconds(item.startedAt, item.endedAt === null ? now : Date.parse(item.endedAt));
}

/** Over the item's indicative time, in seconds (0 when within it or when the agenda gives none). */
export function itemOverrunSeconds(item: Timed & Pick<LiveAgendaItem, 'indicativeMinutes'>, now: number): number {
  const ran = itemSeconds(item, now);
  if (ran === null || item.indicativeMinutes === null) return 0;
  return Math.max(0, ran - item.indicativeMinutes * 60);
}

export interface MeetingSpan {
  /** When the first item started; null before the meeting begins. */
  startedAt: string | null;
  /** From the first item's start to now while an item runs, else to the last item's end. */
  seconds: number | null;
  /** From the first printed timing to the last, when the agenda prints them. */
  plannedMinutes: number | null;
  overrunSeconds: number;
}

export function meetingSpan(items: readonly LiveAgendaItem[], now: number): MeetingSpan {
  const started = items.filter((i) => i.startedAt !== null);
  const startedAt = started.map((i) => i.startedAt ?? '').sort()[0] ?? null;
  const timed = items.filter((i) => i.timingFrom !== null && i.timingTo !== null);
  const plannedMinutes = timed.length === 0 ? null : indicativeMinutes(timed[0]?.timingFrom ?? null, timed.at(-1)?.timingTo ?? null);
  if (startedAt === null) return { startedAt, seconds: null, plannedMinutes, overrunSeconds: 0 };
  const running = items.some((i) => i.current);
  const lastEnd = Math.max(...started.map((i) => (i.endedAt === null ? now : Date.parse(i.endedAt))));
  const ran = seconds(startedAt, running ? now : lastEnd);
  return { startedAt, seconds: ran, plannedMinutes, overrunSeconds: plannedMinutes === null ? 0 : Math.max(0, ran - plannedMinutes * 60) };
}

/** The item most recently started: what the chair has just been taking when nothing runs. */
export function lastTaken<T extends Timed & { number: string }>(items: readonly T[]): T | undefined {
  return [...items].filter((i) => i.startedAt !== null).sort((a, b) => Date.parse(b.startedAt ?? '') - Date.parse(a.startedAt ?? ''))[0];
}

/**
 * The item on the chair's screen (the one running, else the last taken, else the first), and the
 * items either side of it in the day's order, passing over deferred ones.
 */
export function focusOf<T extends LiveAgendaItem>(items: readonly T[]): { focus: T | undefined; previous: T | undefined; next: T | undefined } {
  const focus = items.find((i) => i.current) ?? lastTaken(items) ?? items.find((i) => !i.deferred);
  const at = focus === undefined ? -1 : items.indexOf(focus);
  const open = (i: T) => !i.deferred;
  return { focus, previous: items.slice(0, Math.max(0, at)).filter(open).at(-1), next: items.slice(at + 1).filter(open)[0] };
}

/** "4:05" or "1:04:05": the clock face, hours only when needed. */
export function clockFace(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** ISO 8601 duration for <time dateTime>, so assistive technology reads the length, not the digits. */
export function isoDuration(total: number): string {
  return `PT${Math.floor(total / 3600)}H${Math.floor((total % 3600) / 60)}M${total % 60}S`;
}
