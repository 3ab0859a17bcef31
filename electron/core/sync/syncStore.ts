import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import type { MutationResult, ServerRecord } from '../../../shared/sync/wire';
import { dependentsOf } from '../../../shared/sync/register';
import { LocalApplier } from './apply';
import type { RecordData } from './merge';
import type { CheckedChange } from './pulledChange';
import { Quarantine } from './quarantine';
import { Rejections } from './rejections';

export interface OutboxRow {
  seq: number;
  mutation_id: string;
  entity: string;
  entity_id: string;
  base_version: number;
  operation: 'create' | 'update' | 'delete';
  payload: string;
}

export interface Shadow {
  version: number;
  deleted: boolean;
  data: RecordData | null;
}

export interface ConflictRow {
  id: string;
  entity: string;
  entity_id: string;
  fields: string;
  local: string;
  server: string;
  server_version: number;
  created_at: string;
  resolved_at: string | null;
  resolution: 'mine' | 'theirs' | null;
}

export type StateKey =
  | 'endpoint'
  | 'access_token'
  | 'refresh_token'
  | 'user'
  | 'device_id'
  | 'cursor'
  | 'last_contact_at'
  | 'last_synced_at'
  | 'last_error'
  | 'wiped_reason'
  | 'offline_expiry_days'
  | 'pack_weeks';

/** The sync tables of migrations 0011 and 0016 and the outbox, in SQL; no network here. */
export class SyncStore {
  readonly applier: LocalApplier;
  readonly quarantine: Quarantine;
  readonly rejections: Rejections;

  constructor(
    readonly db: Db,
    private readonly clock: () => Date,
  ) {
    const now = (): string => this.clock().toISOString();
    this.applier = new LocalApplier(db, now);
    this.quarantine = new Quarantine(db, now);
    this.rejections = new Rejections(db, now);
  }

  /**
   * A checked pulled change into the local tables and the shadow. A correction can reach the
   * endpoint before the approval it follows (the approval's push met a conflict and went with a
   * later one): it waited, and lands as soon as the approval has, before the records after it, so
   * it keeps its place.
   */
  landPulled(change: CheckedChange): void {
    const outcome = this.applier.apply(change.entity, change.id, change.deleted, change.data);
    this.saveShadow(change.entity, change.id, change.version, change.deleted, change.data, outcome === 'applied');
    const dependents = dependentsOf(change.entity);
    if (outcome === 'applied' && dependents.length > 0) this.retryWaiting(dependents);
  }

  get(key: StateKey): string | null {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?').get(key)?.value ?? null;
  }

  set(key: StateKey, value: string | null): void {
    if (value === null) this.db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
    else this.db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  clientId(): string {
    const row = this.db.prepare<[], { value: string }>("SELECT value FROM device_settings WHERE key = 'client_id'").get();
    if (!row) throw new Error('device_settings has no client_id');
    return row.value;
  }

  pending(limit: number): OutboxRow[] {
    return this.db
      .prepare<[number], OutboxRow>(
        `SELECT o.seq, o.mutation_id, o.entity, o.entity_id, o.base_version, o.operation, o.payload FROM outbox o
          LEFT JOIN outbox_results r ON r.mutation_id = o.mutation_id WHERE r.mutation_id IS NULL ORDER BY o.seq LIMIT ?`,
      )
      .all(limit);
  }

  pendingCount(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox o LEFT JOIN outbox_results r ON r.mutation_id = o.mutation_id WHERE r.mutation_id IS NULL').get()?.n ?? 0;
  }

  /** What is waiting to be sent, by kind of record (the sync screen lists it). */
  pendingByEntity(): { entity: string; count: number }[] {
    return this.db
      .prepare<[], { entity: string; count: number }>(
        'SELECT o.entity AS entity, count(*) AS count FROM outbox o LEFT JOIN outbox_results r ON r.mutation_id = o.mutation_id WHERE r.mutation_id IS NULL GROUP BY o.entity ORDER BY count(*) DESC, o.entity',
      )
      .all();
  }

  hasPending(entity: string, entityId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM outbox o LEFT JOIN outbox_results r ON r.mutation_id = o.mutation_id WHERE r.mutation_id IS NULL AND o.entity = ? AND o.entity_id = ? LIMIT 1')
        .get(entity, entityId) !== undefined
    );
  }

