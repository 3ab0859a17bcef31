import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** SHA-256 of a UTF-8 string, hex: the hash the audit chain is built from (migration 0008). */
export const auditHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * SQL functions Chamber's schema relies on. They are registered on every connection the database
 * module opens (and before migrating), because the audit-chain triggers call `chamber_sha256`: a
 * history row written on a connection without it fails rather than going in unchained.
 */
export function registerSqlFunctions(db: Database.Database): void {
  db.function('chamber_sha256', { deterministic: true }, (value: unknown) => auditHash(String(value)));
}
