import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors';
import { makeTempDir } from '../testing/tempDir';
import { randomBytes } from 'node:crypto';
import { openDatabase } from './database';
import { migrate } from './migrator';
import { migrations, latestSchemaVersion } from './migrations';
import type { Migration } from './migration';

const file = () => path.join(makeTempDir(), 'chamber.sqlite3');
const key = randomBytes(32);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof CoreError ? error.code : `not a CoreError: ${String(error)}`;
  }
  return undefined;
}

describe('openDatabase', () => {
  it('opens in WAL mode with foreign keys on and synchronous=FULL, fully migrated', () => {
    const { db, schemaVersion } = openDatabase(file(), key);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(schemaVersion).toBe(latestSchemaVersion);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    const versions = db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version);
    expect(versions).toEqual(migrations.map((m) => m.version));
  });

  it('is idempotent: reopening applies nothing twice', () => {
    const path = file();
    openDatabase(path, key).db.close();
    const { db } = openDatabase(path, key);
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: migrations.length });
  });

  it('refuses a database written by a newer version, with a clear error, and leaves it untouched', () => {
    const path = file();
    const future: Migration = { version: latestSchemaVersion + 1, name: 'from_the_future', sql: 'CREATE TABLE future_things (id TEXT) STRICT;' };
    const newer = new Database(path);
    migrate(newer, [...migrations, future]);
    newer.close();

    let error: unknown;
    try {
      openDatabase(path, key);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('DATABASE_TOO_NEW');
    expect((error as CoreError).message).toMatch(/newer version of Chamber.*Update Chamber/);

    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1);
    check.close();
  });

  it('refuses a newer database even when only user_version says so', () => {
    const path = file();
    const raw = new Database(path);
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`);
    raw.close();
    expect(codeOf(() => openDatabase(path, key))).toBe('DATABASE_TOO_NEW');
  });
});

describe('migrate', () => {
  it('runs each migration in a transaction: a failing one leaves no partial schema', () => {
    const db = new Database(file());
    const broken: Migration = {
      version: 2,
      name: 'half_done',
      sql: 'CREATE TABLE half (id TEXT) STRICT; INSERT INTO no_such_table VALUES (1);',
    };
    expect(() => migrate(db, [migrations[0] as Migration, broken])).toThrow(/no such table/);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all().map((r) => r.name);
    expect(tables).not.toContain('half');
    expect(tables).toContain('meetings');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
  });

  it('refuses a database whose landed migration was edited afterwards', () => {
    const db = new Database(file());
    migrate(db, migrations);
    const edited = migrations.map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(codeOf(() => migrate(db, edited))).toBe('MIGRATION_TAMPERED');
  });

  it('refuses migrations that are not numbered in rising order', () => {
    const db = new Database(file());
    expect(() => migrate(db, [{ version: 2, name: 'x', sql: '' }, { version: 2, name: 'y', sql: '' }])).toThrow(/rising order/);
    expect(() => migrate(db, [{ version: 3, name: 'x', sql: '' }, { version: 1, name: 'y', sql: '' }])).toThrow(/rising order/);
  });

  it('applies a lower-numbered migration that lands after a higher one, keeping user_version at the highest', () => {
    const db = new Database(file());
    migrate(db, [{ version: 1, name: 'a', sql: 'CREATE TABLE a (x)' }, { version: 3, name: 'c', sql: 'CREATE TABLE c (x)' }]);
    migrate(db, [
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x)' },
      { version: 2, name: 'b', sql: 'CREATE TABLE b (x)' },
      { version: 3, name: 'c', sql: 'CREATE TABLE c (x)' },
    ]);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'b'").get()).toEqual({ n: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
  });
});
