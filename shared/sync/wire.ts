import { z } from 'zod';
import { Instant } from '../vocabulary';

/**
 * The wire contract between Chamber clients and the council endpoint. The endpoint validates every
 * request and response with these schemas and publishes them as its OpenAPI document, and the
 * client's sync engine parses what it receives with the same ones.
 */

export const userRoles = ['councillor', 'chair', 'clerk', 'officer', 'admin'] as const;
export const UserRole = z.enum(userRoles);
export type UserRole = z.infer<typeof UserRole>;

/** Roles that may record outcomes and minutes and edit anyone's declarations at their committees. */
export const presidingUserRoles: readonly UserRole[] = ['chair', 'clerk', 'admin'];

export const endpointErrorCodes = [
  'INVALID_INPUT',
  /** No token, or a token the endpoint never issued: sign in again. */
  'UNAUTHENTICATED',
  /** The access token ran out: refresh it with the refresh token. */
  'TOKEN_EXPIRED',
  /** The device was signed out or revoked: the client must wipe its local data and sign in again. */
  'TOKEN_REVOKED',
  'BAD_CREDENTIALS',
  'RATE_LIMITED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RANGE_NOT_SATISFIABLE',
  'INTERNAL',
] as const;
export const EndpointErrorCode = z.enum(endpointErrorCodes);
export type EndpointErrorCode = z.infer<typeof EndpointErrorCode>;

export const ErrorBody = z.object({
  error: z.object({ code: EndpointErrorCode, message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const Id = z.string().min(1).max(200);
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/* ---------------------------------------------------------------- health ---------------- */

export const Health = z.object({ status: z.literal('ok'), version: z.string(), database: z.literal('ok') });

/** The process is up and answering; says nothing about the database (restart it only if this fails). */
export const Liveness = z.object({ status: z.literal('ok'), version: z.string() });
export type Liveness = z.infer<typeof Liveness>;

/**
 * Whether this instance should be sent traffic: the database answers, its schema is the one this
 * build needs, and the instance is not draining for shutdown. Served with 200 when ready, else 503.
 */
export const Readiness = z.object({
  status: z.enum(['ready', 'not ready']),
  version: z.string(),
  database: z.enum(['ok', 'unreachable']),
  schema: z.object({ applied: z.number().int().nullable(), required: z.number().int() }),
  draining: z.boolean(),
});
export type Readiness = z.infer<typeof Readiness>;

/* ---------------------------------------------------------------- accounts -------------- */

export const User = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: UserRole,
  committees: z.array(z.string()),
});
export type User = z.infer<typeof User>;

export const NewUser = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  role: UserRole,
  password: z.string().min(10).max(500),
  /** Committee names as packs print them; created when new. */
  committees: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  /** Committees where their role differs from `role` (a chair who sits on another panel as a member). */
  committeeRoles: z.record(z.string().trim().min(1).max(200), UserRole).default({}),
});
export type NewUser = z.input<typeof NewUser>;

export const SignIn = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(500),
  deviceName: z.string().trim().min(1).max(200),
});
export type SignIn = z.infer<typeof SignIn>;

export const Refresh = z.object({ refreshToken: z.string().min(1).max(200) });

export const Device = z.object({
  id: Id,
  name: z.string(),
  createdAt: Instant,
  lastSeenAt: Instant.nullable(),
  expiresAt: Instant,
  revokedAt: Instant.nullable(),
  current: z.boolean(),
});
export type Device = z.infer<typeof Device>;

export const Session = z.object({
  accessToken: z.string(),
  /** When the access token stops working; refresh before then. */
  expiresAt: Instant,
  refreshToken: z.string(),
  refreshExpiresAt: Instant,
  device: Device,
  user: User,
});
export type Session = z.infer<typeof Session>;

export const DeviceList = z.object({ devices: z.array(Device) });

/* ---------------------------------------------------------------- packs ----------------- */

export const AgendaItem = z.object({
  number: z.string().trim().min(1).max(20),
  title: z.string().trim().min(1).max(500),
  /** Exempt under Schedule 12A ("Part II"). */
  restricted: z.boolean().default(false),
});

