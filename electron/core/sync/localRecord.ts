import type { Db } from '../db/database';
import type { RecordData } from './merge';

/** 'waiting': the local tables cannot hold it yet; the shadow keeps it to be retried. */
export type ApplyOutcome = 'applied' | 'waiting';

export interface ApplyContext {
  db: Db;
  now: string;
  /** A member a record names but this device does not know yet: a placeholder until the register arrives. */
  ensureMember: (id: string) => void;
}

/**
 * What a repository adds to the register's mapping of its entity onto the local table, for the
 * state that does not follow the field → column rule. The register says which table; the
 * repository that owns the table says this, next to the code that writes it locally.
 */
export interface LocalHooks {
  /** Columns computed from the record (or this device's own state) rather than copied from a field. */
  columns?: (data: RecordData, db: Db) => Record<string, unknown>;
  /** Runs after the row is written, in the same savepoint: state kept outside the row itself. */
  after?: (data: RecordData, context: ApplyContext) => void;
  /**
   * Append-only records: written by this instead of the upsert, once, and never updated or deleted
   * (a tombstone is ignored).
   */
  insertOnce?: (id: string, data: RecordData, context: ApplyContext) => ApplyOutcome;
  /** The whole write, for a record this device keeps in its own shape rather than as a row of it. */
  store?: (deleted: boolean, data: unknown, context: ApplyContext) => ApplyOutcome;
}
