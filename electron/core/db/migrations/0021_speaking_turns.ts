import type { Migration } from '../migration';

/**
 * Turns at speaking on time-limited items (public participation, question time), timed by the
 * chair: the minutes say who addressed the meeting, for how long, and against which limit. A member
 * of the public has a name and no member id. Turns are only added, never edited: a mistimed turn is
 * a fact of the meeting, like the vote.
 */
export const migration0021: Migration = {
  version: 21,
  name: 'speaking_turns',
  sql: `
    CREATE TABLE speaking_turns (
      id            TEXT PRIMARY KEY,
      meeting_id    TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      item_number   TEXT NOT NULL CHECK (length(item_number) BETWEEN 1 AND 50),
      member_id     TEXT REFERENCES members (id),
      speaker       TEXT NOT NULL CHECK (length(speaker) BETWEEN 1 AND 200),
      started_at    TEXT NOT NULL,
      ended_at      TEXT NOT NULL CHECK (ended_at >= started_at),
      limit_seconds INTEGER CHECK (limit_seconds IS NULL OR limit_seconds BETWEEN 1 AND 3600),
      recorded_by   TEXT NOT NULL REFERENCES members (id),
      created_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX speaking_turns_by_item ON speaking_turns (meeting_id, item_number, started_at);
    CREATE TRIGGER speaking_turns_no_update BEFORE UPDATE ON speaking_turns BEGIN
      SELECT RAISE(ABORT, 'speaking_turns is append-only');
    END;
  `,
};
