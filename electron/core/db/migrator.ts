import type Database from 'better-sqlite3';
import { CoreError } from '../errors';
import { migrationChecksum, type Migration } from './migration';

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Brings the schema up to date, one migration per transaction, so a failing migration leaves the
 * database exactly as it was. Refuses databases written by a newer Chamber (opening them would risk
 * silently dropping data the newer schema holds) and databases whose landed migrations were edited.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  assertOrdered(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);

  const applied = db.prepare<[], AppliedRow>('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all();
  const known = new Map(migrations.map((m) => [m.version, m]));
  const latestKnown = migrations.at(-1)?.version ?? 0;
  const userVersion = Number(db.pragma('user_version', { simple: true }));
  const newestApplied = Math.max(applied.at(-1)?.version ?? 0, userVersion);

  if (newestApplied > latestKnown) {
    throw new CoreError(
      'DATABASE_TOO_NEW',
      `This database was written by a newer version of Chamber (schema ${newestApplied}; this version understands up to ${latestKnown}). Update Chamber to open it.`,
    );
  }
  for (const row of applied) {
    const migration = known.get(row.version);
    if (!migration || migrationChecksum(migration) !== row.checksum) {
      throw new CoreError(
        'MIGRATION_TAMPERED',
        `Schema migration ${row.version} (${row.name}) differs from the one this database was built with.`,
      );
    }
  }

  const done = new Set(applied.map((row) => row.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migrationChecksum(migration), new Date().toISOString());
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return latestKnown;
}

function assertOrdered(migrations: readonly Migration[]): void {
  // Numbers are assigned per feature and land from parallel branches, so one may arrive before a
  // lower one (0005 before 0004); each still runs once, in its own transaction, recorded by number.
  migrations.forEach((migration, index) => {
    const previous = index === 0 ? 0 : (migrations[index - 1]?.version ?? 0);
    if (index === 0 ? migration.version !== 1 : migration.version <= previous) {
      throw new Error(`Migrations must be numbered 1, 2, 3… in increasing order; found ${migration.version} at position ${index + 1}`);
    }
  });
}
