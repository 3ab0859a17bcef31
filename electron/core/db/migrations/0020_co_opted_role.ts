import type { Migration } from '../migration';

/**
 * Committees co-opt people who are not councillors (a parent governor, a diocesan representative,
 * an independent person on standards). They sit on the panel and must declare interests like any
 * member, so they need their own role. SQLite cannot widen a CHECK in place: the table is rebuilt
 * with the same columns and index, inside the migration's one transaction, so no row is lost or
 * left behind if any statement fails.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'co_opted_role',
  sql: `
    CREATE TABLE meeting_roles_new (
      meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
      role       TEXT NOT NULL
                 CHECK (role IN ('chair', 'vice-chair', 'member', 'substitute', 'clerk', 'officer', 'cabinet-member', 'co-opted')),
      PRIMARY KEY (meeting_id, member_id)
    ) STRICT;
    INSERT INTO meeting_roles_new (meeting_id, member_id, role) SELECT meeting_id, member_id, role FROM meeting_roles;
    DROP TABLE meeting_roles;
    ALTER TABLE meeting_roles_new RENAME TO meeting_roles;
    CREATE INDEX meeting_roles_by_member ON meeting_roles (member_id);
  `,
};
