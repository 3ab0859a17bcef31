import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempDir';
import { migrate } from '../migrator';
import { migrations } from './index';

describe('migration 0021 speaking turns', () => {
  it('keeps turns by member or by name, refuses one that ends before it starts, and never edits one', () => {
    const db = new Database(path.join(makeTempDir(), 'm21.sqlite3'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES ('m', 'T', 'C', '2026-02-01', '10:00', 'V', ?, ?)").run(now, now);
    db.prepare("INSERT INTO members (id, name, created_at) VALUES ('rouse', 'Mike Rouse', ?)").run(now);
    const turn = db.prepare("INSERT INTO speaking_turns (id, meeting_id, item_number, member_id, speaker, started_at, ended_at, limit_seconds, recorded_by, created_at) VALUES (?, 'm', '4', ?, ?, ?, ?, ?, 'rouse', ?)");
    turn.run('a', null, 'Jo Public', '2026-02-01T10:05:00.000Z', '2026-02-01T10:08:20.000Z', 180, now);
    turn.run('b', 'rouse', 'Mike Rouse', '2026-02-01T10:09:00.000Z', '2026-02-01T10:10:00.000Z', null, now);
    expect(() => turn.run('c', null, 'Late', '2026-02-01T10:09:00.000Z', '2026-02-01T10:08:00.000Z', null, now)).toThrow(/CHECK/);
    expect(() => turn.run('d', null, 'Long', '2026-02-01T10:09:00.000Z', '2026-02-01T10:10:00.000Z', 0, now)).toThrow(/CHECK/);
    expect(() => turn.run('e', 'nobody', 'Ghost', '2026-02-01T10:09:00.000Z', '2026-02-01T10:10:00.000Z', null, now)).toThrow(/FOREIGN KEY/);
    expect(() => db.exec("UPDATE speaking_turns SET ended_at = '2026-02-01T10:07:00.000Z' WHERE id = 'a'")).toThrow(/append-only/);
    db.prepare("DELETE FROM meetings WHERE id = 'm'").run();
    expect(db.prepare('SELECT count(*) AS n FROM speaking_turns').get()).toEqual({ n: 0 });
    db.close();
  });
});
