import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { entityDefinition, syncRegister } from '../../../shared/sync/register';
import { migrate } from '../db/migrator';
import { migrations } from '../db/migrations';
import { makeTempDir } from '../testing/tempDir';
import { hookedEntities, localHooksOf } from './apply';

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function database(): Database.Database {
  const db = new Database(path.join(makeTempDir(), 'apply.sqlite3'));
  migrate(db, migrations);
  return db;
}

/** Column sets the table's upsert can name in ON CONFLICT: its primary key and its unique indexes. */
function uniqueKeys(db: Database.Database, table: string): string[][] {
  const columns = db.prepare<[], { name: string; pk: number }>(`SELECT name, pk FROM pragma_table_info('${table}')`).all();
  const primary = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const indexes = db.prepare<[], { name: string; unique: number }>(`SELECT name, "unique" FROM pragma_index_list('${table}')`).all().filter((i) => i.unique === 1);
  const unique = indexes.map((i) => db.prepare<[], { name: string }>(`SELECT name FROM pragma_index_info('${i.name}')`).all().map((c) => c.name));
  return [primary, ...unique].map((key) => [...key].sort());
}

describe('the register as a device applies it', () => {
  it("maps every entity a device keeps onto a table of the migrated schema, keyed by the register's key", () => {
    const db = database();
    for (const definition of syncRegister) {
      if (definition.device === null) continue;
      const { table } = definition.device;
      const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name);
      expect(columns.length, `${definition.wire} → ${table} exists`).toBeGreaterThan(0);
      // A record whose write is the repository's own (a published document, a correction inserted
      // once by its sync id) is not upserted by its key.
      const own = localHooksOf(definition.wire);
      if (own.store || own.insertOnce) continue;
      const key = definition.key.map(snake);
      for (const column of key) expect(columns, `${definition.wire}: key column ${column}`).toContain(column);
      expect(uniqueKeys(db, table), `${definition.wire}: ${table} is unique on ${key.join(', ')}`).toContainEqual([...key].sort());
    }
  });

  it('names only entities it knows as what a record waits for, and gives hooks only to entities a device keeps', () => {
    for (const definition of syncRegister) {
      for (const parent of definition.device?.waitsFor ?? []) expect(entityDefinition(parent)?.device, `${definition.wire} waits for ${parent}`).toBeTruthy();
    }
    for (const wire of hookedEntities) expect(entityDefinition(wire)?.device, `hooks for ${wire}`).toBeTruthy();
  });

  it('inserts a record that is never rewritten (insert-only) once, through its repository, never by upsert', () => {
    for (const definition of syncRegister.filter((d) => d.conflict === 'insert-only')) {
      expect(localHooksOf(definition.wire).insertOnce, definition.wire).toBeTypeOf('function');
    }
  });
});
