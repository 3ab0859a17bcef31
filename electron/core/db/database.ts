import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrator';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migration';

export type Db = Database.Database;

export const databaseFileName = 'chamber.sqlite3';

/**
 * The only place Chamber opens its SQLite database. WAL keeps readers off the writer's back,
 * synchronous=FULL makes an acknowledged write survive power loss, foreign keys are on for every
 * connection (SQLite defaults them off).
 */
export function openDatabase(file: string, migrations: readonly Migration[] = allMigrations): { db: Db; schemaVersion: number } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const schemaVersion = migrate(db, migrations);
    return { db, schemaVersion };
  } catch (error) {
    db.close();
    throw error;
  }
}
