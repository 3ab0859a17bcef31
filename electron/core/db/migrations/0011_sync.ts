import type { Migration } from '../migration';

export const migration0011: Migration = {
  version: 11,
  name: 'sync',
  sql: `
    -- What the endpoint answered for each outbox row. A row without an answer is still pending, so a
    -- crash between sending and recording simply resends it (the endpoint is idempotent per mutation).
    CREATE TABLE outbox_results (
      mutation_id TEXT PRIMARY KEY REFERENCES outbox (mutation_id) ON DELETE CASCADE,
      status      TEXT NOT NULL CHECK (status IN ('applied', 'conflict', 'rejected')),
      version     INTEGER,
      reason      TEXT,
      message     TEXT,
      answered_at TEXT NOT NULL
    ) STRICT;

    -- The last copy of each record this device saw from the endpoint: the common ancestor for
    -- field-by-field merges, and the base version sent with the next change to it.
    CREATE TABLE sync_shadow (
      entity  TEXT NOT NULL,
      id      TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 0),
      deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
      data    TEXT CHECK (data IS NULL OR json_valid(data)),
      -- 0 while the local table could not take it yet (its meeting not downloaded): retried later.
      applied INTEGER NOT NULL DEFAULT 1 CHECK (applied IN (0, 1)),
      PRIMARY KEY (entity, id)
    ) STRICT;

    -- Changes that could not merge: both versions kept until a person chooses; the loser stays here.
    CREATE TABLE sync_conflicts (
      id            TEXT PRIMARY KEY,
      entity        TEXT NOT NULL,
      entity_id     TEXT NOT NULL,
      fields        TEXT NOT NULL CHECK (json_valid(fields) AND json_type(fields) = 'array'),
      local         TEXT NOT NULL CHECK (json_valid(local)),
      server        TEXT NOT NULL CHECK (json_valid(server)),
      server_version INTEGER NOT NULL,
      created_at    TEXT NOT NULL,
      resolved_at   TEXT,
      resolution    TEXT CHECK (resolution IS NULL OR resolution IN ('mine', 'theirs'))
    ) STRICT;
    CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, created_at);

    -- Documents of published meetings fetched from the endpoint: received bytes let a cut download
    -- resume with a Range request; restricted ones need a recent sign-in to open (offline expiry).
    CREATE TABLE sync_documents (
      document_id TEXT PRIMARY KEY,
      meeting_id  TEXT NOT NULL,
      sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
      size        INTEGER NOT NULL CHECK (size >= 0),
      received    INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
      restricted  INTEGER NOT NULL CHECK (restricted IN (0, 1)),
      kind        TEXT NOT NULL,
      stored_at   TEXT,
      -- Why the last attempt to store it failed; NULL when stored or not tried.
      error       TEXT
    ) STRICT;
    CREATE INDEX sync_documents_by_sha ON sync_documents (sha256);

    -- Sign-in, cursor and timing: endpoint, tokens, cursor, last_contact_at, last_synced_at.
    -- The database is encrypted at rest with the data key, so tokens here are not in plain text.
    CREATE TABLE sync_state (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
