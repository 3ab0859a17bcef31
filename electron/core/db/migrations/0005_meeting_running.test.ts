import { describe, expect, it } from 'vitest';
import { migratedTo } from '../../testing/harness';

function migrated() {
  const db = migratedTo(5);
  db.prepare(
    `INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at)
     VALUES ('m', 'Panel', 'Panel', '2022-01-17', '10:00', 'County Hall', 'now', 'now')`,
  ).run();
  for (const id of ['a', 'b', 'c']) db.prepare("INSERT INTO members (id, name, created_at) VALUES (?, ?, 'now')").run(id, `Member ${id}`);
  return db;
}

describe('migration 0005 meeting running', () => {
  it('ties a substitute to exactly one absent member', () => {
    const db = migrated();
    const insert = db.prepare("INSERT INTO attendance (meeting_id, member_id, status, substitute_for, updated_at) VALUES ('m', ?, ?, ?, 'now')");
    insert.run('a', 'apologies', null);
    insert.run('b', 'substitute', 'a');
    expect(() => insert.run('c', 'substitute', 'a')).toThrow(/UNIQUE/);
    expect(() => insert.run('c', 'substitute', null)).toThrow(/CHECK/);
    expect(() => insert.run('c', 'present', 'a')).toThrow(/CHECK/);
    expect(() => insert.run('c', 'sleeping', null)).toThrow(/CHECK/);
  });

  it('keeps timings in order and resolutions worded', () => {
    const db = migrated();
    expect(() => db.prepare("INSERT INTO agenda_progress (meeting_id, item_number, started_at, ended_at) VALUES ('m', '5', '2022-01-17T10:05', '2022-01-17T10:00')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO agenda_progress (meeting_id, item_number, ended_at) VALUES ('m', '6', '2022-01-17T10:00')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO outcomes (id, meeting_id, item_number, kind, updated_at) VALUES ('o', 'm', '5', 'resolved', 'now')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO outcomes (id, meeting_id, item_number, kind, resolution, updated_at) VALUES ('o', 'm', '5', 'resolved', 'That', 'now')").run();
    expect(() => db.prepare("INSERT INTO outcomes (id, meeting_id, item_number, kind, updated_at) VALUES ('o2', 'm', '5', 'noted', 'now')").run()).toThrow(/UNIQUE/);
  });

  it('keeps the meeting history and the comment updates append-only', () => {
    const db = migrated();
    db.prepare("INSERT INTO meeting_history (meeting_id, entity, entity_id, actor_member_id, at, op, change) VALUES ('m', 'outcome', 'o', 'a', 'now', 'record', '{}')").run();
    expect(() => db.prepare("UPDATE meeting_history SET op = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM meeting_history').run()).toThrow(/append-only/);
    db.prepare("INSERT INTO panel_comments (id, meeting_id, item_number, title, created_by, created_at) VALUES ('p', 'm', '5', 'Budget', 'a', 'now')").run();
    db.prepare("INSERT INTO panel_comment_updates (comment_id, member_id, at, data) VALUES ('p', 'a', 'now', x'00')").run();
    expect(() => db.prepare("UPDATE panel_comment_updates SET data = x'01'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE panel_comments SET agreed_text = 'x'").run()).toThrow(/CHECK/);
  });
});
