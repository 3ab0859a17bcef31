import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../db/database';

/**
 * A migrated Chamber database with encryption taken off, for the benchmark that measures what
 * encryption at rest costs against the same work unencrypted. Nothing in the app opens one: the
 * database module only creates encrypted files, so the key is removed after creation (SQLite3MC
 * decrypts on `rekey = ''`, which cannot run in WAL mode).
 */
export function createPlaintextDatabaseForBenchmark(file: string): Db {
  const { db } = openDatabase(file, randomBytes(32));
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey = ''");
  db.pragma('journal_mode = WAL');
  return db;
}
