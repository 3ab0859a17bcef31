import type { LiveAgenda, LiveAgendaItem } from '../../../shared/meeting/schema';
import { restartIssue } from '../../../shared/meeting/restart';
import { elapsedMinutes, indicativeMinutes, isOverrun } from '../../../shared/meeting/timing';
import type { Db } from '../db/database';
import type { DomainTransaction, DomainWriter } from '../repositories/domainWriter';
import { ruleBroken, type MeetingAccess } from '../meetings/access';

interface ProgressRow {
  item_number: string;
  position: number | null;
  started_at: string | null;
  ended_at: string | null;
  deferred: number;
  part_two: number;
}

/**
 * The agenda as it runs on the day: the current item, when each started and ended against its
 * indicative timing, the day's order, deferrals and items taken in private (Part II). Times may be
 * given explicitly (a clerk correcting the record, or a test controlling time); otherwise the core's
 * clock is used.
 */
export class LiveAgendaRepository {
  constructor(
    private readonly db: Db,
    private readonly writer: DomainWriter,
    private readonly access: MeetingAccess,
    private readonly clock: () => Date,
  ) {}

  get(meetingId: string): LiveAgenda {
    this.access.requireMeeting(meetingId);
    const now = this.clock().toISOString();
    const progress = new Map(this.progress(meetingId).map((p) => [p.item_number, p]));
    const current = this.currentItem(meetingId);
    const items: (LiveAgendaItem & { order: number })[] = this.access.agenda(meetingId).map((item) => {
      const p = progress.get(item.number);
      const indicative = indicativeMinutes(item.timingFrom, item.timingTo);
      const startedAt = p?.started_at ?? null;
      const endedAt = p?.ended_at ?? null;
      const elapsed = startedAt === null ? null : elapsedMinutes(startedAt, endedAt ?? now);
      return {
        order: p?.position ?? item.position,
        number: item.number,
        title: item.title,
        timingFrom: item.timingFrom,
        timingTo: item.timingTo,
        indicativeMinutes: indicative,
        startedAt,
        endedAt,
        elapsedMinutes: elapsed,
        overrun: isOverrun(elapsed, indicative),
        current: current === item.number,
        deferred: p?.deferred === 1,
        partTwo: p?.part_two === 1,
      };
    });
    items.sort((a, b) => a.order - b.order);
    return { meetingId, currentItem: current, items: items.map(({ order: _order, ...item }) => item) };
  }

  /**
   * Starts an item; the item running until then ends at the same moment. An item that already has
   * times is never overwritten silently: the chair says whether to resume it (its start stays, its
   * end is cleared) or correct it (the new start replaces the old).
   */
  start(actingMemberId: string, meetingId: string, itemNumber: string, at?: string, mode?: 'resume' | 'correct'): LiveAgenda {
    this.access.requirePresiding(actingMemberId, meetingId, 'run the agenda');
    this.access.requireItem(meetingId, itemNumber);
    const p = this.progress(meetingId).find((r) => r.item_number === itemNumber);
    if (p?.deferred === 1) throw ruleBroken([{ path: ['itemNumber'], code: 'item_deferred', message: `Item ${itemNumber} was deferred` }]);
    const restart = restartIssue(p ?? null, this.currentItem(meetingId) === itemNumber, mode);
    if (restart) throw ruleBroken([restart]);
    this.writer.write((tx) => {
      const when = at === undefined ? tx.now : new Date(at).toISOString();
      const running = this.currentItem(meetingId);
      if (running !== null && running !== itemNumber) this.finish(tx, actingMemberId, meetingId, running, when);
      this.ensureRow(meetingId, itemNumber);
      if (mode === 'resume' && p?.started_at) this.db.prepare('UPDATE agenda_progress SET ended_at = NULL WHERE meeting_id = ? AND item_number = ?').run(meetingId, itemNumber);
      else this.db.prepare('UPDATE agenda_progress SET started_at = ?, ended_at = NULL WHERE meeting_id = ? AND item_number = ?').run(when, meetingId, itemNumber);
      this.setCurrent(meetingId, itemNumber);
      this.access.logHistory(tx, meetingId, 'agenda', itemNumber, actingMemberId, mode ?? 'start', p ?? null, mode === 'resume' ? { resumedAt: when } : { startedAt: when });
      this.recordProgress(tx, meetingId, itemNumber);
      this.recordLive(tx, meetingId);
    });
    return this.get(meetingId);
  }

  end(actingMemberId: string, meetingId: string, itemNumber: string, at?: string): LiveAgenda {
    this.access.requirePresiding(actingMemberId, meetingId, 'run the agenda');
    this.access.requireItem(meetingId, itemNumber);
    this.writer.write((tx) => this.finish(tx, actingMemberId, meetingId, itemNumber, at === undefined ? tx.now : new Date(at).toISOString()));
    return this.get(meetingId);
  }

