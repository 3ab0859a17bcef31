import type { PgMigration } from './migrations';

/**
 * A role per committee membership: the chair of one panel who only sits on another presides in the
 * first alone. Existing memberships take the user's role. The change log gets an index per record
 * (every write compacts that record's older entries) and `hidden_from`, so the tombstone a narrowed
 * record sends its previous audience does not reach the owner, who receives the record itself.
 */
export const committeeRoles: PgMigration = {
  version: 4,
  name: 'committee roles and change-log compaction',
  sql: `
    ALTER TABLE memberships ADD COLUMN role text CHECK (role IN ('councillor', 'chair', 'clerk', 'officer', 'admin'));
    UPDATE memberships m SET role = u.role FROM users u WHERE u.id = m.user_id;
    ALTER TABLE memberships ALTER COLUMN role SET NOT NULL;
    CREATE INDEX changes_by_record ON changes (entity, id);
    ALTER TABLE changes ADD COLUMN hidden_from text;
  `,
};
