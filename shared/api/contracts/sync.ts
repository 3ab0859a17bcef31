import { z } from 'zod';
import { operation } from '../operation';


export const SyncCounts = z.object({
  pushed: z.number().int().nonnegative(),
  pulled: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  /** Pulled changes this device could not check or apply, set aside (issue 17.4). */
  quarantined: z.number().int().nonnegative(),
});
export type SyncCounts = z.infer<typeof SyncCounts>;

export const SyncStatus = z.object({
  signedIn: z.boolean(),
  endpoint: z.string().nullable(),
  /** This device as the endpoint knows it (its device list shows the same id). */
  deviceId: z.string().nullable(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }).nullable(),
  online: z.boolean(),
  syncing: z.boolean(),
  lastSyncedAt: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  /** Local changes not yet accepted by the endpoint. */
  pending: z.number().int().nonnegative(),
  /** Changes that could not merge, waiting for a person. */
  conflicts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  /** Why local data was wiped ('revoked': the device was revoked at the endpoint). */
  wipedReason: z.enum(['revoked']).nullable(),
  /** Offline longer than the council allows: restricted papers stay closed until the member signs in. */
  signInRequired: z.boolean(),
  offlineExpiryDays: z.number().int().positive(),
  packWeeks: z.number().int().positive(),
  /** What the last finished sync moved, since the app started. */
  lastResult: SyncCounts.nullable(),
  /** Pack download progress while one runs. */
  downloads: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
  /** Papers of coming meetings that could not be downloaded or read, until the council republishes them. */
  unavailablePapers: z.array(
    z.object({ meetingId: z.string(), meetingTitle: z.string(), meetingDate: z.string(), title: z.string().nullable(), kind: z.string() }),
  ),
  /** Pulled changes set aside because this device could not check or apply them. */
  quarantined: z.number().int().nonnegative(),
  /** This device's changes the endpoint refused, not yet dismissed by the member. */
  rejected: z.number().int().nonnegative(),
  /** The changes `pending` counts, by kind of record (the outbox's wire entity names). */
  pendingByEntity: z.array(z.object({ entity: z.string(), count: z.number().int().positive() })),
});
export type SyncStatus = z.infer<typeof SyncStatus>;


export const SyncConflict = z.object({
  id: z.string(),
  entity: z.string(),
  entityId: z.string(),
  fields: z.array(z.string()),
  /** This device's version (null: deleted here). */
  local: z.unknown(),
  /** The endpoint's version (null: deleted there). */
  server: z.unknown(),
  serverVersion: z.number().int(),
  createdAt: z.string(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

/** A pulled change this device set aside (issue 17.4): retried after an upgrade. */
export const SyncQuarantined = z.object({
  entity: z.string(),
  entityId: z.string(),
  version: z.number().int(),
  deleted: z.boolean(),
  /** Exactly as pulled (JSON text). */
  payload: z.string().nullable(),
  ownerId: z.string().nullable(),
  reasonCode: z.enum(['too-deep', 'too-large', 'not-object', 'invalid-payload', 'unknown-entity', 'not-applied']),
  /** The technical detail, in English, for the council's IT. */
  reason: z.string(),
  appVersion: z.string(),
  receivedAt: z.string(),
});
export type SyncQuarantined = z.infer<typeof SyncQuarantined>;

/** A change made on this device that the endpoint refused, and what the device did about it. */
export const SyncRejection = z.object({
  mutationId: z.string(),
  entity: z.string(),
  entityId: z.string(),
  operation: z.enum(['create', 'update', 'delete']),
  memberId: z.string().nullable(),
  /** The endpoint's reason code (translated) and its own words. */
  reason: z.string(),
  message: z.string(),
  handling: z.enum(['rolled-back', 'kept']),
  refused: z.unknown(),
  rejectedAt: z.string(),
});
export type SyncRejection = z.infer<typeof SyncRejection>;

const EndpointUrl = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/ }));

/** Sync with the council endpoint (issue 7) and lost-device protection (issue 9). */
export const syncOperations = {
  getSyncStatus: operation({
    summary: 'Online or offline, last synced, pending changes, conflicts, pack downloads, and whether sign-in is needed',
    input: z.object({}).strict(),
    output: SyncStatus,
  }),
  signInToEndpoint: operation({
    summary: "Sign in to the council's endpoint; the device's token is kept encrypted",
    input: z
      .object({
        endpoint: EndpointUrl,
        email: z.string().trim().min(1).max(320),
        password: z.string().min(1).max(500),
        deviceName: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    output: SyncStatus,
  }),
  signOutOfEndpoint: operation({
    summary: 'Sign out: the endpoint forgets this device and the token is removed; local data stays',
    input: z.object({}).strict(),
    output: SyncStatus,
  }),
  syncNow: operation({
    summary: 'Push local changes and pull the endpoint’s, now, and answer with what moved (the command line; it waits)',
    input: z.object({}).strict(),
    output: SyncCounts,
  }),
  startSync: operation({
    summary: 'Start a sync in the background and answer at once; the status shows its progress and result (the app)',
    input: z.object({}).strict(),
    output: SyncStatus,
  }),
  listSyncConflicts: operation({
    summary: 'Changes that could not merge, with both versions',
    input: z.object({}).strict(),
    output: z.array(SyncConflict),
  }),
  resolveSyncConflict: operation({
    summary: "Keep this device's version (sent again) or the endpoint's (already in force); the other stays in the history",
    input: z.object({ id: z.string().min(1).max(100), keep: z.enum(['mine', 'theirs']) }).strict(),
    output: z.object({}),
  }),
  listSyncQuarantine: operation({
    summary: 'Changes received from the endpoint that this device could not check or apply, kept with the reason',
    input: z.object({}).strict(),
    output: z.array(SyncQuarantined),
  }),
  listSyncRejections: operation({
    summary: "This device's changes the endpoint refused, with its reason and whether they were rolled back or kept",
    input: z.object({}).strict(),
    output: z.array(SyncRejection),
  }),
  dismissSyncRejection: operation({
    summary: 'The member has read a refused change; it stays in the history',
    input: z.object({ mutationId: z.string().min(1).max(200) }).strict(),
    output: z.object({}),
  }),
  configureSync: operation({
    summary: 'How many weeks of packs to download, and how many days offline before restricted papers need a new sign-in',
    input: z.object({ packWeeks: z.number().int().min(1).max(52).optional(), offlineExpiryDays: z.number().int().min(1).max(365).optional() }).strict(),
    output: SyncStatus,
  }),
};
