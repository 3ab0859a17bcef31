import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempDir';
import { migrate } from '../migrator';
import { migrations } from './index';

describe('migration 0018 acting member history', () => {
  it('keeps every choice of who uses the device, and refuses edits and deletes', () => {
    const db = new Database(path.join(makeTempDir(), 'm18.sqlite3'));
    migrate(db, migrations.filter((m) => m.version < 18));
    migrate(db, migrations);
    const insert = db.prepare('INSERT INTO acting_member_history (member_id, previous_member_id, via, at) VALUES (?, ?, ?, ?)');
    insert.run('rouse', 'local-x', 'app', '2026-01-01T10:00:00.000Z');
    expect(() => insert.run('rouse', null, 'browser', '2026-01-01T10:00:00.000Z')).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE acting_member_history SET member_id = 'clerk'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM acting_member_history')).toThrow(/append-only/);
    expect(db.prepare('SELECT member_id, previous_member_id, via FROM acting_member_history').all()).toEqual([{ member_id: 'rouse', previous_member_id: 'local-x', via: 'app' }]);
    db.close();
  });
});
