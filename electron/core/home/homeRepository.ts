import type { Home, UpcomingMeeting } from '../../../shared/api/contracts/home';
import type { Db } from '../db/database';
import type { MeetingsRepository } from '../meetings/repository';

const viewedKey = (meetingId: string) => `viewed:${meetingId}`;

/** YYYY-MM-DD of an instant on the wall clock in London, where every council meeting happens. */
export function londonDate(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * What the home screen shows. "Last viewed" is this device's own memory (device_settings, never
 * synced): what is new to this reader, not to the council.
 */
export class HomeRepository {
  private readonly viewed;
  private readonly markViewed;
  private readonly packsSince;
  private readonly packCount;
  private readonly changesSince;
  private readonly questions;
  private readonly actions;

  constructor(
    db: Db,
    private readonly meetings: MeetingsRepository,
    private readonly clock: () => Date,
  ) {
    this.viewed = db.prepare<[string], { value: string }>('SELECT value FROM device_settings WHERE key = ?');
    this.markViewed = db.prepare('INSERT INTO device_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.packCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM packs WHERE meeting_id = ?');
    this.packsSince = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM packs WHERE meeting_id = ? AND imported_at > ?');
    this.changesSince = db.prepare<[string, string], { n: number }>(
      `SELECT count(DISTINCT c.item_id) AS n FROM moderngov_item_changes c
         JOIN moderngov_items i ON i.id = c.item_id
        WHERE i.meeting_id = ? AND c.detected_at > ?`,
    );
    this.questions = db.prepare<[string], { id: string; meeting_id: string; title: string; item_number: string; text: string }>(
      `SELECT q.id, q.meeting_id, m.title, q.item_number, q.text FROM questions q JOIN meetings m ON m.id = q.meeting_id
        WHERE q.asked_at IS NULL AND q.answer IS NULL AND m.date >= ? ORDER BY m.date, q.item_number, q.position LIMIT 50`,
    );
    this.actions = db.prepare<[], { id: string; meeting_id: string; title: string; item_number: string; text: string; owner: string; due_date: string | null }>(
      `SELECT a.id, a.meeting_id, m.title, a.item_number, a.text, a.owner, a.due_date FROM actions a JOIN meetings m ON m.id = a.meeting_id
        WHERE a.status = 'open' ORDER BY a.due_date IS NULL, a.due_date, m.date LIMIT 50`,
    );
  }

  home(): Home {
    const today = londonDate(this.clock());
    const upcoming: UpcomingMeeting[] = this.meetings
      .list()
      .filter((m) => m.date >= today && m.status !== 'cancelled')
      .map((m) => {
        const lastViewedAt = this.viewed.get(viewedKey(m.id))?.value ?? null;
        // Never opened: everything it has is new, but a meeting with no papers has nothing to show.
        const since = lastViewedAt ?? '';
        return {
          ...m,
          lastViewedAt,
          hasPack: (this.packCount.get(m.id)?.n ?? 0) > 0,
          newPackVersions: this.packsSince.get(m.id, since)?.n ?? 0,
          changedItems: lastViewedAt ? (this.changesSince.get(m.id, since)?.n ?? 0) : 0,
        };
      });
    return {
      today,
      upcoming,
      openQuestions: this.questions.all(today).map((q) => ({ id: q.id, meetingId: q.meeting_id, meetingTitle: q.title, itemNumber: q.item_number, text: q.text })),
      openActions: this.actions.all().map((a) => ({
        id: a.id,
        meetingId: a.meeting_id,
        meetingTitle: a.title,
        itemNumber: a.item_number,
        text: a.text,
        owner: a.owner,
        dueDate: a.due_date,
      })),
    };
  }

  markMeetingViewed(meetingId: string): { viewedAt: string } {
    this.meetings.get(meetingId);
    const viewedAt = this.clock().toISOString();
    this.markViewed.run(viewedKey(meetingId), viewedAt);
    return { viewedAt };
  }
}
