import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempDir';
import { migrate } from '../migrator';
import { migration0001 } from './0001_meetings_outbox';
import { migration0011 } from './0011_sync';

function migrated() {
  const db = new Database(path.join(makeTempDir(), 'm11.sqlite3'));
  db.pragma('foreign_keys = ON');
  migrate(db, [migration0001, migration0011]);
  db.prepare(
    `INSERT INTO outbox (mutation_id, client_id, entity, entity_id, base_version, operation, payload, created_at)
     VALUES ('mu1', 'c', 'annotation', 'a1', 0, 'create', '{}', 'now')`,
  ).run();
  return db;
}

describe('migration 0011 sync', () => {
  it('keeps one answer per outbox row, only for rows that exist, with a known status', () => {
    const db = migrated();
    const answer = db.prepare("INSERT INTO outbox_results (mutation_id, status, version, answered_at) VALUES (?, ?, 1, 'now')");
    answer.run('mu1', 'applied');
    expect(() => answer.run('mu1', 'applied')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => answer.run('missing', 'applied')).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM outbox_results").run();
    expect(() => answer.run('mu1', 'lost')).toThrow(/CHECK/);
  });

  it('holds one shadow per record and refuses conflicts that are not JSON', () => {
    const db = migrated();
    const shadow = db.prepare("INSERT INTO sync_shadow (entity, id, version, data) VALUES ('outcome', 'o1', ?, ?)");
    shadow.run(1, '{"decision":"agreed"}');
    expect(() => shadow.run(2, '{}')).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db.prepare("INSERT INTO sync_conflicts (id, entity, entity_id, fields, local, server, server_version, created_at) VALUES ('c', 'outcome', 'o1', '[]', 'not json', '{}', 2, 'now')").run(),
    ).toThrow(/CHECK/);
  });
});
