import type { Migration } from '../migration';

export const migration0007: Migration = {
  version: 7,
  name: 'minutes',
  sql: `
    -- One set of minutes per meeting and where it is in its workflow:
    -- draft -> circulated -> approved (as a correct record at a later meeting's confirmation item) -> locked.
    CREATE TABLE minutes (
      meeting_id              TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
      status                  TEXT NOT NULL CHECK (status IN ('draft', 'circulated', 'approved', 'locked')),
      -- Minute numbers continue across meetings: this meeting's first minute is previous_last_minute + 1.
      previous_last_minute    INTEGER NOT NULL CHECK (previous_last_minute >= 0),
      council_name            TEXT NOT NULL CHECK (length(council_name) <= 200),
      circulated_at           TEXT,
      approved_at_meeting_id  TEXT REFERENCES meetings (id),
      approved_at_item        TEXT CHECK (approved_at_item IS NULL OR length(approved_at_item) BETWEEN 1 AND 50),
      approved_at             TEXT,
      locked_at               TEXT,
      version                 INTEGER NOT NULL DEFAULT 0,
      created_at              TEXT NOT NULL,
      updated_at              TEXT NOT NULL,
      CHECK ((status IN ('approved', 'locked')) = (approved_at_meeting_id IS NOT NULL)),
      CHECK ((approved_at_meeting_id IS NULL) = (approved_at_item IS NULL) AND (approved_at_item IS NULL) = (approved_at IS NULL)),
      CHECK ((status = 'locked') = (locked_at IS NOT NULL)),
      CHECK (status = 'draft' OR circulated_at IS NOT NULL),
      -- Minutes are confirmed at another (later) meeting, never at their own.
      CHECK (approved_at_meeting_id IS NULL OR approved_at_meeting_id <> meeting_id)
    ) STRICT;
    CREATE INDEX minutes_by_approving_meeting ON minutes (approved_at_meeting_id);

    -- Locked minutes never change again: only a recorded correction (below) may follow.
    CREATE TRIGGER minutes_locked_no_update BEFORE UPDATE ON minutes WHEN OLD.status = 'locked' BEGIN
      SELECT RAISE(ABORT, 'minutes are locked; record a correction instead');
    END;
    CREATE TRIGGER minutes_locked_no_delete BEFORE DELETE ON minutes WHEN OLD.status = 'locked' BEGIN
      SELECT RAISE(ABORT, 'minutes are locked; record a correction instead');
    END;
    -- Status moves forward one step at a time.
    CREATE TRIGGER minutes_status_forward BEFORE UPDATE OF status ON minutes
      WHEN NEW.status <> OLD.status AND NOT (
        (OLD.status = 'draft' AND NEW.status = 'circulated') OR
        (OLD.status = 'circulated' AND NEW.status IN ('draft', 'approved')) OR
        (OLD.status = 'approved' AND NEW.status = 'locked'))
    BEGIN
      SELECT RAISE(ABORT, 'minutes workflow: that step is not allowed');
    END;

    -- The clerk's narrative per agenda item, as a rich-text tree (shared/minutes/richText.ts). Kept by
    -- item number, apart from the recorded outcomes, so reassembling the minutes never loses it.
    CREATE TABLE minute_narratives (
      meeting_id  TEXT NOT NULL REFERENCES minutes (meeting_id) ON DELETE CASCADE,
      item_number TEXT NOT NULL CHECK (length(item_number) BETWEEN 1 AND 50),
      narrative   TEXT NOT NULL CHECK (json_valid(narrative) AND json_type(narrative) = 'array'),
      version     INTEGER NOT NULL DEFAULT 0,
      updated_by  TEXT NOT NULL REFERENCES members (id),
      updated_at  TEXT NOT NULL,
      PRIMARY KEY (meeting_id, item_number)
    ) STRICT;
    CREATE TRIGGER minute_narratives_locked_insert BEFORE INSERT ON minute_narratives
      WHEN (SELECT status FROM minutes WHERE meeting_id = NEW.meeting_id) IN ('approved', 'locked') BEGIN
      SELECT RAISE(ABORT, 'approved minutes are changed only by a recorded correction');
    END;
    CREATE TRIGGER minute_narratives_locked_update BEFORE UPDATE ON minute_narratives
      WHEN (SELECT status FROM minutes WHERE meeting_id = OLD.meeting_id) IN ('approved', 'locked') BEGIN
      SELECT RAISE(ABORT, 'approved minutes are changed only by a recorded correction');
    END;
    CREATE TRIGGER minute_narratives_locked_delete BEFORE DELETE ON minute_narratives
      WHEN (SELECT status FROM minutes WHERE meeting_id = OLD.meeting_id) IN ('approved', 'locked') BEGIN
      SELECT RAISE(ABORT, 'approved minutes are changed only by a recorded correction');
    END;

    -- Corrections to approved or locked minutes: append-only, each with who recorded it and when.
    CREATE TABLE minute_corrections (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      meeting_id  TEXT NOT NULL REFERENCES minutes (meeting_id),
      item_number TEXT CHECK (item_number IS NULL OR length(item_number) BETWEEN 1 AND 50),
      text        TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
      recorded_by TEXT NOT NULL REFERENCES members (id),
      at          TEXT NOT NULL
    ) STRICT;
    CREATE INDEX minute_corrections_by_meeting ON minute_corrections (meeting_id, id);
    CREATE TRIGGER minute_corrections_only_when_approved BEFORE INSERT ON minute_corrections
      WHEN (SELECT status FROM minutes WHERE meeting_id = NEW.meeting_id) NOT IN ('approved', 'locked') BEGIN
      SELECT RAISE(ABORT, 'only approved minutes take corrections; edit the draft instead');
    END;
    CREATE TRIGGER minute_corrections_no_update BEFORE UPDATE ON minute_corrections BEGIN
      SELECT RAISE(ABORT, 'minute_corrections is append-only');
    END;
    CREATE TRIGGER minute_corrections_no_delete BEFORE DELETE ON minute_corrections BEGIN
      SELECT RAISE(ABORT, 'minute_corrections is append-only');
    END;

    -- Append-only audit of every change to the minutes: workflow steps and narrative edits.
    CREATE TABLE minutes_history (
      id              INTEGER PRIMARY KEY AUTOINCREMENT,
      meeting_id      TEXT NOT NULL REFERENCES meetings (id),
      actor_member_id TEXT NOT NULL REFERENCES members (id),
      at              TEXT NOT NULL,
      op              TEXT NOT NULL CHECK (op IN ('start', 'narrative', 'circulate', 'return-to-draft', 'approve', 'lock', 'correct')),
      change          TEXT NOT NULL CHECK (json_valid(change) AND json_type(change) = 'object')
    ) STRICT;
    CREATE INDEX minutes_history_by_meeting ON minutes_history (meeting_id, id);
    CREATE TRIGGER minutes_history_no_update BEFORE UPDATE ON minutes_history BEGIN
      SELECT RAISE(ABORT, 'minutes_history is append-only');
    END;
    CREATE TRIGGER minutes_history_no_delete BEFORE DELETE ON minutes_history BEGIN
      SELECT RAISE(ABORT, 'minutes_history is append-only');
    END;
  `,
};
