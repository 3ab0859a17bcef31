import type { Migration } from '../migration';

/**
 * Modern.gov sites as a source of meetings. Chamber's own meetings, packs and agenda items stay the
 * model everything else reads; these tables remember which Modern.gov record each one came from (so
 * a second fetch updates rather than duplicates), the raw agenda text, each linked document, the
 * HTTP validators to send next time, and what changed per item since the member last looked.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'moderngov',
  sql: `
    CREATE TABLE moderngov_sites (
      id          TEXT PRIMARY KEY,
      -- Normalised: scheme, host, port and path prefix, no trailing slash, no mgWebService.asmx.
      base_url    TEXT NOT NULL UNIQUE CHECK (base_url GLOB 'http*://*'),
      days_ahead  INTEGER NOT NULL DEFAULT 90 CHECK (days_ahead BETWEEN 1 AND 730),
      created_at  TEXT NOT NULL,
      refreshed_at TEXT
    ) STRICT;

    CREATE TABLE moderngov_committees (
      site_id      TEXT NOT NULL REFERENCES moderngov_sites (id) ON DELETE CASCADE,
      committee_id INTEGER NOT NULL,
      title        TEXT NOT NULL,
      chosen       INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1)),
      PRIMARY KEY (site_id, committee_id)
    ) STRICT;

    CREATE TABLE moderngov_meetings (
      meeting_id      TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
      site_id         TEXT NOT NULL REFERENCES moderngov_sites (id) ON DELETE CASCADE,
      mg_meeting_id   INTEGER NOT NULL,
      mg_committee_id INTEGER NOT NULL,
      mg_status       TEXT NOT NULL,
      etag            TEXT,
      last_modified   TEXT,
      -- The sha256 list of the documents the latest pack version was assembled from.
      pack_composition TEXT,
      fetched_at      TEXT NOT NULL,
      UNIQUE (site_id, mg_meeting_id)
    ) STRICT;

    CREATE TABLE moderngov_items (
      id                TEXT PRIMARY KEY,
      meeting_id        TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      mg_item_id        INTEGER NOT NULL,
      position          INTEGER NOT NULL,
      number            TEXT NOT NULL,
      title             TEXT NOT NULL,
      -- As published (HTML); sanitised where it is shown, never here.
      agenda_html       TEXT NOT NULL,
      restricted        INTEGER NOT NULL CHECK (restricted IN (0, 1)),
      declaration_count INTEGER NOT NULL DEFAULT 0,
      UNIQUE (meeting_id, mg_item_id)
    ) STRICT;

    CREATE TABLE moderngov_documents (
      item_id          TEXT NOT NULL REFERENCES moderngov_items (id) ON DELETE CASCADE,
      mg_attachment_id INTEGER NOT NULL,
      position         INTEGER NOT NULL,
      title            TEXT NOT NULL,
      url              TEXT NOT NULL,
      published_at     TEXT,
      restricted       INTEGER NOT NULL CHECK (restricted IN (0, 1)),
      document_sha256  TEXT REFERENCES documents (sha256),
      etag             TEXT,
      last_modified    TEXT,
      -- Why the last download failed (an error code), NULL when it arrived.
      fetch_error      TEXT,
      pdf_from         INTEGER,
      pdf_to           INTEGER,
      PRIMARY KEY (item_id, mg_attachment_id)
    ) STRICT;

    -- What is new or changed per item since the member last looked ("seen").
    CREATE TABLE moderngov_item_changes (
      id          INTEGER PRIMARY KEY,
      item_id     TEXT NOT NULL REFERENCES moderngov_items (id) ON DELETE CASCADE,
      kind        TEXT NOT NULL CHECK (kind IN ('new-item', 'new-document', 'supplement', 'publication-date-changed', 'document-changed', 'title-changed', 'agenda-text-changed')),
      detail      TEXT NOT NULL CHECK (json_valid(detail)),
      detected_at TEXT NOT NULL,
      seen        INTEGER NOT NULL DEFAULT 0 CHECK (seen IN (0, 1))
    ) STRICT;
    CREATE INDEX moderngov_item_changes_unseen ON moderngov_item_changes (item_id) WHERE seen = 0;
  `,
};
