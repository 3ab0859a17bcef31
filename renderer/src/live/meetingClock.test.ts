import { describe, expect, it } from 'vitest';
import type { LiveAgendaItem } from '../../../shared/meeting/schema';
import { clockFace, focusOf, isoDuration, itemOverrunSeconds, itemSeconds, meetingSpan } from './meetingClock';
import { defaultLimitMinutes } from './speakingLimit';

const item = (number: string, more: Partial<LiveAgendaItem> = {}): LiveAgendaItem => ({
  number,
  title: `Item ${number}`,
  timingFrom: null,
  timingTo: null,
  indicativeMinutes: null,
  startedAt: null,
  endedAt: null,
  elapsedMinutes: null,
  overrun: false,
  current: false,
  deferred: false,
  partTwo: false,
  ...more,
});
const at = (clock: string) => `2022-01-17T${clock}:00.000Z`;
const now = Date.parse(at('11:42'));

describe("the chair's clocks", () => {
  it('run an item to now while it runs and to its end after, and measure overrun only against a printed time', () => {
    const running = item('6', { startedAt: at('10:50'), current: true, indicativeMinutes: 40 });
    expect(itemSeconds(running, now)).toBe(52 * 60);
    expect(itemOverrunSeconds(running, now)).toBe(12 * 60);
    expect(itemSeconds({ ...running, endedAt: at('11:20') }, now)).toBe(30 * 60);
    expect(itemOverrunSeconds({ ...running, endedAt: at('11:20') }, now)).toBe(0);
    expect(itemOverrunSeconds({ ...running, indicativeMinutes: null }, now)).toBe(0);
    expect(itemSeconds(item('7'), now)).toBeNull();
  });

  it('time the meeting from its first start to now while an item runs, else to the last end, against the printed first and last times', () => {
    const agenda = [
      item('5', { timingFrom: '10:05', timingTo: '10:50', startedAt: at('10:05'), endedAt: at('10:50') }),
      item('6', { timingFrom: '10:50', timingTo: '11:30', startedAt: at('10:50'), current: true }),
      item('8', { timingFrom: '12:10', timingTo: '1:00' }),
    ];
    // 12:10 to "1:00" on a morning agenda is 1pm: 10:05 to 13:00 is 175 minutes.
    expect(meetingSpan(agenda, now)).toEqual({ startedAt: at('10:05'), seconds: 97 * 60, plannedMinutes: 175, overrunSeconds: 0 });
    const ended = agenda.map((i) => (i.number === '6' ? { ...i, current: false, endedAt: at('11:10') } : i));
    expect(meetingSpan(ended, now).seconds).toBe(65 * 60);
    expect(meetingSpan([item('1')], now)).toEqual({ startedAt: null, seconds: null, plannedMinutes: null, overrunSeconds: 0 });
  });

  it('show the running item with its neighbours, passing over deferred items; with nothing running, the last taken', () => {
    const agenda = [item('1', { startedAt: at('10:00'), endedAt: at('10:05') }), item('2', { deferred: true }), item('3', { startedAt: at('10:05'), current: true }), item('4', { deferred: true }), item('5')];
    expect([focusOf(agenda).previous?.number, focusOf(agenda).focus?.number, focusOf(agenda).next?.number]).toEqual(['1', '3', '5']);
    const paused = agenda.map((i) => ({ ...i, current: false }));
    expect(focusOf(paused).focus?.number).toBe('3');
    expect(focusOf([item('1'), item('2')]).focus?.number).toBe('1');
  });

  it('read as a clock face and as an ISO duration', () => {
    expect(clockFace(65)).toBe('1:05');
    expect(clockFace(3725)).toBe('1:02:05');
    expect(isoDuration(3725)).toBe('PT1H2M5S');
  });

  it('set the usual speaking limit on public participation and question time only', () => {
    expect(defaultLimitMinutes('Public Participation')).toBe(3);
    expect(defaultLimitMinutes('Questions from members of the public')).toBe(3);
    expect(defaultLimitMinutes('Cyfranogiad y Cyhoedd')).toBe(3);
    expect(defaultLimitMinutes('Budget Scrutiny 2022/23')).toBe(0);
  });
});
