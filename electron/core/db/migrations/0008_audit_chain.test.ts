import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/verify';
import { makeTempDir } from '../../testing/tempDir';
import { migratedTo } from '../../testing/harness';
import { migrate } from '../migrator';
import { migrations } from './index';

const upTo = (version: number) => migrations.filter((m) => m.version <= version);

/** A database at schema 7 with history in all three tables, recorded out of table order. */
function at0007WithHistory() {
  const db = migratedTo(7);
  db.prepare("INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES ('m', 'Panel', 'Panel', '2022-01-17', '10:00', 'County Hall', 'now', 'now')").run();
  db.prepare("INSERT INTO members (id, name, created_at) VALUES ('clerk', 'Emma James', 'now')").run();
  db.prepare(
    `INSERT INTO declarations (id, meeting_id, member_id, item_number, kind, nature, nature_withheld, action, declared_at, scope, pre_declared, confirmed_by_chair, created_at, updated_at)
     VALUES ('d', 'm', 'clerk', '6', 'other-registrable', 'Governor of the school', 0, 'remained', '{"at":"start"}', '{"kind":"item"}', 0, 0, 'now', 'now')`,
  ).run();
  db.prepare("INSERT INTO minutes_history (meeting_id, actor_member_id, at, op, change) VALUES ('m', 'clerk', '2022-01-17T12:00:00Z', 'start', '{}')").run();
  db.prepare("INSERT INTO declaration_history (declaration_id, actor_member_id, at, change) VALUES ('d', 'clerk', '2022-01-17T10:05:00Z', '{\"op\":\"record\"}')").run();
  db.prepare(
    "INSERT INTO meeting_history (meeting_id, entity, entity_id, actor_member_id, at, op, change) VALUES ('m', 'outcome', 'o', 'clerk', '2022-01-17T11:00:00Z', 'record', '{}')",
  ).run();
  return db;
}

describe('migration 0008 audit_chain', () => {
  it('chains the history already recorded, in the order it was recorded', () => {
    const db = at0007WithHistory();
    migrate(db, upTo(8));
    const chain = db.prepare('SELECT seq, source FROM audit_chain ORDER BY seq').all();
    expect(chain).toEqual([
      { seq: 1, source: 'declaration_history' },
      { seq: 2, source: 'meeting_history' },
      { seq: 3, source: 'minutes_history' },
    ]);
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 3, problem: null });
  });

  it('extends the chain on every new history entry and refuses edits to the chain', () => {
    const db = at0007WithHistory();
    migrate(db, upTo(8));
    db.prepare("INSERT INTO minutes_history (meeting_id, actor_member_id, at, op, change) VALUES ('m', 'clerk', '2022-01-18T09:00:00Z', 'circulate', '{}')").run();
    expect(db.prepare('SELECT count(*) AS n FROM audit_chain').get()).toEqual({ n: 4 });
    expect(verifyAuditChain(db).ok).toBe(true);
    expect(() => db.prepare("UPDATE audit_chain SET chain_hash = entry_hash WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_chain').run()).toThrow(/append-only/);
  });

  it('migrates an empty database to an empty, valid chain', () => {
    const db = new Database(path.join(makeTempDir(), 'm8-empty.sqlite3'));
    migrate(db, upTo(8));
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 0, problem: null });
  });
});
