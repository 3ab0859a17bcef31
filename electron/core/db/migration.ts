import { createHash } from 'node:crypto';

/**
 * A numbered schema change. Once a migration has landed on main it is immutable: its checksum is
 * recorded in the database and in migrations.lock.json, and both are checked.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(`${migration.version}\n${migration.name}\n${migration.sql}`).digest('hex');
}