export const PublishMeeting = z.object({
  committee: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(200),
  date: z.iso.date(),
  startTime: z.string().regex(/^[0-2][0-9]:[0-5][0-9]$/),
  venue: z.string().trim().min(1).max(200),
  items: z.array(AgendaItem).max(200).default([]),
});
export type PublishMeeting = z.input<typeof PublishMeeting>;

export const documentKinds = ['pack', 'supplement', 'report', 'appendix', 'minutes'] as const;
export const DocumentKind = z.enum(documentKinds);

/** Query string of a document upload; the body is the PDF itself. */
export const DocumentUpload = z.object({
  title: z.string().trim().min(1).max(300),
  kind: DocumentKind.default('pack'),
  itemNumber: z.string().trim().min(1).max(20).optional(),
  restricted: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** The SHA-256 the uploader computed: the endpoint refuses the upload, storing nothing, if the bytes differ. */
  sha256: Sha256.optional(),
});

export const MeetingDocument = z.object({
  id: Id,
  meetingId: Id,
  sha256: Sha256,
  size: z.number().int().nonnegative(),
  mediaType: z.string(),
  title: z.string(),
  kind: DocumentKind,
  itemNumber: z.string().nullable(),
  restricted: z.boolean(),
  /** 1 for the first upload under this title and kind; a republished paper gets the next number. */
  version: z.number().int().positive(),
  publishedAt: Instant,
});
export type MeetingDocument = z.infer<typeof MeetingDocument>;

export const PublishedMeeting = z.object({
  id: Id,
  committee: z.string(),
  title: z.string(),
  date: z.string(),
  startTime: z.string(),
  venue: z.string(),
  items: z.array(z.object({ number: z.string(), title: z.string(), restricted: z.boolean() })),
  version: z.number().int().positive(),
});
export type PublishedMeeting = z.infer<typeof PublishedMeeting>;

/* ---------------------------------------------------------------- sync ------------------ */

export const syncOperations = ['create', 'update', 'delete'] as const;
export const SyncOperation = z.enum(syncOperations);

/**
 * One row of the client's outbox (electron/core/db/migrations/0001_meetings_outbox.ts), as sent.
 * `entity` and `payload` are checked per mutation against the register (register.ts), not here:
 * one mutation the register refuses gets its own rejection, and the rest of the batch still applies.
 */
export const WireMutation = z.object({
  mutationId: Id,
  entity: z.string().min(1).max(60),
  entityId: Id,
  /** The server version the client last saw; 0 for a record it created. */
  baseVersion: z.number().int().nonnegative(),
  operation: SyncOperation,
  payload: z.unknown(),
});
export type WireMutation = z.infer<typeof WireMutation>;

export const PushRequest = z.object({
  /** The installation's client id (device_settings.client_id); mutation ids are unique within it. */
  clientId: Id,
  mutations: z.array(WireMutation).min(1).max(500),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const ServerRecord = z.object({
  entity: z.string(),
  id: Id,
  version: z.number().int().positive(),
  deleted: z.boolean(),
  /** null for a tombstone. */
  data: z.unknown(),
  /** Whose record it is (the register's owner field, as the endpoint decided it); null: the committee's. */
  ownerId: Id.nullable().default(null),
});
export type ServerRecord = z.infer<typeof ServerRecord>;

export const rejectionReasons = ['FORBIDDEN', 'INVALID_PAYLOAD', 'UNKNOWN_ENTITY', 'UNKNOWN_MEETING', 'NOT_FOUND', 'CLIENT_MISMATCH', 'CONSTRAINT'] as const;
export const RejectionReason = z.enum(rejectionReasons);
export type RejectionReason = z.infer<typeof RejectionReason>;

export const MutationResult = z.discriminatedUnion('status', [
  z.object({ mutationId: Id, status: z.literal('applied'), version: z.number().int().positive() }),
  /** The record changed on the server since baseVersion; here it is as the server holds it. */
  z.object({ mutationId: Id, status: z.literal('conflict'), current: ServerRecord }),
  z.object({ mutationId: Id, status: z.literal('rejected'), reason: RejectionReason, message: z.string() }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({ results: z.array(MutationResult) });
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.object({
  /** Opaque; omit for everything. */
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const Change = ServerRecord.extend({ operation: SyncOperation });
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  changes: z.array(Change),
  /** Pass back to continue; store it only after applying `changes`. */
  cursor: z.string(),
  /** More changes are ready now: pull again straight away. */
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;
