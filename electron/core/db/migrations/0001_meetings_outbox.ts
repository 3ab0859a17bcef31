import type { Migration } from '../migration';

export const migration0001: Migration = {
  version: 1,
  name: 'meetings_outbox',
  sql: `
    CREATE TABLE device_settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    -- One id per installation, used as the client id in sync mutations.
    INSERT INTO device_settings (key, value) VALUES ('client_id', lower(hex(randomblob(16))));

    CREATE TABLE meetings (
      id          TEXT PRIMARY KEY,
      title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      committee   TEXT NOT NULL CHECK (length(committee) BETWEEN 1 AND 200),
      date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      start_time  TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
      venue       TEXT NOT NULL CHECK (length(venue) BETWEEN 1 AND 200),
      status      TEXT NOT NULL DEFAULT 'scheduled'
                  CHECK (status IN ('scheduled', 'in-progress', 'closed', 'cancelled')),
      version     INTEGER NOT NULL DEFAULT 0,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    ) STRICT;

    CREATE INDEX meetings_by_date ON meetings (date, start_time);

    -- Every local domain write appends here in the same transaction; sync drains it in seq order.
    CREATE TABLE outbox (
      seq          INTEGER PRIMARY KEY AUTOINCREMENT,
      mutation_id  TEXT NOT NULL UNIQUE,
      client_id    TEXT NOT NULL,
      entity       TEXT NOT NULL,
      entity_id    TEXT NOT NULL,
      base_version INTEGER NOT NULL,
      operation    TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
      payload      TEXT NOT NULL CHECK (json_valid(payload)),
      created_at   TEXT NOT NULL
    ) STRICT;

    CREATE INDEX outbox_by_entity ON outbox (entity, entity_id);
  `,
};
