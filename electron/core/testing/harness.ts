import path from 'node:path';
import Database from 'better-sqlite3';
import type { Result } from '../../../shared/result';
import { openCore, type Core, type CoreOptions } from '../core';
import { migrate } from '../db/migrator';
import { migrations } from '../db/migrations';
import { distDir, makeTempDir } from './tempDir';

/** The value of a contract call that must succeed; a failure fails the test with its code and message. */
export function value<T>(result: Result<T>): T;
export function value<T>(result: Promise<Result<T>>): Promise<T>;
export function value<T>(result: Result<T> | Promise<Result<T>>): T | Promise<T> {
  const unwrap = (r: Result<T>): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  return result instanceof Promise ? result.then(unwrap) : unwrap(result);
}

/** A core on a fresh data directory (real files, the built dist/), as every core test opens one. */
export function openTestCore(options: Partial<CoreOptions> = {}): Core {
  return openCore({ dataDir: makeTempDir(), distDir, ...options });
}

/**
 * A fresh SQLite file with foreign keys on (as the app opens it), migrated up to and including
 * `version`: where a migration test starts, so it can seed what the next migration must carry over.
 */
export function migratedTo(version: number, file = `m${version}.sqlite3`): Database.Database {
  const db = new Database(path.join(makeTempDir(), file));
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.filter((m) => m.version <= version));
  return db;
}
