import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { entityDefinition, entityIdOf, keyOf, wireEntityOf } from '../../../shared/sync/register';

export type SyncOperation = 'create' | 'update' | 'delete';

export interface Mutation {
  entity: string;
  entityId: string;
  baseVersion: number;
  operation: SyncOperation;
  payload: unknown;
}

export interface RecordOptions {
  /** The version of the record this change was made against (0: new, or not tracked here). */
  baseVersion?: number;
  /**
   * Key fields the payload does not carry: a change that sends only the fields it changed, or a
   * record whose key is not one of its fields (a correction's sync id).
   */
  key?: Record<string, string>;
}

export interface DomainTransaction {
  /**
   * Queues the change of a synced entity, in the caller's transaction: its entityId is made from
   * the record's key fields as the register declares them, so no writer builds one by hand.
   */
  recordEntity(entity: string, payload: Record<string, unknown>, operation: SyncOperation, options?: RecordOptions): void;
  /**
   * Queues a change of something the register does not sync (a pack import): the outbox keeps this
   * device's record of it; the endpoint answers UNKNOWN_ENTITY and nothing is flagged.
   */
  recordUnsynced(entity: string, entityId: string, payload: Record<string, unknown>): void;
  readonly now: string;
}

/**
 * The register's key is the record's identity on every device: a payload whose key fields say
 * otherwise than its entityId is a bug in the repository that wrote it, caught here before it syncs.
 */
function checkKey(m: Mutation): void {
  const definition = entityDefinition(wireEntityOf(m.entity));
  if (!definition || m.operation === 'delete' || typeof m.payload !== 'object' || m.payload === null) return;
  const key = keyOf(definition, m.entityId);
  if (!key) throw new Error(`A ${m.entity} id is made of ${definition.key.join(', ')}, not "${m.entityId}"`);
  const payload = m.payload as Record<string, unknown>;
  for (const [field, value] of Object.entries(key)) {
    if (payload[field] !== undefined && payload[field] !== value) throw new Error(`${m.entity} ${m.entityId}: payload.${field} is not its id`);
  }
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
    const record = (m: Mutation): void => {
      checkKey(m);
      this.insert.run(randomUUID(), this.clientId, m.entity, m.entityId, m.baseVersion, m.operation, JSON.stringify(m.payload), now);
    };
    return this.db.transaction(() =>
      work({
        now,
        recordEntity: (entity, payload, operation, { baseVersion = 0, key = {} } = {}) => {
          const definition = entityDefinition(wireEntityOf(entity));
          if (!definition) throw new Error(`${entity} is not in the register of synced entities`);
          const identity = { ...payload, ...key };
          const missing = definition.key.filter((field) => typeof identity[field] !== 'string' && typeof identity[field] !== 'number');
          if (missing.length > 0) throw new Error(`A ${entity} change without its key (${missing.join(', ')})`);
          record({ entity, entityId: entityIdOf(definition, identity), baseVersion, operation, payload });
        },
        recordUnsynced: (entity, entityId, payload) => {
          if (entityDefinition(wireEntityOf(entity))) throw new Error(`${entity} is synced: its changes go through recordEntity`);
          record({ entity, entityId, baseVersion: 0, operation: 'create', payload });
        },
      }),
    )();
  }
}
