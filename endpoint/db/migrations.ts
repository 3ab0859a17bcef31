import type pg from 'pg';
import { committeeRoles } from './0004_committee_roles';
import { signInFailures } from './0005_sign_in_failures';
import { changeAudience } from './0006_change_audience';
import { councils } from './0007_councils';
import { documentLargeObjects } from './0008_document_large_objects';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only: a landed migration is never edited; change the schema with a new one. */
export const migrations: readonly PgMigration[] = [
  {
    version: 1,
    name: 'accounts',
    sql: `
      CREATE TABLE users (
        id            text PRIMARY KEY,
        email         text NOT NULL,
        name          text NOT NULL,
        role          text NOT NULL CHECK (role IN ('councillor', 'chair', 'clerk', 'officer', 'admin')),
        password_hash text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_by_email ON users (lower(email));

      CREATE TABLE committees (
        id   text PRIMARY KEY,
        name text NOT NULL UNIQUE
      );

      CREATE TABLE memberships (
        user_id      text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        committee_id text NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, committee_id)
      );

      -- Tokens are kept only as SHA-256 hashes: a copy of this table signs nobody in.
      CREATE TABLE devices (
        id                 text PRIMARY KEY,
        user_id            text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name               text NOT NULL,
        access_hash        text NOT NULL UNIQUE,
        refresh_hash       text NOT NULL UNIQUE,
        expires_at         timestamptz NOT NULL,
        refresh_expires_at timestamptz NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        last_seen_at       timestamptz,
        revoked_at         timestamptz
      );
      CREATE INDEX devices_by_user ON devices (user_id);
    `,
  },
  {
    version: 2,
    name: 'packs',
    sql: `
      CREATE TABLE meetings (
        id           text PRIMARY KEY,
        committee_id text NOT NULL REFERENCES committees (id),
        title        text NOT NULL,
        date         date NOT NULL,
        start_time   text NOT NULL,
        venue        text NOT NULL,
        items        jsonb NOT NULL,
        published_by text NOT NULL REFERENCES users (id),
        created_at   timestamptz NOT NULL DEFAULT now()
      );

      -- Content-addressed: the same PDF published twice is stored once.
      CREATE TABLE documents (
        sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size       bigint NOT NULL,
        media_type text NOT NULL,
        content    bytea NOT NULL
      );

      CREATE TABLE meeting_documents (
        id           text PRIMARY KEY,
        meeting_id   text NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        sha256       text NOT NULL REFERENCES documents (sha256),
        title        text NOT NULL,
        kind         text NOT NULL,
        item_number  text,
        restricted   boolean NOT NULL,
        version      integer NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (meeting_id, kind, title, version)
      );
      CREATE INDEX meeting_documents_by_sha ON meeting_documents (sha256);
    `,
  },
  {
    version: 3,
    name: 'sync',
    sql: `
      -- The current state of every synced record, with what decides who may see it.
      CREATE TABLE records (
        entity       text NOT NULL,
        id           text NOT NULL,
        version      bigint NOT NULL,
        deleted      boolean NOT NULL DEFAULT false,
        data         jsonb,
        owner_id     text REFERENCES users (id),
        committee_id text REFERENCES committees (id),
        private      boolean NOT NULL DEFAULT false,
        restricted   boolean NOT NULL DEFAULT false,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (entity, id)
      );

      -- Every change, stamped with the id of the transaction that wrote it. Pull serves a change only
      -- once every transaction that started before it has finished (xid below the snapshot xmin),
      -- ordered by (xid, seq), so a transaction that commits late can never land behind a cursor.
      CREATE TABLE changes (
        seq          bigserial PRIMARY KEY,
        xid          xid8 NOT NULL DEFAULT pg_current_xact_id(),
        entity       text NOT NULL,
        id           text NOT NULL,
        version      bigint NOT NULL,
        operation    text NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
        deleted      boolean NOT NULL,
        data         jsonb,
        owner_id     text,
        committee_id text,
        private      boolean NOT NULL,
        restricted   boolean NOT NULL
      );
      CREATE INDEX changes_by_position ON changes (xid, seq);

      -- One answer per client mutation, so a re-sent push gets the same answer and changes nothing.
      CREATE TABLE applied_mutations (
        client_id   text NOT NULL,
        mutation_id text NOT NULL,
        user_id     text NOT NULL REFERENCES users (id),
        result      jsonb,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client_id, mutation_id)
      );
    `,
  },
  committeeRoles,
  signInFailures,
  changeAudience,
  councils,
  documentLargeObjects,
];

/** The schema version this build needs; readiness waits for the database to reach it. */
export const latestEndpointSchemaVersion = Math.max(...migrations.map((m) => m.version));

/** Any fixed number: only one process migrates a database at a time. */
const migrationLock = 7_310_001;

/**
 * Applies the migrations not yet recorded, each in its own transaction with its bookkeeping row, so a
 * failing migration leaves the schema exactly as the previous one left it.
 */
export async function migrate(pool: pg.Pool, list: readonly PgMigration[] = migrations): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLock]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const migration of [...list].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLock]).catch(() => undefined);
    client.release();
  }
  return applied;
}
