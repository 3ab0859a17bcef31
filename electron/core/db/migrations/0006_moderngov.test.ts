import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempDir';
import { migrate } from '../migrator';
import { migration0001 } from './0001_meetings_outbox';
import { migration0002 } from './0002_packs_search';
import { migration0003 } from './0003_interests';
import { migration0006 } from './0006_moderngov';

function migrated() {
  const db = new Database(path.join(makeTempDir(), 'm6.sqlite3'));
  db.pragma('foreign_keys = ON');
  migrate(db, [migration0001, migration0002, migration0003, migration0006]);
  db.prepare(
    `INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at)
     VALUES ('m', 'Panel', 'Panel', '2022-01-17', '10:00', 'County Hall', 'now', 'now')`,
  ).run();
  db.prepare("INSERT INTO moderngov_sites (id, base_url, created_at) VALUES ('s', 'https://democracy.example.gov.uk', 'now')").run();
  return db;
}

describe('migration 0006 moderngov', () => {
  it('keeps one Chamber meeting per Modern.gov meeting of a site, and one item per Modern.gov item', () => {
    const db = migrated();
    const link = db.prepare("INSERT INTO moderngov_meetings (meeting_id, site_id, mg_meeting_id, mg_committee_id, mg_status, fetched_at) VALUES (?, 's', 42, 7, 'Confirmed', 'now')");
    link.run('m');
    db.prepare(
      `INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at)
       VALUES ('m2', 'Panel', 'Panel', '2022-01-18', '10:00', 'County Hall', 'now', 'now')`,
    ).run();
    expect(() => link.run('m2')).toThrow(/UNIQUE/);
    const item = db.prepare("INSERT INTO moderngov_items (id, meeting_id, mg_item_id, position, number, title, agenda_html, restricted) VALUES (?, 'm', 900, 0, '1', 'Apologies', '', 0)");
    item.run('i1');
    expect(() => item.run('i2')).toThrow(/UNIQUE/);
  });

  it('refuses unknown change kinds, non-http sites and documents that are not stored', () => {
    const db = migrated();
    db.prepare("INSERT INTO moderngov_items (id, meeting_id, mg_item_id, position, number, title, agenda_html, restricted) VALUES ('i', 'm', 1, 0, '1', 'A', '', 0)").run();
    expect(() => db.prepare("INSERT INTO moderngov_item_changes (item_id, kind, detail, detected_at) VALUES ('i', 'gossip', '{}', 'now')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO moderngov_sites (id, base_url, created_at) VALUES ('f', 'file:///etc', 'now')").run()).toThrow(/CHECK/);
    expect(() =>
      db.prepare(`INSERT INTO moderngov_documents (item_id, mg_attachment_id, position, title, url, restricted, document_sha256) VALUES ('i', 5, 0, 'R', 'https://x/y.pdf', 0, '${'a'.repeat(64)}')`).run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('removes everything fetched for a meeting when the meeting goes', () => {
    const db = migrated();
    db.prepare("INSERT INTO moderngov_meetings (meeting_id, site_id, mg_meeting_id, mg_committee_id, mg_status, fetched_at) VALUES ('m', 's', 42, 7, 'Confirmed', 'now')").run();
    db.prepare("INSERT INTO moderngov_items (id, meeting_id, mg_item_id, position, number, title, agenda_html, restricted) VALUES ('i', 'm', 1, 0, '1', 'A', '', 0)").run();
    db.prepare("INSERT INTO moderngov_documents (item_id, mg_attachment_id, position, title, url, restricted) VALUES ('i', 5, 0, 'R', 'https://x/y.pdf', 0)").run();
    db.prepare("INSERT INTO moderngov_item_changes (item_id, kind, detail, detected_at) VALUES ('i', 'new-document', '{}', 'now')").run();
    db.prepare("DELETE FROM meetings WHERE id = 'm'").run();
    for (const table of ['moderngov_meetings', 'moderngov_items', 'moderngov_documents', 'moderngov_item_changes']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
  });
});
