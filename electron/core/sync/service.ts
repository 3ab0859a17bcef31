import os from 'node:os';
import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';
import { CoreError } from '../errors';
import { EndpointCallError } from './endpointClient';
import { SignInRequired, SyncEngine, type SyncEngineOptions } from './engine';
import { PackDownloads, type ImportPack } from './packDownloads';
import { RestrictedGate } from '../security/restrictedGate';
import { SyncStore } from './syncStore';
import { wipedSinceStart, wipeLocalData, type WipePlaces } from './wipe';
import type { SyncStatus, syncOperations } from '../../../shared/api/contracts/sync';
import { User } from '../../../shared/sync/wire';
import { localEntityOf } from '../../../shared/sync/register';

export type SyncHandlers = Pick<Handlers, keyof typeof syncOperations>;

export const defaultOfflineExpiryDays = 30;
export const defaultPackWeeks = 4;

export interface SyncService {
  handlers: SyncHandlers;
  engine: SyncEngine;
  store: SyncStore;
  /** Papers on demand (issue 20) ask these for a meeting outside the automatic window. */
  downloads: PackDownloads;
  /** Restricted text stays closed after too long offline (issue 9.4): every handler serving it asks this. */
  gate: RestrictedGate;
}

/** Endpoint failures as the core's own error codes, which the renderer translates. */
export function toCoreError(error: unknown): unknown {
  if (error instanceof SignInRequired) return new CoreError('SIGN_IN_REQUIRED', error.message);
  if (!(error instanceof EndpointCallError)) return error;
  if (error.code === 'TOKEN_REVOKED') return new CoreError('DEVICE_REVOKED', 'This device was revoked at the endpoint; its local data has been wiped');
  if (error.code === 'BAD_CREDENTIALS') return new CoreError('SIGN_IN_REFUSED', 'The endpoint did not accept that email and password');
  if (error.code === 'UNAUTHENTICATED' || error.code === 'TOKEN_EXPIRED') return new CoreError('SIGN_IN_REQUIRED', error.message);
  if (error.code === 'NETWORK') return new CoreError('ENDPOINT_UNREACHABLE', error.message);
  if (error.code === 'INVALID_INPUT') return new CoreError('INVALID_INPUT', error.message);
  return new CoreError('ENDPOINT_ERROR', error.message);
}

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toCoreError(error);
  }
}

/**
 * Sync with the council endpoint. The device token is kept in sync_state inside the local database,
 * which is encrypted at rest with the data key (itself kept through safeStorage in Electron, or
 * unlocked by the passphrase for the command line and browser host); it is never written elsewhere.
 */
export type SyncTuning = Pick<SyncEngineOptions, 'batchSize' | 'pageSize' | 'retryBaseMs' | 'retryMaxMs' | 'maxAttempts' | 'requestTimeoutMs'>;

