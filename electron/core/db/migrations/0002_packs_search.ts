import type { Migration } from '../migration';

export const migration0002: Migration = {
  version: 2,
  name: 'packs_search',
  sql: `
    -- Stored PDFs, content-addressed: the same file imported twice is one row and one file.
    CREATE TABLE documents (
      sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      byte_size  INTEGER NOT NULL CHECK (byte_size > 0),
      page_count INTEGER NOT NULL CHECK (page_count >= 0),
      created_at TEXT NOT NULL
    ) STRICT;

    -- Each import of a meeting's pack is a version; republished packs and supplements add one.
    CREATE TABLE packs (
      id               TEXT PRIMARY KEY,
      meeting_id       TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      version          INTEGER NOT NULL CHECK (version >= 1),
      document_sha256  TEXT NOT NULL REFERENCES documents (sha256),
      source_name      TEXT NOT NULL,
      structure_source TEXT NOT NULL CHECK (structure_source IN ('agenda-table', 'headings', 'none')),
      warnings         TEXT NOT NULL CHECK (json_valid(warnings)),
      imported_at      TEXT NOT NULL,
      UNIQUE (meeting_id, version)
    ) STRICT;

    CREATE TABLE pack_pages (
      id           INTEGER PRIMARY KEY,
      pack_id      TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
      page_index   INTEGER NOT NULL CHECK (page_index >= 0),
      printed_page INTEGER,
      text         TEXT NOT NULL,
      UNIQUE (pack_id, page_index)
    ) STRICT;

    -- External-content FTS5 index over every page; the triggers keep it in step with pack_pages.
    -- remove_diacritics folds Welsh ŵ/ŷ/â so "dwr" finds "dŵr".
    CREATE VIRTUAL TABLE pack_pages_fts USING fts5 (
      text,
      content = 'pack_pages',
      content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER pack_pages_ai AFTER INSERT ON pack_pages BEGIN
      INSERT INTO pack_pages_fts (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER pack_pages_ad AFTER DELETE ON pack_pages BEGIN
      INSERT INTO pack_pages_fts (pack_pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER pack_pages_au AFTER UPDATE ON pack_pages BEGIN
      INSERT INTO pack_pages_fts (pack_pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
      INSERT INTO pack_pages_fts (rowid, text) VALUES (new.id, new.text);
    END;

    CREATE TABLE agenda_items (
      id           TEXT PRIMARY KEY,
      pack_id      TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
      meeting_id   TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      position     INTEGER NOT NULL,
      number       TEXT NOT NULL,
      title        TEXT NOT NULL,
      printed_from INTEGER,
      printed_to   INTEGER,
      pdf_from     INTEGER,
      pdf_to       INTEGER,
      timing_from  TEXT,
      timing_to    TEXT,
      status       TEXT NOT NULL CHECK (status IN ('published', 'to-follow', 'previously-circulated', 'none')),
      UNIQUE (pack_id, position)
    ) STRICT;
    CREATE INDEX agenda_items_by_meeting ON agenda_items (meeting_id);

    CREATE TABLE meeting_members (
      meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      position   INTEGER NOT NULL,
      name       TEXT NOT NULL,
      role       TEXT NOT NULL CHECK (role IN ('chair', 'vice-chair', 'member')),
      PRIMARY KEY (meeting_id, position)
    ) STRICT;

    CREATE INDEX meetings_by_committee_date ON meetings (lower(committee), date);
  `,
};
