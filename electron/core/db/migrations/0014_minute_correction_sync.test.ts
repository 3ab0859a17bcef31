import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/verify';
import { makeTempDir } from '../../testing/tempDir';
import { migratedTo } from '../../testing/harness';
import { migrate } from '../migrator';
import { migrations } from './index';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A database at schema 13 with approved minutes and two corrections recorded before 0014. */
function at0013WithCorrections() {
  const db = migratedTo(13);
  db.exec(`
    INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES ('m', 'Panel', 'Panel', '2022-01-17', '10:00', 'Hall', 'now', 'now');
    INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES ('later', 'Panel', 'Panel', '2022-03-17', '10:00', 'Hall', 'now', 'now');
    INSERT INTO members (id, name, created_at) VALUES ('clerk', 'Clerk', 'now');
    INSERT INTO minutes (meeting_id, status, previous_last_minute, council_name, created_at, updated_at) VALUES ('m', 'draft', 0, 'Council', 'now', 'now');
    UPDATE minutes SET status = 'circulated', circulated_at = 'now' WHERE meeting_id = 'm';
    UPDATE minutes SET status = 'approved', approved_at_meeting_id = 'later', approved_at_item = '2', approved_at = 'now' WHERE meeting_id = 'm';
    INSERT INTO minute_corrections (meeting_id, item_number, text, recorded_by, at) VALUES ('m', '1', 'Cllr Evans, not Cllr Evens', 'clerk', '2022-03-18T09:00:00.000Z');
    INSERT INTO minute_corrections (meeting_id, item_number, text, recorded_by, at) VALUES ('m', NULL, 'The meeting ended at 12:10', 'clerk', '2022-03-18T09:05:00.000Z');
    INSERT INTO minutes_history (meeting_id, actor_member_id, at, op, change) VALUES ('m', 'clerk', '2022-03-18T09:00:00.000Z', 'correct', '{}');
  `);
  return db;
}

describe('migration 0014 minute correction sync', () => {
  it('gives every existing correction its own sync id and queues it for sync, leaving the corrections and the audit chain as they were', () => {
    const db = at0013WithCorrections();
    const before = db.prepare('SELECT * FROM minute_corrections ORDER BY id').all();
    const chain = db.prepare('SELECT * FROM audit_chain ORDER BY seq').all();
    migrate(db, migrations);

    expect(db.prepare('SELECT * FROM minute_corrections ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT * FROM audit_chain ORDER BY seq').all()).toEqual(chain);
    expect(verifyAuditChain(db).ok).toBe(true);
    const ids = db.prepare<[], { correction_id: number; sync_id: string }>('SELECT correction_id, sync_id FROM minute_correction_sync ORDER BY correction_id').all();
    expect(ids.map((i) => i.correction_id)).toEqual([1, 2]);
    for (const i of ids) expect(i.sync_id).toMatch(uuidPattern);
    expect(ids[0]?.sync_id).not.toBe(ids[1]?.sync_id);

    const clientId = db.prepare<[], { value: string }>("SELECT value FROM device_settings WHERE key = 'client_id'").get()?.value;
    const queued = db
      .prepare<[], { mutation_id: string; client_id: string; entity: string; entity_id: string; base_version: number; operation: string; payload: string }>(
        "SELECT mutation_id, client_id, entity, entity_id, base_version, operation, payload FROM outbox WHERE entity = 'minute_correction' ORDER BY seq",
      )
      .all();
    expect(queued.map((q) => ({ ...q, payload: JSON.parse(q.payload) as unknown, mutation_id: undefined }))).toEqual([
      { mutation_id: undefined, client_id: clientId, entity: 'minute_correction', entity_id: ids[0]?.sync_id, base_version: 0, operation: 'create', payload: { meetingId: 'm', itemNumber: '1', text: 'Cllr Evans, not Cllr Evens', recordedBy: 'clerk', at: '2022-03-18T09:00:00.000Z' } },
      { mutation_id: undefined, client_id: clientId, entity: 'minute_correction', entity_id: ids[1]?.sync_id, base_version: 0, operation: 'create', payload: { meetingId: 'm', itemNumber: null, text: 'The meeting ended at 12:10', recordedBy: 'clerk', at: '2022-03-18T09:05:00.000Z' } },
    ]);
    for (const q of queued) expect(q.mutation_id).toMatch(uuidPattern);
    db.close();
  });

  it('keeps sync ids unique, tied to a correction, and never changed or removed', () => {
    const db = at0013WithCorrections();
    migrate(db, migrations);
    const insert = db.prepare('INSERT INTO minute_correction_sync (correction_id, sync_id) VALUES (?, ?)');
    db.prepare("INSERT INTO minute_corrections (meeting_id, item_number, text, recorded_by, at) VALUES ('m', NULL, 'Third', 'clerk', 'now')").run();
    const taken = db.prepare<[], { sync_id: string }>('SELECT sync_id FROM minute_correction_sync WHERE correction_id = 1').get()?.sync_id;
    expect(() => insert.run(3, taken)).toThrow(/UNIQUE/);
    expect(() => insert.run(1, 'another-id')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run(99, 'no-such-correction')).toThrow(/FOREIGN KEY/);
    expect(() => insert.run(3, '')).toThrow(/CHECK/);
    insert.run(3, 'third');
    expect(() => db.prepare("UPDATE minute_correction_sync SET sync_id = 'moved' WHERE correction_id = 3").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM minute_correction_sync').run()).toThrow(/append-only/);
    db.close();
  });

  it('queues nothing on a database without corrections', () => {
    const db = new Database(path.join(makeTempDir(), 'm14-empty.sqlite3'));
    migrate(db, migrations);
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM minute_correction_sync').get()).toEqual({ n: 0 });
    db.close();
  });
});
