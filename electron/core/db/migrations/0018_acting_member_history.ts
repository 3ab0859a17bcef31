import type { Migration } from '../migration';

/**
 * Who uses this device is one explicit choice, and every choice is kept: the member chosen, who was
 * acting before, how it was chosen (the app or the command line) and when. Append-only, like the
 * other histories, so a device cannot quietly forget that someone chose to act as the chair.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'acting_member_history',
  sql: `
    CREATE TABLE acting_member_history (
      id                 INTEGER PRIMARY KEY AUTOINCREMENT,
      member_id          TEXT NOT NULL CHECK (length(member_id) BETWEEN 1 AND 100),
      previous_member_id TEXT CHECK (previous_member_id IS NULL OR length(previous_member_id) BETWEEN 1 AND 100),
      via                TEXT NOT NULL CHECK (via IN ('app', 'cli')),
      at                 TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER acting_member_history_no_update BEFORE UPDATE ON acting_member_history BEGIN
      SELECT RAISE(ABORT, 'acting_member_history is append-only');
    END;
    CREATE TRIGGER acting_member_history_no_delete BEFORE DELETE ON acting_member_history BEGIN
      SELECT RAISE(ABORT, 'acting_member_history is append-only');
    END;
  `,
};
