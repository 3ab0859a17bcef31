import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempDir';
import { migrate } from '../migrator';
import { migrations } from './index';

const search = (db: Database.Database, q: string) =>
  db.prepare<[string], { page_index: number }>('SELECT pp.page_index FROM pack_pages_fts JOIN pack_pages pp ON pp.id = pack_pages_fts.rowid WHERE pack_pages_fts MATCH ? ORDER BY pp.page_index').all(q).map((r) => r.page_index);

describe('migration 0022 pack search prefixes', () => {
  it("rebuilds a device's existing index with prefix indexes, and the 0002 triggers keep the new one in step", () => {
    const db = new Database(path.join(makeTempDir(), 'm22.sqlite3'));
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      migrations.filter((m) => m.version < 22),
    );
    db.prepare("INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES ('m', 'Panel', 'Panel', '2022-01-17', '10:00', 'Hall', 'now', 'now')").run();
    db.prepare("INSERT INTO documents (sha256, byte_size, page_count, created_at) VALUES (?, 10, 2, 'now')").run('a'.repeat(64));
    db.prepare("INSERT INTO packs (id, meeting_id, version, document_sha256, source_name, structure_source, warnings, imported_at) VALUES ('p1', 'm', 1, ?, 'pack.pdf', 'agenda-table', '[]', 'now')").run('a'.repeat(64));
    const insert = db.prepare("INSERT INTO pack_pages (pack_id, page_index, printed_page, text) VALUES ('p1', ?, ?, ?)");
    insert.run(0, 1, 'Agenda: Budget Scrutiny 2022/23');
    insert.run(1, 2, 'Adroddiad ar ansawdd dŵr');

    migrate(db, migrations);

    // Pages indexed before the migration are found through the rebuilt index, prefixes included.
    expect(search(db, 'budget')).toEqual([0]);
    expect(search(db, '"bu"*')).toEqual([0]);
    expect(search(db, '"scru"*')).toEqual([0]);
    expect(search(db, 'dwr')).toEqual([1]);
    const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'pack_pages_fts'").get() as { sql: string }).sql;
    expect(sql).toMatch(/prefix = '2 3 4'/);
    expect(db.prepare('SELECT id, pack_id, page_index FROM pack_pages INDEXED BY pack_pages_place WHERE id = 1').get()).toEqual({ id: 1, pack_id: 'p1', page_index: 0 });
    expect(db.prepare("SELECT term FROM pack_pages_vocab WHERE term >= 'scr' AND term < 'scs'").all()).toEqual([{ term: 'scrutiny' }]);

    insert.run(2, 3, 'Information governance');
    db.prepare("UPDATE pack_pages SET text = 'Data sharing' WHERE page_index = 0").run();
    expect(search(db, '"gov"*')).toEqual([2]);
    expect(search(db, 'budget')).toEqual([]);
    expect(search(db, '"shar"*')).toEqual([0]);
    db.prepare('DELETE FROM pack_pages WHERE page_index = 2').run();
    expect(search(db, '"gov"*')).toEqual([]);
    db.exec("INSERT INTO pack_pages_fts (pack_pages_fts) VALUES ('integrity-check')");
    db.close();
  });
});