  shadow(entity: string, id: string): Shadow | null {
    const row = this.db.prepare<[string, string], { version: number; deleted: number; data: string | null }>('SELECT version, deleted, data FROM sync_shadow WHERE entity = ? AND id = ?').get(entity, id);
    return row ? { version: row.version, deleted: row.deleted === 1, data: row.data === null ? null : (JSON.parse(row.data) as RecordData) } : null;
  }

  saveShadow(entity: string, id: string, version: number, deleted: boolean, data: unknown, applied: boolean): void {
    this.db
      .prepare(
        `INSERT INTO sync_shadow (entity, id, version, deleted, data, applied) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted, data = excluded.data, applied = excluded.applied
         WHERE excluded.version >= sync_shadow.version`,
      )
      .run(entity, id, version, deleted ? 1 : 0, deleted || data === null || data === undefined ? null : JSON.stringify(data), applied ? 1 : 0);
  }

  answer(mutationId: string, result: MutationResult | { status: 'rejected'; reason: string; message: string }): void {
    this.db
      .prepare(
        `INSERT INTO outbox_results (mutation_id, status, version, reason, message, answered_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (mutation_id) DO NOTHING`,
      )
      .run(
        mutationId,
        result.status,
        result.status === 'applied' ? result.version : null,
        result.status === 'rejected' ? result.reason : null,
        result.status === 'rejected' ? result.message : null,
        this.clock().toISOString(),
      );
  }

  /** A change the sync itself must send (a merge of both sides): queued like any local change. */
  enqueue(entity: string, entityId: string, operation: 'create' | 'update' | 'delete', payload: unknown): void {
    this.db
      .prepare(
        `INSERT INTO outbox (mutation_id, client_id, entity, entity_id, base_version, operation, payload, created_at)
         VALUES (?, ?, ?, ?, 0, ?, ?, ?)`,
      )
      .run(randomUUID(), this.clientId(), entity, entityId, operation, JSON.stringify(payload), this.clock().toISOString());
  }

  addConflict(entity: string, entityId: string, fields: string[], local: unknown, server: ServerRecord): void {
    this.db
      .prepare(
        `INSERT INTO sync_conflicts (id, entity, entity_id, fields, local, server, server_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(randomUUID(), entity, entityId, JSON.stringify(fields), JSON.stringify(local ?? null), JSON.stringify(server.data ?? null), server.version, this.clock().toISOString());
  }

  conflicts(includeResolved = false): ConflictRow[] {
    return this.db
      .prepare<[], ConflictRow>(`SELECT * FROM sync_conflicts ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY created_at, id`)
      .all();
  }

  conflict(id: string): ConflictRow | undefined {
    return this.db.prepare<[string], ConflictRow>('SELECT * FROM sync_conflicts WHERE id = ?').get(id);
  }

  resolveConflict(id: string, resolution: 'mine' | 'theirs'): void {
    this.db.prepare('UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?').run(this.clock().toISOString(), resolution, id);
  }

  /**
   * Records the local tables could not take yet (their meeting, or the record they depend on, arrived
   * since): try them again, all or only those of `entities`. Passes repeat while one lands, so a
   * record that waits for another waiting record lands in the same call, whatever order they are in.
   * Otherwise in the order they first arrived, which is the order they were made in.
   */
  retryWaiting(entities?: readonly string[]): number {
    const filter = entities === undefined ? '' : `AND entity IN (${entities.map(() => '?').join(', ')})`;
    const select = this.db.prepare<unknown[], { entity: string; id: string; version: number; deleted: number; data: string | null }>(`SELECT * FROM sync_shadow WHERE applied = 0 ${filter} ORDER BY rowid`);
    let applied = 0;
    this.db.transaction(() => {
      for (let landed = -1; landed !== 0; ) {
        landed = 0;
        for (const row of select.all(...(entities ?? []))) {
          if (this.applier.apply(row.entity, row.id, row.deleted === 1, row.data === null ? null : JSON.parse(row.data)) === 'applied') {
            this.db.prepare('UPDATE sync_shadow SET applied = 1 WHERE entity = ? AND id = ?').run(row.entity, row.id);
            landed += 1;
          }
        }
        applied += landed;
      }
    })();
    return applied;
  }
}
