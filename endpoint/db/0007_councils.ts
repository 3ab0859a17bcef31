import type { PgMigration } from './migrations';

/** The council a deployment that predates councils becomes: everything it held is that council's. */
export const defaultCouncilId = 'default';

/**
 * Councils (tenants) on one endpoint. Each owns its committees, users, meetings and records; a
 * committee's name is unique within its council only (two councils may both have "Planning").
 * Memberships, meetings and records name their council beside the user or committee they link to,
 * with composite keys, so the database itself refuses a link from one council into another: a
 * member of B on A's committee, A's meeting under B's committee, a record owned by B's member in
 * A's meeting. Everything already here moves into one default council.
 *
 * The change log's audience key for council-wide business (no committee) becomes `council:<id>`
 * in place of the shared `committee:*`, so a pull still makes one index probe per audience and
 * never reads another council's register. Committee and owner keys name globally unique ids and
 * stay as they were. A change written without a council (an older writer) is council-wide to no
 * council: nobody pulls it, rather than everybody. The column is dropped and added again rather
 * than given a new expression, which PostgreSQL before 17 cannot do.
 */
export const councils: PgMigration = {
  version: 7,
  name: 'councils',
  sql: `
    CREATE TABLE councils (
      id         text PRIMARY KEY,
      name       text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX councils_by_name ON councils (lower(name));
    INSERT INTO councils (id, name) VALUES ('${defaultCouncilId}', 'Council');

    ALTER TABLE committees ADD COLUMN council_id text NOT NULL DEFAULT '${defaultCouncilId}' REFERENCES councils (id);
    ALTER TABLE committees ALTER COLUMN council_id DROP DEFAULT;
    ALTER TABLE committees DROP CONSTRAINT committees_name_key;
    ALTER TABLE committees ADD CONSTRAINT committees_name_per_council UNIQUE (council_id, name);
    ALTER TABLE committees ADD CONSTRAINT committees_in_council UNIQUE (id, council_id);

    ALTER TABLE users ADD COLUMN council_id text NOT NULL DEFAULT '${defaultCouncilId}' REFERENCES councils (id);
    ALTER TABLE users ALTER COLUMN council_id DROP DEFAULT;
    ALTER TABLE users ADD CONSTRAINT users_in_council UNIQUE (id, council_id);

    ALTER TABLE memberships ADD COLUMN council_id text NOT NULL DEFAULT '${defaultCouncilId}';
    ALTER TABLE memberships ALTER COLUMN council_id DROP DEFAULT;
    ALTER TABLE memberships
      ADD CONSTRAINT memberships_user_in_council FOREIGN KEY (user_id, council_id) REFERENCES users (id, council_id) ON DELETE CASCADE,
      ADD CONSTRAINT memberships_committee_in_council FOREIGN KEY (committee_id, council_id) REFERENCES committees (id, council_id) ON DELETE CASCADE;

    ALTER TABLE meetings ADD COLUMN council_id text NOT NULL DEFAULT '${defaultCouncilId}';
    ALTER TABLE meetings ALTER COLUMN council_id DROP DEFAULT;
    ALTER TABLE meetings
      ADD CONSTRAINT meetings_committee_in_council FOREIGN KEY (committee_id, council_id) REFERENCES committees (id, council_id),
      ADD CONSTRAINT meetings_publisher_in_council FOREIGN KEY (published_by, council_id) REFERENCES users (id, council_id);

    ALTER TABLE records ADD COLUMN council_id text NOT NULL DEFAULT '${defaultCouncilId}' REFERENCES councils (id);
    ALTER TABLE records ALTER COLUMN council_id DROP DEFAULT;
    ALTER TABLE records
      ADD CONSTRAINT records_committee_in_council FOREIGN KEY (committee_id, council_id) REFERENCES committees (id, council_id),
      ADD CONSTRAINT records_owner_in_council FOREIGN KEY (owner_id, council_id) REFERENCES users (id, council_id);

    ALTER TABLE changes DROP COLUMN audience;
    ALTER TABLE changes ADD COLUMN council_id text DEFAULT '${defaultCouncilId}';
    ALTER TABLE changes ALTER COLUMN council_id DROP DEFAULT;
    ALTER TABLE changes ADD COLUMN audience text NOT NULL GENERATED ALWAYS AS (
      CASE WHEN private THEN 'owner:' || coalesce(owner_id, '')
           ELSE coalesce('committee:' || committee_id, 'council:' || coalesce(council_id, '')) || CASE WHEN restricted THEN ':restricted' ELSE '' END END
    ) STORED;
    CREATE INDEX changes_by_audience ON changes (audience, xid, seq);
  `,
};
