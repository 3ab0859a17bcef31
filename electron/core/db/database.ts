import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CoreError } from '../errors';
import type { DataKey } from '../security/keyStore';
import { registerSqlFunctions } from './functions';
import { migrate } from './migrator';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migration';

export type Db = Database.Database;

export const databaseFileName = 'chamber.sqlite3';

/**
 * The only place Chamber opens its SQLite database. It is encrypted with SQLite3 Multiple Ciphers
 * (ChaCha20-Poly1305, the library's default) under the raw data key, so no KDF runs here: the key is
 * already random. WAL keeps readers off the writer's back, synchronous=FULL makes an acknowledged
 * write survive power loss, foreign keys are on for every connection (SQLite defaults them off).
 */
export function openDatabase(file: string, key: DataKey, migrations: readonly Migration[] = allMigrations): { db: Db; schemaVersion: number } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const existed = fs.existsSync(file);
  const db = new Database(file);
  try {
    db.pragma("cipher = 'chacha20'");
    const plaintext = existed && isPlaintext(db);
    if (!plaintext) {
      db.pragma(`key = "${rawKey(key)}"`);
      verifyKey(db);
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    registerSqlFunctions(db);
    // Sorts and temporary indexes stay in memory rather than in unencrypted temp files.
    db.pragma('temp_store = MEMORY');
    // Every page read from disk is decrypted, so a page cache that holds the search index's hot
    // pages matters more than it would unencrypted (bench: encryption-search). 64 MiB at most.
    db.pragma('cache_size = -65536');
    // Migrating first means a database from a newer Chamber is refused before anything touches it.
    const schemaVersion = migrate(db, migrations);
    if (plaintext) encryptInPlace(db, key);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return { db, schemaVersion };
  } catch (error) {
    db.close();
    throw error;
  }
}

const rawKey = (key: DataKey): string => `x'${key.toString('hex')}'`;

function isPlaintext(db: Db): boolean {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  }
}

/**
 * A database from before encryption (or copied in by hand). SQLite3MC cannot rekey in WAL mode, so
 * the WAL is checkpointed away first; rekey rewrites every page under the key in one pass.
 */
function encryptInPlace(db: Db, key: DataKey): void {
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey = "${rawKey(key)}"`);
}

function verifyKey(db: Db): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    throw new CoreError('KEY_WRONG', 'The key does not unlock this Chamber database');
  }
}

/** Opens an existing database under its key without migrating: for tests and benchmarks that inspect rows. */
export function openExistingDatabase(file: string, key: DataKey, options: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: true });
  try {
    db.pragma("cipher = 'chacha20'");
    db.pragma(`key = "${rawKey(key)}"`);
    verifyKey(db);
    db.pragma('foreign_keys = ON');
    registerSqlFunctions(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A consistent copy of the open database in one file, for backups. VACUUM INTO runs inside a read
 * transaction, so writes in flight are either wholly in the copy or not at all, and SQLite3 Multiple
 * Ciphers writes the copy under the same cipher and key as the source: the snapshot is never on disk
 * in the clear.
 */
export function snapshotDatabase(db: Db, target: string): void {
  fs.rmSync(target, { force: true });
  db.prepare('VACUUM INTO ?').run(target);
}

/**
 * Re-encrypts a closed database file from one data key to another (restoring a backup on a machine
 * whose data key differs). SQLite3MC cannot rekey in WAL mode, hence the switch to DELETE first.
 */
export function rekeyDatabaseFile(file: string, from: DataKey, to: DataKey): void {
  const db = openExistingDatabase(file, from);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = "${rawKey(to)}"`);
  } finally {
    db.close();
  }
}

/** PRAGMA integrity_check and foreign_key_check together: both empty/ok means the file is sound. */
export function checkIntegrity(db: Db): { ok: boolean; problems: string[] } {
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  const problems = integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  const orphans = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  for (const o of orphans) problems.push(`${o.table} row without its ${o.parent}`);
  return { ok: problems.length === 0, problems };
}
