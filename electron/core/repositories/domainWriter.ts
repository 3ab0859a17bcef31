import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';

export type SyncOperation = 'create' | 'update' | 'delete';

export interface Mutation {
  entity: string;
  entityId: string;
  baseVersion: number;
  operation: SyncOperation;
  payload: unknown;
}

export interface DomainTransaction {
  /** Queues the change for sync; runs inside the caller's transaction. */
  record(mutation: Mutation): void;
  readonly now: string;
}

/**
 * The single path for domain writes: the change and its outbox entry commit together or not at all,
 * so sync can never miss a local change nor send one that did not happen.
 */
export class DomainWriter {
  private readonly clientId: string;
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    const row = db.prepare<[], { value: string }>("SELECT value FROM device_settings WHERE key = 'client_id'").get();
    if (!row) throw new Error('device_settings has no client_id; the database was not migrated');
    this.clientId = row.value;
    this.insert = db.prepare(
      `INSERT INTO outbox (mutation_id, client_id, entity, entity_id, base_version, operation, payload, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  write<T>(work: (tx: DomainTransaction) => T): T {
    const now = this.clock().toISOString();
    return this.db.transaction(() =>
      work({
        now,
        record: (m) => {
          this.insert.run(randomUUID(), this.clientId, m.entity, m.entityId, m.baseVersion, m.operation, JSON.stringify(m.payload), now);
        },
      }),
    )();
  }
}
