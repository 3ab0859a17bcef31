import type { Migration } from '../migration';

export const migration0005: Migration = {
  version: 5,
  name: 'meeting_running',
  sql: `
    -- Who came: one row per member with a role at the meeting (rules in shared/meeting/attendance.ts).
    CREATE TABLE attendance (
      meeting_id       TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      member_id        TEXT NOT NULL REFERENCES members (id),
      status           TEXT NOT NULL CHECK (status IN ('present', 'apologies', 'absent', 'substitute', 'in-attendance')),
      substitute_for   TEXT REFERENCES members (id),
      arrived_at_item  TEXT,
      departed_at_item TEXT,
      updated_at       TEXT NOT NULL,
      PRIMARY KEY (meeting_id, member_id),
      CHECK ((status = 'substitute') = (substitute_for IS NOT NULL)),
      CHECK (substitute_for IS NULL OR substitute_for <> member_id)
    ) STRICT;
    -- One substitute per absent member.
    CREATE UNIQUE INDEX attendance_one_substitute ON attendance (meeting_id, substitute_for) WHERE substitute_for IS NOT NULL;

    -- The live agenda: the day's order, timings and marks over the pack's agenda items (by number,
    -- so a republished pack keeps what happened at the meeting).
    CREATE TABLE agenda_progress (
      meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      item_number TEXT NOT NULL CHECK (length(item_number) BETWEEN 1 AND 50),
      position    INTEGER,
      started_at  TEXT,
      ended_at    TEXT,
      deferred    INTEGER NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1)),
      part_two    INTEGER NOT NULL DEFAULT 0 CHECK (part_two IN (0, 1)),
      PRIMARY KEY (meeting_id, item_number),
      CHECK (ended_at IS NULL OR (started_at IS NOT NULL AND ended_at >= started_at))
    ) STRICT;

    CREATE TABLE meeting_live (
      meeting_id   TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
      current_item TEXT
    ) STRICT;

    CREATE TABLE outcomes (
      id          TEXT PRIMARY KEY,
      meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      item_number TEXT NOT NULL CHECK (length(item_number) BETWEEN 1 AND 50),
      kind        TEXT NOT NULL CHECK (kind IN ('noted', 'agreed', 'resolved', 'deferred', 'withdrawn')),
      resolution  TEXT CHECK (resolution IS NULL OR length(resolution) BETWEEN 1 AND 10000),
      vote        TEXT CHECK (vote IS NULL OR (json_valid(vote) AND json_type(vote) = 'object')),
      version     INTEGER NOT NULL DEFAULT 0,
      updated_at  TEXT NOT NULL,
      UNIQUE (meeting_id, item_number),
      CHECK (kind <> 'resolved' OR resolution IS NOT NULL)
    ) STRICT;

    CREATE TABLE actions (
      id          TEXT PRIMARY KEY,
      meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      item_number TEXT NOT NULL CHECK (length(item_number) BETWEEN 1 AND 50),
      text        TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
      owner       TEXT NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
      due_date    TEXT,
      status      TEXT NOT NULL CHECK (status IN ('open', 'done')),
      version     INTEGER NOT NULL DEFAULT 0,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX actions_by_status ON actions (status, due_date);

    -- A panel comment is a Yjs document: its updates are kept in order (append-only, so concurrent
    -- edits from several devices merge and the history stays), with snapshots to load it quickly.
    CREATE TABLE panel_comments (
      id          TEXT PRIMARY KEY,
      meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      item_number TEXT NOT NULL CHECK (length(item_number) BETWEEN 1 AND 50),
      title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      created_by  TEXT NOT NULL REFERENCES members (id),
      created_at  TEXT NOT NULL,
      agreed_text TEXT,
      agreed_by   TEXT REFERENCES members (id),
      agreed_at   TEXT,
      CHECK ((agreed_text IS NULL) = (agreed_by IS NULL) AND (agreed_by IS NULL) = (agreed_at IS NULL))
    ) STRICT;
    CREATE INDEX panel_comments_by_meeting ON panel_comments (meeting_id, item_number);

    CREATE TABLE panel_comment_updates (
      seq        INTEGER PRIMARY KEY AUTOINCREMENT,
      comment_id TEXT NOT NULL REFERENCES panel_comments (id) ON DELETE CASCADE,
      member_id  TEXT NOT NULL REFERENCES members (id),
      at         TEXT NOT NULL,
      data       BLOB NOT NULL
    ) STRICT;
    CREATE INDEX panel_comment_updates_by_comment ON panel_comment_updates (comment_id, seq);
    CREATE TRIGGER panel_comment_updates_no_update BEFORE UPDATE ON panel_comment_updates BEGIN
      SELECT RAISE(ABORT, 'panel_comment_updates is append-only');
    END;

    CREATE TABLE panel_comment_snapshots (
      comment_id TEXT NOT NULL REFERENCES panel_comments (id) ON DELETE CASCADE,
      upto_seq   INTEGER NOT NULL,
      state      BLOB NOT NULL,
      at         TEXT NOT NULL,
      PRIMARY KEY (comment_id, upto_seq)
    ) STRICT;

    -- Append-only audit (who, when, what) of attendance, agenda, outcome, action and comment changes.
    CREATE TABLE meeting_history (
      id              INTEGER PRIMARY KEY AUTOINCREMENT,
      meeting_id      TEXT NOT NULL REFERENCES meetings (id),
      entity          TEXT NOT NULL CHECK (entity IN ('attendance', 'agenda', 'outcome', 'action', 'panel-comment')),
      entity_id       TEXT NOT NULL,
      actor_member_id TEXT NOT NULL REFERENCES members (id),
      at              TEXT NOT NULL,
      op              TEXT NOT NULL,
      change          TEXT NOT NULL CHECK (json_valid(change) AND json_type(change) = 'object')
    ) STRICT;
    CREATE INDEX meeting_history_by_entity ON meeting_history (meeting_id, entity, entity_id, id);
    CREATE TRIGGER meeting_history_no_update BEFORE UPDATE ON meeting_history BEGIN
      SELECT RAISE(ABORT, 'meeting_history is append-only');
    END;
    CREATE TRIGGER meeting_history_no_delete BEFORE DELETE ON meeting_history BEGIN
      SELECT RAISE(ABORT, 'meeting_history is append-only');
    END;
  `,
};
