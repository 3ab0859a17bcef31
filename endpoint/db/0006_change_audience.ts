import type { PgMigration } from './migrations';

/**
 * Each change carries its audience as one key, so a pull reads only the audiences its caller is in
 * after the cursor (one probe of `changes_by_audience` each) rather than filtering the whole log
 * after the cursor row by row. The key is generated from the columns that already decide
 * visibility, so every writer fills it without naming it and existing rows are backfilled by this
 * very statement:
 *   owner:<user>               private to its owner
 *   committee:<id>             a committee's open business (`*` for none: everyone's)
 *   committee:<id>:restricted  its Part II business, which officers do not see
 * The index by position alone goes: every pull now reads by audience, and the planner would
 * otherwise take it for a caller whose cursor is recent, then walk every committee's changes after it.
 * A tombstone's `hidden_from` stays a per-row filter: it only ever removes the owner from a key
 * they are otherwise in.
 */
export const changeAudience: PgMigration = {
  version: 6,
  name: 'change log indexed by audience',
  sql: `
    ALTER TABLE changes ADD COLUMN audience text NOT NULL GENERATED ALWAYS AS (
      CASE WHEN private THEN 'owner:' || coalesce(owner_id, '')
           ELSE 'committee:' || coalesce(committee_id, '*') || CASE WHEN restricted THEN ':restricted' ELSE '' END END
    ) STORED;
    CREATE INDEX changes_by_audience ON changes (audience, xid, seq);
    DROP INDEX changes_by_position;
  `,
};
