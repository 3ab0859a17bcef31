import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationChecksum } from '../migration';
import { migrations } from './index';

/**
 * migrations.lock.json records the checksum of every migration that has landed. A landed migration
 * must never change (databases in the field were built with it); add a new one instead. Adding a
 * migration means adding its line to the lock file in the same commit.
 */
const lockFile = path.join(import.meta.dirname, 'migrations.lock.json');
const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Record<string, string>;

describe('landed migrations are immutable', () => {
  it('every migration has a recorded checksum', () => {
    expect(Object.keys(lock).map(Number)).toEqual(migrations.map((m) => m.version));
  });

  it.each(migrations.map((m) => [m.version, m] as const))('migration %i still matches its checksum', (version, migration) => {
    expect(migrationChecksum(migration), `migration ${version} was edited after landing; write a new migration`).toBe(lock[String(version)]);
  });

  it('every migration has its own test file', () => {
    const dir = import.meta.dirname;
    for (const m of migrations) {
      const prefix = String(m.version).padStart(4, '0');
      expect(fs.readdirSync(dir).some((f) => f.startsWith(prefix) && f.endsWith('.test.ts')), `test for migration ${prefix}`).toBe(true);
    }
  });
});
