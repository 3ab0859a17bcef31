import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempDir';
import { migrate } from '../migrator';
import { migration0001 } from './0001_meetings_outbox';
import { migration0002 } from './0002_packs_search';

function migrated() {
  const db = new Database(path.join(makeTempDir(), 'm2.sqlite3'));
  db.pragma('foreign_keys = ON');
  migrate(db, [migration0001, migration0002]);
  db.prepare(
    `INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at)
     VALUES ('m', 'Panel', 'Panel', '2022-01-17', '10:00', 'County Hall', 'now', 'now')`,
  ).run();
  db.prepare("INSERT INTO documents (sha256, byte_size, page_count, created_at) VALUES (?, 10, 2, 'now')").run('a'.repeat(64));
  db.prepare(
    `INSERT INTO packs (id, meeting_id, version, document_sha256, source_name, structure_source, warnings, imported_at)
     VALUES ('p1', 'm', 1, ?, 'pack.pdf', 'agenda-table', '[]', 'now')`,
  ).run('a'.repeat(64));
  return db;
}

const search = (db: Database.Database, q: string) =>
  db.prepare<[string], { page_index: number }>('SELECT pp.page_index FROM pack_pages_fts JOIN pack_pages pp ON pp.id = pack_pages_fts.rowid WHERE pack_pages_fts MATCH ? ORDER BY pp.page_index').all(q).map((r) => r.page_index);

describe('migration 0002 packs_search', () => {
  it('keeps the external-content FTS index in step with pages on insert, update and delete', () => {
    const db = migrated();
    const insert = db.prepare("INSERT INTO pack_pages (pack_id, page_index, printed_page, text) VALUES ('p1', ?, ?, ?)");
    insert.run(0, null, 'Agenda: Budget Scrutiny 2022/23');
    insert.run(1, 1, 'The Panel will consider the draft Budget');
    expect(search(db, 'budget')).toEqual([0, 1]);
    db.prepare("UPDATE pack_pages SET text = 'Data Sharing and Analytics' WHERE page_index = 1").run();
    expect(search(db, 'budget')).toEqual([0]);
    expect(search(db, 'analytics')).toEqual([1]);
    db.prepare('DELETE FROM pack_pages WHERE page_index = 0').run();
    expect(search(db, 'budget')).toEqual([]);
    db.exec("INSERT INTO pack_pages_fts (pack_pages_fts) VALUES ('integrity-check')");
  });

  it('folds Welsh diacritics so a search without accents finds them', () => {
    const db = migrated();
    db.prepare("INSERT INTO pack_pages (pack_id, page_index, printed_page, text) VALUES ('p1', 0, 1, 'Adroddiad ar ansawdd dŵr a thâl')").run();
    expect(search(db, 'dwr')).toEqual([0]);
    expect(search(db, 'thal')).toEqual([0]);
  });

  it('cascades a meeting deletion to packs, pages, the index and items, and refuses duplicate versions', () => {
    const db = migrated();
    db.prepare("INSERT INTO pack_pages (pack_id, page_index, printed_page, text) VALUES ('p1', 0, 1, 'Work Programme')").run();
    db.prepare("INSERT INTO agenda_items (id, pack_id, meeting_id, position, number, title, status) VALUES ('i1', 'p1', 'm', 0, '8', 'Work Programme', 'published')").run();
    expect(() =>
      db.prepare("INSERT INTO packs (id, meeting_id, version, document_sha256, source_name, structure_source, warnings, imported_at) VALUES ('p2', 'm', 1, ?, 'x', 'none', '[]', 'now')").run('a'.repeat(64)),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO agenda_items (id, pack_id, meeting_id, position, number, title, status) VALUES ('i2', 'p1', 'm', 1, '9', 'x', 'maybe')").run()).toThrow(/CHECK/);
    db.prepare("DELETE FROM meetings WHERE id = 'm'").run();
    expect(db.prepare('SELECT count(*) AS n FROM pack_pages').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM agenda_items').get()).toEqual({ n: 0 });
    expect(search(db, 'programme')).toEqual([]);
  });
});
