import type { Migration } from '../migration';

/**
 * Issue 17.4: every pulled change and every refused push stands alone. A pulled change this device
 * cannot validate or apply is held here (one per record, the newest version) instead of rolling
 * back the page, so the cursor moves on; a local change the endpoint refused is kept here for the
 * member who made it, with the endpoint's reason and what this device did about it.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'sync_quarantine',
  sql: `
    CREATE TABLE sync_quarantine (
      entity      TEXT NOT NULL,
      entity_id   TEXT NOT NULL,
      version     INTEGER NOT NULL CHECK (version >= 0),
      deleted     INTEGER NOT NULL CHECK (deleted IN (0, 1)),
      -- Verbatim as it was pulled, deliberately without json_valid(): what SQLite's JSON cannot read
      -- (1,000 levels deep) is exactly what must still be kept.
      payload     TEXT,
      -- Whose record the endpoint said it is.
      owner_id    TEXT,
      -- What kind of failure (translated on the sync screen) and the technical detail, for IT.
      reason_code TEXT NOT NULL CHECK (reason_code IN ('too-deep', 'too-large', 'not-object', 'invalid-payload', 'unknown-entity', 'not-applied')),
      reason      TEXT NOT NULL CHECK (length(reason) > 0),
      -- The app that could not apply it; a different version tries again.
      app_version TEXT NOT NULL,
      received_at TEXT NOT NULL,
      PRIMARY KEY (entity, entity_id)
    ) STRICT;

    CREATE TABLE sync_rejections (
      mutation_id TEXT PRIMARY KEY,
      entity      TEXT NOT NULL,
      entity_id   TEXT NOT NULL,
      operation   TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
      -- Who was signed in when it was refused: the member the flag is for.
      member_id   TEXT,
      reason      TEXT NOT NULL,
      message     TEXT NOT NULL,
      -- rolled-back: the last synced copy is back in force here; kept: the change stays on this device only.
      handling    TEXT NOT NULL CHECK (handling IN ('rolled-back', 'kept')),
      -- The refused version, so a rolled-back change can be entered again by hand.
      refused     TEXT CHECK (refused IS NULL OR json_valid(refused)),
      rejected_at TEXT NOT NULL,
      dismissed_at TEXT
    ) STRICT;
    CREATE INDEX sync_rejections_open ON sync_rejections (dismissed_at, rejected_at);
  `,
};
