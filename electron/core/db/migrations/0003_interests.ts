import type { Migration } from '../migration';

export const migration0003: Migration = {
  version: 3,
  name: 'interests',
  sql: `
    -- People who hold roles at meetings, declare interests and keep a register of interests.
    CREATE TABLE members (
      id         TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 100),
      name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX members_by_name ON members (lower(name));

    -- Who is what at a meeting; chair, vice-chair and clerk may record declarations for anyone.
    CREATE TABLE meeting_roles (
      meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
      role       TEXT NOT NULL
                 CHECK (role IN ('chair', 'vice-chair', 'member', 'substitute', 'clerk', 'officer', 'cabinet-member')),
      PRIMARY KEY (meeting_id, member_id)
    ) STRICT;
    CREATE INDEX meeting_roles_by_member ON meeting_roles (member_id);

    CREATE TABLE registered_interests (
      id           TEXT PRIMARY KEY,
      member_id    TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
      category     TEXT NOT NULL CHECK (category IN ('employment', 'sponsorship', 'contracts', 'land', 'licences',
                                                     'corporate-tenancies', 'securities', 'other-registrable')),
      description  TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
      organisation TEXT CHECK (organisation IS NULL OR length(organisation) BETWEEN 1 AND 200),
      place        TEXT CHECK (place IS NULL OR length(place) BETWEEN 1 AND 200),
      keywords     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords) AND json_type(keywords) = 'array'),
      version      INTEGER NOT NULL DEFAULT 0,
      created_at   TEXT NOT NULL,
      updated_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX registered_interests_by_member ON registered_interests (member_id);

    -- One row per declaration: always one agenda item, never blanket (rules in shared/declarations).
    CREATE TABLE declarations (
      id                     TEXT PRIMARY KEY,
      meeting_id             TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      member_id              TEXT NOT NULL REFERENCES members (id),
      item_number            TEXT NOT NULL CHECK (length(item_number) BETWEEN 1 AND 50),
      kind                   TEXT NOT NULL
                             CHECK (kind IN ('dpi', 'other-registrable', 'non-registrable', 'sensitive', 'party-whip')),
      nature                 TEXT CHECK (nature IS NULL OR length(nature) BETWEEN 1 AND 1000),
      nature_withheld        INTEGER NOT NULL CHECK (nature_withheld IN (0, 1)),
      action                 TEXT NOT NULL CHECK (action IN ('withdrew', 'remained-did-not-vote', 'remained-with-dispensation',
                                                             'spoke-as-public-then-withdrew', 'remained')),
      dispensation_reference TEXT CHECK (dispensation_reference IS NULL OR length(dispensation_reference) BETWEEN 1 AND 100),
      declared_at            TEXT NOT NULL CHECK (json_valid(declared_at) AND json_type(declared_at) = 'object'),
      scope                  TEXT NOT NULL CHECK (json_valid(scope) AND json_type(scope) = 'object'),
      pre_declared           INTEGER NOT NULL CHECK (pre_declared IN (0, 1)),
      confirmed_by_chair     INTEGER NOT NULL CHECK (confirmed_by_chair IN (0, 1)),
      -- Set when the member takes the declaration back; kept, never deleted, for the history.
      withdrawn_at           TEXT,
      version                INTEGER NOT NULL DEFAULT 0,
      created_at             TEXT NOT NULL,
      updated_at             TEXT NOT NULL,
      -- A sensitive interest is declared with its nature withheld, and only a sensitive one.
      CHECK ((kind = 'sensitive' AND nature IS NULL AND nature_withheld = 1)
          OR (kind <> 'sensitive' AND nature IS NOT NULL AND nature_withheld = 0)),
      -- A DPI without a dispensation means withdrawal.
      CHECK (kind <> 'dpi' OR dispensation_reference IS NOT NULL OR action IN ('withdrew', 'spoke-as-public-then-withdrew')),
      CHECK (action <> 'remained-with-dispensation' OR dispensation_reference IS NOT NULL)
    ) STRICT;
    CREATE INDEX declarations_by_meeting ON declarations (meeting_id, member_id);

    -- Append-only audit of every change to a declaration.
    CREATE TABLE declaration_history (
      id              INTEGER PRIMARY KEY AUTOINCREMENT,
      declaration_id  TEXT NOT NULL REFERENCES declarations (id),
      actor_member_id TEXT NOT NULL REFERENCES members (id),
      at              TEXT NOT NULL,
      change          TEXT NOT NULL CHECK (json_valid(change) AND json_type(change) = 'object')
    ) STRICT;
    CREATE INDEX declaration_history_by_declaration ON declaration_history (declaration_id, id);
    CREATE TRIGGER declaration_history_no_update BEFORE UPDATE ON declaration_history BEGIN
      SELECT RAISE(ABORT, 'declaration_history is append-only');
    END;
    CREATE TRIGGER declaration_history_no_delete BEFORE DELETE ON declaration_history BEGIN
      SELECT RAISE(ABORT, 'declaration_history is append-only');
    END;
  `,
};
