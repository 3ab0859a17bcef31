import { User, type MutationResult, type ServerRecord, type Session, type WireMutation } from '../../../shared/sync/wire';
import { isAppendOnly } from './apply';
import { parsePulledChange } from './pulledChange';
import { EndpointCallError, EndpointClient } from './endpointClient';
import { asRecordData, isYjsField, mergeRecord, mergeYjs, sameValue, type RecordData } from './merge';
import { localEntityOf, wireEntityOf } from '../../../shared/sync/register';
import type { OutboxRow, SyncStore } from './syncStore';

export interface SyncCounts {
  pushed: number;
  pulled: number;
  conflicts: number;
  rejected: number;
  /** Pulled changes set aside because this device could not check or apply them. */
  quarantined: number;
}

export interface SyncEngineOptions {
  clock?: () => Date;
  /** Largest push batch (the wire allows 500) and pull page. */
  batchSize?: number;
  pageSize?: number;
  /** Backoff between attempts after a network error: first delay, doubling up to the cap. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Attempts of one full sync before giving up until the next timer tick. */
  maxAttempts?: number;
  requestTimeoutMs?: number;
  /** After each pull: fetch the packs it announced (packDownloads.ts). */
  afterPull?: (authorised: <T>(call: (client: EndpointClient, token: string) => Promise<T>) => Promise<T>) => Promise<unknown>;
  /** The endpoint revoked this device: wipe everything local (core supplies it). */
  onRevoked?: () => void | Promise<void>;
  log?: (message: string, detail?: unknown) => void;
}

interface SentMutation {
  row: OutboxRow;
  wire: WireMutation;
  entity: string;
  /** The copy the change was made against: the common ancestor for a merge. */
  base: RecordData | null;
}

/**
 * A local write carrying only what it changed, laid over the last copy: plain fields replace,
 * Yjs fields (an editor's increment) fold into the whole document state.
 */
function overlay(known: RecordData, partial: RecordData): RecordData {
  const data: RecordData = { ...known, ...partial };
  for (const [field, value] of Object.entries(partial)) {
    const before = known[field];
    if (isYjsField(field) && typeof value === 'string' && typeof before === 'string') data[field] = mergeYjs(before, value);
  }
  return data;
}

export class SignInRequired extends Error {}

/**
 * Pushes the outbox and pulls the endpoint's changes. Nothing is lost or sent twice: an outbox row
 * counts as sent only once its answer is stored, resending is harmless (the endpoint answers a
 * repeated mutation id with its first answer), and a pulled page and its cursor commit together.
 */
export class SyncEngine {
  private readonly clock: () => Date;
  private running: Promise<SyncCounts> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private online = false;
  private stopped = false;

