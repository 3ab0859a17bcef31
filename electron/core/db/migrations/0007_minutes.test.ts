import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempDir';
import { migrate } from '../migrator';
import { migration0001 } from './0001_meetings_outbox';
import { migration0002 } from './0002_packs_search';
import { migration0003 } from './0003_interests';
import { migration0007 } from './0007_minutes';

function migrated() {
  const db = new Database(path.join(makeTempDir(), 'm7.sqlite3'));
  db.pragma('foreign_keys = ON');
  migrate(db, [migration0001, migration0002, migration0003, migration0007]);
  const meeting = db.prepare(
    `INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES (?, 'Panel', 'Panel', ?, '10:00', 'County Hall', 'now', 'now')`,
  );
  meeting.run('jan', '2022-01-17');
  meeting.run('mar', '2022-03-14');
  db.prepare("INSERT INTO members (id, name, created_at) VALUES ('clerk', 'Emma James', 'now')").run();
  db.prepare("INSERT INTO minutes (meeting_id, status, previous_last_minute, council_name, created_at, updated_at) VALUES ('jan', 'draft', 1082, 'Worcestershire County Council', 'now', 'now')").run();
  return db;
}

const setStatus = (db: Database.Database, sql: string) => db.prepare(`UPDATE minutes SET ${sql} WHERE meeting_id = 'jan'`).run();
const narrative = (db: Database.Database, item: string) =>
  db.prepare("INSERT INTO minute_narratives (meeting_id, item_number, narrative, updated_by, updated_at) VALUES ('jan', ?, '[]', 'clerk', 'now') ON CONFLICT DO UPDATE SET narrative = excluded.narrative").run(item);
const correct = (db: Database.Database) => db.prepare("INSERT INTO minute_corrections (meeting_id, item_number, text, recorded_by, at) VALUES ('jan', '5', 'Cllr Evans, not Cllr Evens', 'clerk', 'now')").run();

describe('migration 0007 minutes', () => {
  it('moves the workflow forward one step at a time, approval linked to another meeting', () => {
    const db = migrated();
    expect(() => setStatus(db, "status = 'approved', approved_at_meeting_id = 'mar', approved_at_item = '4', approved_at = 'now', circulated_at = 'now'")).toThrow(/workflow/);
    setStatus(db, "status = 'circulated', circulated_at = 'now'");
    setStatus(db, "status = 'draft'");
    setStatus(db, "status = 'circulated'");
    expect(() => setStatus(db, "status = 'approved', approved_at_meeting_id = 'jan', approved_at_item = '4', approved_at = 'now'")).toThrow(/CHECK/);
    expect(() => setStatus(db, "status = 'approved'")).toThrow(/CHECK/);
    expect(() => setStatus(db, "status = 'approved', approved_at_meeting_id = 'nowhere', approved_at_item = '4', approved_at = 'now'")).toThrow(/FOREIGN KEY/);
    setStatus(db, "status = 'approved', approved_at_meeting_id = 'mar', approved_at_item = '4', approved_at = 'now'");
    expect(() => setStatus(db, "status = 'draft', approved_at_meeting_id = NULL, approved_at_item = NULL, approved_at = NULL")).toThrow(/workflow/);
    expect(() => setStatus(db, "status = 'locked'")).toThrow(/CHECK/);
    setStatus(db, "status = 'locked', locked_at = 'now'");
  });

  it('takes narrative until approval, then only appended corrections; locked minutes never change', () => {
    const db = migrated();
    narrative(db, '5');
    expect(() => correct(db)).toThrow(/only approved minutes/);
    expect(() => db.prepare("INSERT INTO minute_narratives (meeting_id, item_number, narrative, updated_by, updated_at) VALUES ('jan', '6', '{}', 'clerk', 'now')").run()).toThrow(/CHECK/);
    setStatus(db, "status = 'circulated', circulated_at = 'now'");
    narrative(db, '6');
    setStatus(db, "status = 'approved', approved_at_meeting_id = 'mar', approved_at_item = '4', approved_at = 'now'");
    expect(() => narrative(db, '5')).toThrow(/recorded correction/);
    expect(() => narrative(db, '7')).toThrow(/recorded correction/);
    expect(() => db.prepare("DELETE FROM minute_narratives WHERE meeting_id = 'jan'").run()).toThrow(/recorded correction/);
    correct(db);
    setStatus(db, "status = 'locked', locked_at = 'now'");
    correct(db);
    expect(() => setStatus(db, "council_name = 'Changed'")).toThrow(/locked/);
    expect(() => db.prepare("DELETE FROM minutes WHERE meeting_id = 'jan'").run()).toThrow(/locked/);
    expect(() => db.prepare("UPDATE minute_corrections SET text = 'rewritten'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM minute_corrections').run()).toThrow(/append-only/);
    expect(db.prepare("SELECT count(*) AS n FROM minute_corrections WHERE meeting_id = 'jan'").get()).toEqual({ n: 2 });
  });

  it('keeps minutes history append-only', () => {
    const db = migrated();
    db.prepare("INSERT INTO minutes_history (meeting_id, actor_member_id, at, op, change) VALUES ('jan', 'clerk', 'now', 'start', '{}')").run();
    expect(() => db.prepare("UPDATE minutes_history SET op = 'lock'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM minutes_history').run()).toThrow(/append-only/);
  });
});