export function syncService(
  db: Db,
  places: WipePlaces,
  clock: () => Date,
  importPack: ImportPack,
  log?: (message: string, detail?: unknown) => void,
  tuning: SyncTuning = {},
): SyncService {
  const store = new SyncStore(db, clock);
  const downloads = new PackDownloads(store, importPack, clock);
  const number = (key: 'offline_expiry_days' | 'pack_weeks', fallback: number): number => Number(store.get(key) ?? fallback);
  const engine = new SyncEngine(store, {
    ...tuning,
    clock,
    log,
    afterPull: (authorised) => downloads.run(authorised, number('pack_weeks', defaultPackWeeks)),
    onRevoked: async () => {
      await wipeLocalData(db, places, log);
      store.set('wiped_reason', 'revoked');
    },
  });

  const offlineExpired = (): boolean => {
    if (!engine.signedIn()) return false;
    const last = store.get('last_contact_at');
    if (!last) return true;
    return clock().getTime() - Date.parse(last) > number('offline_expiry_days', defaultOfflineExpiryDays) * 86_400_000;
  };

  let lastResult: SyncStatus['lastResult'] = null;
  engine.onSynced = (counts) => {
    lastResult = counts;
  };
  const sync = async () => {
    const counts = await engine.sync();
    lastResult = counts;
    return counts;
  };

  const status = (): SyncStatus => {
    const userJson = store.get('user');
    const user = userJson ? User.safeParse(JSON.parse(userJson)) : null;
    const wiped = store.get('wiped_reason');
    const waiting = store.pendingByEntity();
    return {
      signedIn: engine.signedIn(),
      endpoint: store.get('endpoint'),
      deviceId: store.get('device_id'),
      user: user?.success ? { id: user.data.id, name: user.data.name, email: user.data.email, role: user.data.role } : null,
      online: engine.isOnline,
      syncing: engine.busy,
      lastSyncedAt: store.get('last_synced_at'),
      lastContactAt: store.get('last_contact_at'),
      pending: waiting.reduce((n, w) => n + w.count, 0),
      conflicts: store.conflicts().length,
      lastError: store.get('last_error'),
      wipedReason: wiped === 'revoked' ? 'revoked' : null,
      signInRequired: offlineExpired(),
      offlineExpiryDays: number('offline_expiry_days', defaultOfflineExpiryDays),
      packWeeks: number('pack_weeks', defaultPackWeeks),
      downloads: downloads.progress,
      unavailablePapers: downloads.unavailable(),
      lastResult,
      quarantined: store.quarantine.count(),
      rejected: store.rejections.openCount(),
      pendingByEntity: waiting,
    };
  };

  const handlers: SyncHandlers = {
    getSyncStatus: () => status(),
    signInToEndpoint: ({ endpoint, email, password, deviceName }) =>
      mapped(async () => {
        // The wiped database's key is gone: anything synced into it now would be lost at the next start.
        if (wipedSinceStart(places.dataDir)) throw new CoreError('RESTART_REQUIRED', 'Chamber wiped this device; close it and open it again, then sign in');
        await engine.signIn(endpoint, email, password, deviceName ?? `Chamber on ${os.hostname()}`);
        return status();
      }),
    signOutOfEndpoint: () =>
      mapped(async () => {
        await engine.signOut();
        return status();
      }),
    syncNow: () => mapped(sync),
    startSync: () => {
      if (!engine.signedIn()) throw new CoreError('SIGN_IN_REQUIRED', 'Not signed in to a council endpoint');
      // Failures show in the status (lastError, offline); nothing waits on this promise.
      sync().catch(() => undefined);
      return status();
    },
    listSyncConflicts: () =>
      store.conflicts().map((c) => ({
        id: c.id,
        entity: c.entity,
        entityId: c.entity_id,
        fields: JSON.parse(c.fields) as string[],
        local: JSON.parse(c.local) as unknown,
        server: JSON.parse(c.server) as unknown,
        serverVersion: c.server_version,
        createdAt: c.created_at,
      })),
    resolveSyncConflict: ({ id, keep }) => {
      const conflict = store.conflict(id);
      if (!conflict || conflict.resolved_at !== null) throw new CoreError('NOT_FOUND', `No open conflict ${id}`);
      db.transaction(() => {
        const local = JSON.parse(conflict.local) as unknown;
        // Keeping mine sends it again as a change on top of the endpoint's version; the endpoint's
        // version stays in the conflict row either way, so neither side is ever lost.
        if (keep === 'mine') {
          const clientEntity = localEntityOf(conflict.entity);
          if (local === null) store.enqueue(clientEntity, conflict.entity_id, 'delete', {});
          else {
            store.enqueue(clientEntity, conflict.entity_id, 'update', local);
            store.applier.apply(conflict.entity, conflict.entity_id, false, local);
          }
        }
        store.resolveConflict(id, keep);
      })();
      return {};
    },
    listSyncQuarantine: () => store.quarantine.list(),
    listSyncRejections: () => store.rejections.open(),
    dismissSyncRejection: ({ mutationId }) => {
      if (!store.rejections.dismiss(mutationId)) throw new CoreError('NOT_FOUND', `No refused change ${mutationId} to dismiss`);
      return {};
    },
    configureSync: ({ packWeeks, offlineExpiryDays }) => {
      if (packWeeks !== undefined) store.set('pack_weeks', String(packWeeks));
      if (offlineExpiryDays !== undefined) store.set('offline_expiry_days', String(offlineExpiryDays));
      return status();
    },
  };

  return {
    handlers,
    engine,
    store,
    downloads,
    gate: new RestrictedGate(db, offlineExpired),
  };
}