  constructor(
    private readonly store: SyncStore,
    private readonly options: SyncEngineOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  get busy(): boolean {
    return this.running !== null;
  }

  get isOnline(): boolean {
    return this.online;
  }

  private client(): EndpointClient {
    const endpoint = this.store.get('endpoint');
    if (!endpoint) throw new SignInRequired('Not signed in to a council endpoint');
    return new EndpointClient({ baseUrl: endpoint, timeoutMs: this.options.requestTimeoutMs });
  }

  signedIn(): boolean {
    return this.store.get('access_token') !== null;
  }

  async signIn(endpoint: string, email: string, password: string, deviceName: string): Promise<Session> {
    const session = await new EndpointClient({ baseUrl: endpoint, timeoutMs: this.options.requestTimeoutMs }).signIn(email, password, deviceName);
    this.store.db.transaction(() => {
      this.store.set('endpoint', endpoint.replace(/\/+$/, ''));
      this.saveSession(session);
      this.store.set('wiped_reason', null);
      // The signed-in user is a member here under the endpoint's id, so what they write is theirs there.
      const clash = this.store.db.prepare('SELECT id FROM members WHERE lower(name) = lower(?) AND id <> ?').get(session.user.name, session.user.id);
      this.store.db
        .prepare('INSERT INTO members (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING')
        .run(session.user.id, clash ? `${session.user.name} (${session.user.email})` : session.user.name, this.clock().toISOString());
    })();
    this.contact();
    return session;
  }

  async signOut(): Promise<void> {
    const token = this.store.get('access_token');
    if (token) await this.client().signOut(token).catch(() => undefined);
    this.store.db.transaction(() => {
      for (const key of ['access_token', 'refresh_token', 'user', 'device_id'] as const) this.store.set(key, null);
    })();
    this.online = false;
  }

  private saveSession(session: Session): void {
    this.store.set('access_token', session.accessToken);
    this.store.set('refresh_token', session.refreshToken);
    this.store.set('user', JSON.stringify(session.user));
    this.store.set('device_id', session.device.id);
  }

  private contact(): void {
    this.online = true;
    this.store.set('last_contact_at', this.clock().toISOString());
  }

  /** Runs `call` with the access token, refreshing it once when it has run out. */
  private async authorised<T>(call: (client: EndpointClient, token: string) => Promise<T>): Promise<T> {
    const client = this.client();
    const token = this.store.get('access_token');
    if (!token) throw new SignInRequired('Not signed in to a council endpoint');
    try {
      const result = await call(client, token);
      this.contact();
      return result;
    } catch (error) {
      if (!(error instanceof EndpointCallError)) throw error;
      if (error.code === 'NETWORK') this.online = false;
      else this.contact();
      if (error.code === 'TOKEN_REVOKED') {
        await this.options.onRevoked?.();
        throw error;
      }
      if (error.code !== 'TOKEN_EXPIRED') throw error;
      const refresh = this.store.get('refresh_token');
      if (!refresh) throw new SignInRequired('The session ran out; sign in again');
      const session = await client.refresh(refresh);
      this.saveSession(session);
      const result = await call(client, session.accessToken);
      this.contact();
      return result;
    }
  }

  /** One full sync; concurrent callers share the sync already running. */
  sync(): Promise<SyncCounts> {
    this.running ??= this.syncWithRetry().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async syncWithRetry(): Promise<SyncCounts> {
    const maxAttempts = this.options.maxAttempts ?? 8;
    let delay = this.options.retryBaseMs ?? 250;
    const total: SyncCounts = { pushed: 0, pulled: 0, conflicts: 0, rejected: 0, quarantined: 0 };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.syncOnce(total);
        this.store.set('last_synced_at', this.clock().toISOString());
        this.store.set('last_error', null);
        return total;
      } catch (error) {
        const transient = error instanceof EndpointCallError && error.transient;
        this.store.set('last_error', (error as Error).message);
        if (!transient || attempt >= maxAttempts || this.stopped) throw error;
        this.options.log?.('sync attempt failed; retrying', { attempt, message: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, this.options.retryMaxMs ?? 30_000);
      }
    }
  }

  private async syncOnce(total: SyncCounts): Promise<void> {
    // What an older version of the app set aside may apply now.
    this.store.quarantine.retryAfterUpgrade(
      (checked) => this.store.landPulled(checked),
      (entity, id) => this.store.shadow(entity, id)?.version ?? null,
    );
    // A push the endpoint cannot take (a 500, an overloaded server) must not stop this device
    // receiving everyone else's changes: pull anyway, then report the push's failure.
    let pushFailure: EndpointCallError | null = null;
    try {
      await this.pushAll(total);
    } catch (error) {
      if (!(error instanceof EndpointCallError && error.transient)) throw error;
      this.options.log?.('push failed; pulling anyway', { message: error.message });
      pushFailure = error;
    }
    await this.pullAll(total);
    await this.options.afterPull?.((call) => this.authorised(call));
    if (pushFailure !== null) throw pushFailure;
    // A second push sends the merges the pull or the conflicts queued.
    if (this.store.pendingCount() > 0) await this.pushAll(total);
  }

  private async pushAll(total: SyncCounts): Promise<void> {
    for (;;) {
      const rows = this.store.pending(this.options.batchSize ?? 200);
      if (rows.length === 0) return;
      const sent = this.prepare(rows);
      const response = await this.authorised((client, token) => client.push(token, { clientId: this.store.clientId(), mutations: sent.map((s) => s.wire) }));
      const byId = new Map(response.results.map((r) => [r.mutationId, r]));
      let answered = 0;
      this.store.db.transaction(() => {
        for (const mutation of sent) {
          const result = byId.get(mutation.wire.mutationId);
          if (!result) continue;
          answered += 1;
          this.recordAlone(mutation, result, total);
        }
      })();
      // Every answer missing: nothing moved, so stop rather than spin; the next sync resends.
      if (answered === 0) throw new EndpointCallError('BAD_RESPONSE', 'The endpoint answered none of the changes sent');
    }
  }

  /** Outbox rows as the wire expects them, with the base version of the last copy this device saw. */
  private prepare(rows: OutboxRow[]): SentMutation[] {
    const predicted = new Map<string, { version: number; deleted: boolean; data: RecordData | null }>();
    return rows.map((row) => {
      const entity = wireEntityOf(row.entity);
      const key = `${entity}\u0000${row.entity_id}`;
      const known = predicted.get(key) ?? this.store.shadow(entity, row.entity_id);
      const exists = known !== null && !known.deleted;
      // A record written again after its synced delete (undo) is an update against the tombstone's
      // version, which the endpoint takes as bringing it back; as a create it would conflict for ever.
      const revives = known !== null && known.deleted && row.operation !== 'delete';
      const payload = JSON.parse(row.payload) as unknown;
      const partial = asRecordData(payload);
      const operation = row.operation === 'delete' ? 'delete' : exists || revives ? 'update' : 'create';
      // Some local writes carry only the fields they changed; the endpoint keeps whole records.
      const data = operation === 'delete' ? null : exists && partial ? overlay(known.data ?? {}, partial) : payload;
      const baseVersion = exists || revives ? known.version : 0;
      predicted.set(key, { version: baseVersion + 1, deleted: operation === 'delete', data: asRecordData(data) });
      return {
        row,
        entity,
        base: exists ? known.data : null,
        wire: { mutationId: row.mutation_id, entity, entityId: row.entity_id, baseVersion, operation, payload: data ?? partial ?? {} },
      };
    });
  }

  /**
   * One answer in its own savepoint. A conflict's server copy this device cannot check or apply is
   * set aside like a pulled change; the answer is stored either way, so the batch and the outbox
   * move on and the local change stays as it is.
   */
  private recordAlone(mutation: SentMutation, result: MutationResult, total: SyncCounts): void {
    const current = result.status === 'conflict' ? result.current : null;
    const asChange = current ? { ...current, operation: current.deleted ? ('delete' as const) : ('update' as const) } : null;
    const checked = asChange ? parsePulledChange(asChange) : null;
    if (asChange && checked && !checked.ok) {
      this.store.quarantine.setAside(asChange, checked.code, checked.reason);
      total.quarantined += 1;
      this.store.answer(mutation.wire.mutationId, result);
      return;
    }
    try {
      this.store.db.transaction(() => this.record(mutation, result, total))();
    } catch (error) {
      if (asChange) {
        this.store.quarantine.setAside(asChange, 'not-applied', (error as Error).message);
        total.quarantined += 1;
      }
      this.store.answer(mutation.wire.mutationId, result);
    }
  }

  private record(mutation: SentMutation, result: MutationResult, total: SyncCounts): void {
    const { entity, wire } = mutation;
    if (result.status === 'applied') {
      this.store.saveShadow(entity, wire.entityId, result.version, wire.operation === 'delete', wire.operation === 'delete' ? null : wire.payload, true);
      total.pushed += 1;
    } else if (result.status === 'rejected') {
      // Rolled back or kept, and flagged to the member (rejections.ts); the reason is also in
      // outbox_results. Local-only entities (meetings, packs) end here too and flag nothing.
      if (!this.neverTravels(wire, result.reason) && this.store.rejections.flag(wire, result, this.signedInUserId(), () => this.rollBack(mutation))) total.rejected += 1;
    } else {
      this.resolve(mutation, result.current, total);
    }
    this.store.answer(wire.mutationId, result);
  }

  /**
   * Refusals that only say the record is this device's own: an entity that is not synced, or a
   * record of a meeting the device imported itself (the endpoint never published it). Rolling those
   * back would destroy local work; flagging them would bury the real refusals.
   */
  private neverTravels(wire: WireMutation, reason: string): boolean {
    if (reason === 'UNKNOWN_ENTITY') return true;
    const meetingId = asRecordData(wire.payload)?.meetingId;
    return reason === 'UNKNOWN_MEETING' && typeof meetingId === 'string' && this.store.shadow('meeting', meetingId) === null;
  }

  /** The last synced copy back in force, or a never-synced record removed; false when it cannot be. */
  private rollBack(mutation: SentMutation): boolean {
    const { entity, wire } = mutation;
    const shadow = this.store.shadow(entity, wire.entityId);
    // An append-only record (a minute correction) is never removed from the legal record: kept and flagged.
    if ((shadow === null || shadow.deleted) && isAppendOnly(entity)) return false;
    return this.store.applier.apply(entity, wire.entityId, shadow?.deleted ?? true, shadow?.data ?? null) === 'applied';
  }

  private signedInUserId(): string | null {
    const user = User.safeParse(JSON.parse(this.store.get('user') ?? 'null'));
    return user.success ? user.data.id : null;
  }

  /**
   * The record changed on the server since this device's copy: merge field by field. What merges
   * goes back as a new change; what does not lands in the conflicts list with both versions, and the
   * server's value stays in force until a person picks.
   */
  private resolve(mutation: SentMutation, current: ServerRecord, total: SyncCounts): void {
    const { entity, wire } = mutation;
    const local = asRecordData(wire.payload);
    const server = asRecordData(current.data);
    const apply = (deleted: boolean, data: unknown): boolean => this.store.applier.apply(entity, wire.entityId, deleted, data) === 'applied';

    if (wire.operation === 'delete' || current.deleted || !local || !server) {
      if (wire.operation === 'delete' && current.deleted) {
        this.store.saveShadow(entity, wire.entityId, current.version, true, null, apply(true, null));
        return;
      }
      // Deleted on one side, changed on the other: a person decides; the deleted side's record is kept.
      this.store.addConflict(entity, wire.entityId, ['deleted'], wire.operation === 'delete' ? null : wire.payload, current);
      this.store.saveShadow(entity, wire.entityId, current.version, current.deleted, current.data, apply(current.deleted, current.data));
      total.conflicts += 1;
      return;
    }
    const { merged, conflicts } = mergeRecord(mutation.base, local, server);
    this.store.saveShadow(entity, wire.entityId, current.version, false, current.data, apply(false, merged));
    if (conflicts.length > 0) {
      this.store.addConflict(entity, wire.entityId, conflicts, local, current);
      total.conflicts += 1;
    }
    if (!sameValue(merged, server)) this.store.enqueue(localEntityOf(entity), wire.entityId, 'update', merged);
  }

  private async pullAll(total: SyncCounts): Promise<void> {
    for (;;) {
      const cursor = this.store.get('cursor');
      const page = await this.authorised((client, token) => client.pull(token, cursor, this.options.pageSize ?? 200));
      this.store.db.transaction(() => {
        for (const change of page.changes) {
          // An edit made here and not yet sent: keep it, and the old shadow as its merge base; the
          // push will meet this change as a conflict and merge it field by field.
          if (this.store.hasPending(localEntityOf(change.entity), change.id)) continue;
          // Each change in its own savepoint: one this device cannot check or apply is set aside
          // with its reason, and the rest of the page and the cursor still move on.
          if (!this.store.quarantine.receive(change, (checked) => this.store.landPulled(checked))) total.quarantined += 1;
        }
        this.store.set('cursor', page.cursor);
      })();
      total.pulled += page.changes.length;
      if (!page.hasMore) return;
    }
  }

  /** Syncs now and then every `intervalMs`; a failed sync retries on the next tick (reconnect). */
  start(intervalMs: number): void {
    this.stopped = false;
    const tick = (): void => {
      if (this.stopped) return;
      if (this.signedIn()) {
        this.syncAndReport().catch((error: unknown) => this.options.log?.('sync failed', { message: (error as Error).message }));
      }
      this.timer = setTimeout(tick, intervalMs);
      this.timer.unref();
    };
    tick();
  }

  /** The timer's sync: the same as sync(), reported to the status like one the member started. */
  onSynced: ((counts: SyncCounts) => void) | null = null;

  private async syncAndReport(): Promise<void> {
    const counts = await this.sync();
    this.onSynced?.(counts);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Resolves once any sync in flight has finished (closing the core waits for it). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}
