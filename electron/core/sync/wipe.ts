import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import { databaseFileName } from '../db/database';
import { savedNotesDir } from '../backup/backup';
import { actingMemberKey } from '../identity/identity';
import { keyFileName, KeyStore } from '../security/keyStore';
import type { OsKeyring } from '../security/osKeyring';
import { readingPlacePrefix } from '../reader/readingPlaces';

/** Kept through a wipe: the schema's own bookkeeping and this installation's identity. */
const keptTables = new Set(['schema_migrations', 'device_settings', 'sqlite_sequence']);

/**
 * Left in the data directory by a wipe: the emptied database is under a key that no longer exists
 * anywhere, so the next start replaces it with a new one (see `startAfterWipe`). Holds no data.
 */
export const wipedMarkerFile = 'wiped.json';

export interface WipePlaces {
  dataDir: string;
  documentsDir: string;
  /** Where retention saved the member's notes (CoreOptions.notesDir, which may be outside dataDir). */
  notesDir: string;
  /** The OS key store that may hold this directory's data key (osKeyring.ts). */
  keyring: () => Promise<OsKeyring | undefined>;
}

/**
 * A revoked device forgets everything it held: every row of every table, every stored document,
 * the saved notes, and then the data key itself (keys.json and its OS key store entry), so that
 * nothing left on the disk, nor any copy taken of it earlier, can be decrypted again.
 * Append-only history tables refuse deletes through triggers, so those triggers are dropped and put
 * back exactly as they were, inside the same transaction; VACUUM then rewrites the file so freed
 * pages keep nothing either.
 */
export async function wipeLocalData(db: Db, places: WipePlaces, log?: (message: string, detail?: unknown) => void): Promise<void> {
  const tables = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all();
  const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  const isFtsShadow = (name: string): boolean => virtual.some((v) => name.startsWith(`${v}_`));
  // An fts5vocab table is a read-only view of an index's terms: it empties with the index it reads.
  const readOnlyView = (sql: string): boolean => /USING\s+fts5vocab/i.test(sql);
  const blocking = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%BEFORE DELETE%'").all();
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const trigger of blocking) db.exec(`DROP TRIGGER ${trigger.name}`);
      for (const table of tables) {
        if (keptTables.has(table.name) || isFtsShadow(table.name) || readOnlyView(table.sql) || table.name.startsWith('sqlite_')) continue;
        db.exec(`DELETE FROM "${table.name}"`);
      }
      // Which member this device was chosen for is the member's too; the client id stays.
      db.prepare('DELETE FROM device_settings WHERE key = ?').run(actingMemberKey);
      // Where each member read is theirs too, and names packs the wipe removes.
      db.prepare("DELETE FROM device_settings WHERE substr(key, 1, ?) = ?").run(readingPlacePrefix.length, readingPlacePrefix);
      for (const trigger of blocking) db.exec(trigger.sql);
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  db.exec('VACUUM');
  fs.rmSync(places.documentsDir, { recursive: true, force: true });
  fs.mkdirSync(places.documentsDir, { recursive: true });
  // Retention's saved notes (wherever they were put) and unfinished uploads sit outside the database.
  for (const leftover of [places.notesDir, path.join(places.dataDir, savedNotesDir), path.join(places.dataDir, 'uploads')]) fs.rmSync(leftover, { recursive: true, force: true });
  await forgetDataKey(places, log);
}

/**
 * The marker goes first: whatever fails after it, the next start begins afresh rather than facing a
 * database no key opens. The key store entry goes before keys.json, which names it.
 */
async function forgetDataKey(places: WipePlaces, log?: (message: string, detail?: unknown) => void): Promise<void> {
  writeDurably(path.join(places.dataDir, wipedMarkerFile), JSON.stringify({ reason: 'revoked' }));
  let account: string | undefined;
  try {
    account = new KeyStore(places.dataDir).osKeyringWrap()?.account;
  } catch {
    // A damaged key file names no entry; it is removed all the same.
  }
  if (account !== undefined) {
    try {
      const keyring = await places.keyring();
      if (keyring) await keyring.delete(account);
      else log?.('the system key store was not reachable: its entry for this data key could not be removed', { account });
    } catch (error) {
      log?.('the system key store refused to remove this data key', String(error));
    }
  }
  fs.rmSync(path.join(places.dataDir, keyFileName), { force: true });
}

function writeDurably(file: string, text: string): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether this data directory was wiped and Chamber has not started again since. */
export function wipedSinceStart(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, wipedMarkerFile));
}

/**
 * At start-up, after a wipe: the old database is unreadable (its key is gone), so it is removed and
 * a new one is made under the key the member has just set up. Returns whether that happened.
 */
export function startAfterWipe(dataDir: string): boolean {
  if (!wipedSinceStart(dataDir)) return false;
  const database = path.join(dataDir, databaseFileName);
  for (const file of [database, `${database}-wal`, `${database}-shm`]) fs.rmSync(file, { force: true });
  fs.rmSync(path.join(dataDir, wipedMarkerFile), { force: true });
  return true;
}
