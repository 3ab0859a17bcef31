import { describe, expect, it } from 'vitest';
import { migratedTo } from '../../testing/harness';

function migrated() {
  const db = migratedTo(4);
  db.prepare(
    `INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at)
     VALUES ('m', 'Panel', 'Panel', '2022-01-17', '10:00', 'County Hall', 'now', 'now')`,
  ).run();
  db.prepare("INSERT INTO documents (sha256, byte_size, page_count, created_at) VALUES (?, 10, 1, 'now')").run('a'.repeat(64));
  db.prepare(
    "INSERT INTO packs (id, meeting_id, version, document_sha256, source_name, structure_source, warnings, imported_at) VALUES ('p', 'm', 1, ?, 'x.pdf', 'none', '[]', 'now')",
  ).run('a'.repeat(64));
  return db;
}

const insert = `INSERT INTO annotations (id, meeting_id, author_member_id, kind, colour, pack_id, page_index, rects, ink, quote_exact, created_at, updated_at)
  VALUES (@id, 'm', 'me', @kind, @colour, 'p', 0, '[]', @ink, @quote, 'now', 'now')`;
const row = { id: 'a1', kind: 'highlight', colour: '#ffd60a', ink: null, quote: 'the draft Budget' };

describe('migration 0004 annotations', () => {
  it('stores annotations with their quote and refuses text marks without one, bad colours and ink without strokes', () => {
    const db = migrated();
    db.prepare(insert).run(row);
    expect(() => db.prepare(insert).run({ ...row, id: 'a2', quote: null })).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run({ ...row, id: 'a3', colour: 'yellow' })).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run({ ...row, id: 'a4', kind: 'ink', quote: null })).toThrow(/CHECK/);
    db.prepare(insert).run({ ...row, id: 'a5', kind: 'ink', quote: null, ink: '[]' });
    db.prepare(insert).run({ ...row, id: 'a6', kind: 'note', quote: null });
    expect(() => db.prepare(insert).run({ ...row, id: 'a7', kind: 'scribble' })).toThrow(/CHECK/);
    expect(db.prepare("SELECT status, anchored_by, shared FROM annotations WHERE id = 'a1'").get()).toEqual({ status: 'anchored', anchored_by: 'created', shared: 0 });
  });

  it('keeps page geometry with its pack and clears a question\'s highlight link when the highlight goes', () => {
    const db = migrated();
    db.prepare("INSERT INTO pack_page_geometry (pack_id, page_index, width, height, lines) VALUES ('p', 0, 595, 842, '[[0,5,72,72,30,12]]')").run();
    expect(() => db.prepare("INSERT INTO pack_page_geometry (pack_id, page_index, width, height, lines) VALUES ('p', 1, 595, 842, '{}')").run()).toThrow(/CHECK/);
    db.prepare(insert).run(row);
    db.prepare(
      "INSERT INTO questions (id, meeting_id, author_member_id, item_number, position, text, annotation_id, created_at, updated_at) VALUES ('q', 'm', 'me', '5', 0, 'Why?', 'a1', 'now', 'now')",
    ).run();
    db.prepare("DELETE FROM annotations WHERE id = 'a1'").run();
    expect(db.prepare("SELECT annotation_id FROM questions WHERE id = 'q'").get()).toEqual({ annotation_id: null });
    expect(() =>
      db.prepare("INSERT INTO questions (id, meeting_id, author_member_id, item_number, position, text, created_at, updated_at) VALUES ('q2', 'm', 'me', '5', 0, '', 'now', 'now')").run(),
    ).toThrow(/CHECK/);
    db.prepare("DELETE FROM packs WHERE id = 'p'").run();
    expect(db.prepare('SELECT count(*) AS n FROM pack_page_geometry').get()).toEqual({ n: 0 });
  });
});
