import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempDir';
import { migrate } from '../migrator';
import { migrations } from './index';

describe('migration 0015 agenda item restricted', () => {
  it('marks items open unless told otherwise, and takes only 0 or 1', () => {
    const db = new Database(path.join(makeTempDir(), 'm15.sqlite3'));
    db.pragma('foreign_keys = ON');
    const before = migrations.filter((m) => m.version < 15);
    migrate(db, before);
    const now = '2026-01-01T00:00:00Z';
    db.prepare("INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES ('m', 'T', 'C', '2026-02-01', '10:00', 'V', ?, ?)").run(now, now);
    db.prepare('INSERT INTO documents (sha256, byte_size, page_count, created_at) VALUES (?, 1, 1, ?)').run('a'.repeat(64), now);
    db.prepare("INSERT INTO packs (id, meeting_id, version, document_sha256, source_name, structure_source, warnings, imported_at) VALUES ('p', 'm', 1, ?, 's', 'agenda-table', '[]', ?)").run('a'.repeat(64), now);
    db.prepare("INSERT INTO agenda_items (id, pack_id, meeting_id, position, number, title, status) VALUES ('old', 'p', 'm', 0, '1', 'Apologies', 'none')").run();
    migrate(db, migrations);
    expect(db.prepare("SELECT restricted FROM agenda_items WHERE id = 'old'").get()).toEqual({ restricted: 0 });
    const item = db.prepare("INSERT INTO agenda_items (id, pack_id, meeting_id, position, number, title, status, restricted) VALUES (?, 'p', 'm', ?, '2', 'Exempt', 'published', ?)");
    item.run('exempt', 1, 1);
    expect(() => item.run('bad', 2, 2)).toThrow(/CHECK/);
    db.close();
  });
});
