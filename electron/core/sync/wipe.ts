import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import { savedNotesDir } from '../backup/backup';
import { actingMemberKey } from '../identity/identity';
import { readingPlacePrefix } from '../reader/readingPlaces';

/** Kept through a wipe: the schema's own bookkeeping and this installation's identity. */
const keptTables = new Set(['schema_migrations', 'device_settings', 'sqlite_sequence']);

/**
 * A revoked device forgets everything it held: every row of every table and every stored document.
 * Append-only history tables refuse deletes through triggers, so those triggers are dropped and put
 * back exactly as they were, inside the same transaction; VACUUM then rewrites the file so freed
 * pages keep nothing either.
 */
export function wipeLocalData(db: Db, documentsDir: string): void {
  const tables = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all();
  const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  const isFtsShadow = (name: string): boolean => virtual.some((v) => name.startsWith(`${v}_`));
  const blocking = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%BEFORE DELETE%'").all();
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const trigger of blocking) db.exec(`DROP TRIGGER ${trigger.name}`);
      for (const table of tables) {
        if (keptTables.has(table.name) || isFtsShadow(table.name) || table.name.startsWith('sqlite_')) continue;
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
  fs.rmSync(documentsDir, { recursive: true, force: true });
  fs.mkdirSync(documentsDir, { recursive: true });
  // Retention's saved notes (plaintext Markdown) and unfinished uploads sit beside the documents.
  const dataDir = path.dirname(documentsDir);
  for (const leftover of [savedNotesDir, 'uploads']) fs.rmSync(path.join(dataDir, leftover), { recursive: true, force: true });
}