  /** The day's order: every item on the agenda exactly once. */
  reorder(actingMemberId: string, meetingId: string, order: readonly string[]): LiveAgenda {
    this.access.requirePresiding(actingMemberId, meetingId, 'reorder the agenda');
    const numbers = this.access.agendaNumbers(meetingId);
    if (order.length !== numbers.length || new Set(order).size !== order.length || !order.every((n) => numbers.includes(n))) {
      throw ruleBroken([{ path: ['order'], code: 'order_not_agenda', message: 'The new order must list every item on the agenda exactly once' }]);
    }
    this.writer.write((tx) => {
      order.forEach((number, index) => {
        this.ensureRow(meetingId, number);
        this.db.prepare('UPDATE agenda_progress SET position = ? WHERE meeting_id = ? AND item_number = ?').run(index + 1, meetingId, number);
      });
      this.access.logHistory(tx, meetingId, 'agenda', '*', actingMemberId, 'reorder', numbers, order);
      for (const number of order) this.recordProgress(tx, meetingId, number);
    });
    return this.get(meetingId);
  }

  /** Defers an item to a later meeting, or marks it as taken in private (Part II), or undoes either. */
  mark(actingMemberId: string, meetingId: string, itemNumber: string, marks: { deferred?: boolean; partTwo?: boolean }): LiveAgenda {
    this.access.requirePresiding(actingMemberId, meetingId, 'change the agenda');
    this.access.requireItem(meetingId, itemNumber);
    if (marks.deferred === true && this.currentItem(meetingId) === itemNumber) {
      throw ruleBroken([{ path: ['deferred'], code: 'item_running', message: 'End the item before deferring it' }]);
    }
    this.writer.write((tx) => {
      this.ensureRow(meetingId, itemNumber);
      const before = this.progress(meetingId).find((r) => r.item_number === itemNumber);
      if (marks.deferred !== undefined) this.db.prepare('UPDATE agenda_progress SET deferred = ? WHERE meeting_id = ? AND item_number = ?').run(marks.deferred ? 1 : 0, meetingId, itemNumber);
      if (marks.partTwo !== undefined) this.db.prepare('UPDATE agenda_progress SET part_two = ? WHERE meeting_id = ? AND item_number = ?').run(marks.partTwo ? 1 : 0, meetingId, itemNumber);
      this.access.logHistory(tx, meetingId, 'agenda', itemNumber, actingMemberId, 'mark', before, marks);
      this.recordProgress(tx, meetingId, itemNumber);
    });
    return this.get(meetingId);
  }

  private finish(tx: DomainTransaction, actingMemberId: string, meetingId: string, itemNumber: string, when: string): void {
    const p = this.progress(meetingId).find((r) => r.item_number === itemNumber);
    if (!p?.started_at) throw ruleBroken([{ path: ['itemNumber'], code: 'item_not_started', message: `Item ${itemNumber} has not started` }]);
    if (Date.parse(when) < Date.parse(p.started_at)) throw ruleBroken([{ path: ['at'], code: 'end_before_start', message: 'An item cannot end before it started' }]);
    this.db.prepare('UPDATE agenda_progress SET ended_at = ? WHERE meeting_id = ? AND item_number = ?').run(when, meetingId, itemNumber);
    const wasCurrent = this.currentItem(meetingId) === itemNumber;
    if (wasCurrent) this.setCurrent(meetingId, null);
    this.access.logHistory(tx, meetingId, 'agenda', itemNumber, actingMemberId, 'end', p, { endedAt: when });
    this.recordProgress(tx, meetingId, itemNumber);
    if (wasCurrent) this.recordLive(tx, meetingId);
  }

  /**
   * Whole rows go to sync, not the fields just changed: a device that was offline, or joined late,
   * takes the row as it stands, and each item's row merges on its own (the chair on one laptop
   * ending item 4 while the clerk marks item 6 as Part II on another).
   */
  private recordProgress(tx: DomainTransaction, meetingId: string, itemNumber: string): void {
    const row = this.db
      .prepare<[string, string], ProgressRow>('SELECT item_number, position, started_at, ended_at, deferred, part_two FROM agenda_progress WHERE meeting_id = ? AND item_number = ?')
      .get(meetingId, itemNumber);
    if (!row) return;
    tx.recordEntity('agenda_progress', { meetingId, itemNumber, position: row.position, startedAt: row.started_at, endedAt: row.ended_at, deferred: row.deferred === 1, partTwo: row.part_two === 1 }, 'update');
  }

  /** The item being taken now: what members' devices follow when the chair moves on. */
  private recordLive(tx: DomainTransaction, meetingId: string): void {
    tx.recordEntity('meeting_live', { meetingId, currentItem: this.currentItem(meetingId) }, 'update');
  }

  private ensureRow(meetingId: string, itemNumber: string): void {
    this.db.prepare('INSERT OR IGNORE INTO agenda_progress (meeting_id, item_number) VALUES (?, ?)').run(meetingId, itemNumber);
  }

  private setCurrent(meetingId: string, itemNumber: string | null): void {
    this.db
      .prepare('INSERT INTO meeting_live (meeting_id, current_item) VALUES (?, ?) ON CONFLICT (meeting_id) DO UPDATE SET current_item = excluded.current_item')
      .run(meetingId, itemNumber);
  }

  private currentItem(meetingId: string): string | null {
    return this.db.prepare<[string], { current_item: string | null }>('SELECT current_item FROM meeting_live WHERE meeting_id = ?').get(meetingId)?.current_item ?? null;
  }

  private progress(meetingId: string): ProgressRow[] {
    return this.db.prepare<[string], ProgressRow>('SELECT item_number, position, started_at, ended_at, deferred, part_two FROM agenda_progress WHERE meeting_id = ?').all(meetingId);
  }
}
