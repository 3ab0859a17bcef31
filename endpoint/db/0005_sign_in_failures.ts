import type { PgMigration } from './migrations';

/**
 * Failed sign-ins move from each process's memory to the database, so every endpoint instance on one
 * PostgreSQL counts the same guesses: a guesser cannot spread attempts across instances. Rows older
 * than the window are deleted as new failures are written (the index on `failed_at` keeps that
 * cheap), so the table holds only the window's failures however long the endpoint runs.
 */
export const signInFailures: PgMigration = {
  version: 5,
  name: 'sign-in failures shared by every instance',
  sql: `
    CREATE TABLE sign_in_failures (
      email     text NOT NULL,
      address   text NOT NULL,
      failed_at timestamptz NOT NULL
    );
    CREATE INDEX sign_in_failures_by_key ON sign_in_failures (email, address, failed_at);
    CREATE INDEX sign_in_failures_by_age ON sign_in_failures (failed_at);
  `,
};
