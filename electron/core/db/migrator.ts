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
      // A lower-numbered migration can land after a higher one (issues are numbered up front and
      // merged in any order), so user_version only ever moves forward.
      db.pragma(`user_version = ${Math.max(migration.version, Number(db.pragma('user_version', { simple: true })))}`);
    })();
  }
  return latestKnown;
}

/**
 * Versions are assigned to features before they are written, so a branch may hold 6 before 4 and 5
 * have landed: numbers must rise strictly, gaps are allowed and filled by later merges.
 */
function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = index === 0 ? 0 : (migrations[index - 1]?.version ?? 0);
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(`Migrations must be numbered in rising order; found ${migration.version} after ${previous}`);
    }
  });
}
