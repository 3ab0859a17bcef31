import { z } from 'zod';
import {
  DeviceList,
  DocumentUpload,
  ErrorBody,
  Health,
  Liveness,
  MeetingDocument,
  NewUser,
  PublishMeeting,
  PublishedMeeting,
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
  Readiness,
  Refresh,
  Session,
  SignIn,
  User,
} from './wire';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** A binary body or response (PDF), documented as such rather than as JSON. */
export const binary = 'binary' as const;

export interface EndpointRoute {
  method: HttpMethod;
  /** OpenAPI style: /v1/devices/{id}. */
  path: string;
  summary: string;
  /** Needs `Authorization: Bearer <access token>`. */
  auth: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType | typeof binary;
  responses: Record<number, z.ZodType | typeof binary | null>;
}

const IdParam = z.object({ id: z.string().min(1).max(200) });
const ShaParam = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/**
 * Every route the endpoint serves. The server registers exactly these (a test holds it to that) and
 * the OpenAPI document is generated from them, so the two cannot drift apart.
 */
export const endpointRoutes = {
  health: { method: 'GET', path: '/health', summary: 'Liveness and database reachability', auth: false, responses: { 200: Health, 503: ErrorBody } },
  healthLive: { method: 'GET', path: '/health/live', summary: 'Liveness: the process is up (no database check)', auth: false, responses: { 200: Liveness } },
  healthReady: {
    method: 'GET',
    path: '/health/ready',
    summary: 'Readiness: database reachable, migrations applied, not draining for shutdown',
    auth: false,
    responses: { 200: Readiness, 503: Readiness },
  },
  openApi: { method: 'GET', path: '/openapi.json', summary: 'This description', auth: false, responses: { 200: z.record(z.string(), z.unknown()) } },
  signIn: {
    method: 'POST',
    path: '/v1/auth/sign-in',
    summary: 'Sign in with email and password; registers this device and returns its tokens',
    auth: false,
    body: SignIn,
    responses: { 200: Session, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
  },
  refresh: {
    method: 'POST',
    path: '/v1/auth/refresh',
    summary: 'Swap a refresh token for new tokens (the old refresh token stops working)',
    auth: false,
    body: Refresh,
    responses: { 200: Session, 400: ErrorBody, 401: ErrorBody },
  },
  signOut: { method: 'POST', path: '/v1/auth/sign-out', summary: 'Revoke this device', auth: true, responses: { 204: null, 401: ErrorBody } },
  me: { method: 'GET', path: '/v1/me', summary: 'The signed-in user', auth: true, responses: { 200: User, 401: ErrorBody } },
  listDevices: { method: 'GET', path: '/v1/devices', summary: "The signed-in user's devices", auth: true, responses: { 200: DeviceList, 401: ErrorBody } },
  revokeDevice: {
    method: 'DELETE',
    path: '/v1/devices/{id}',
    summary: 'Revoke one of your devices (an admin may revoke anyone\'s)',
    auth: true,
    params: IdParam,
    responses: { 204: null, 401: ErrorBody, 404: ErrorBody },
  },
  createUser: {
    method: 'POST',
    path: '/v1/users',
    summary: 'Create a user (admin)',
    auth: true,
    body: NewUser,
    responses: { 201: User, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
  },
  publishMeeting: {
    method: 'POST',
    path: '/v1/meetings',
    summary: 'Publish a meeting with its agenda items (clerk)',
    auth: true,
    body: PublishMeeting,
    responses: { 201: PublishedMeeting, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
  },
  uploadDocument: {
    method: 'POST',
    path: '/v1/meetings/{id}/documents',
    summary: 'Add a PDF to a meeting: the pack, a supplement or a new version of a paper (clerk). Streamed; refused, keeping nothing, if it does not match the sha256 declared',
    auth: true,
    params: IdParam,
    query: DocumentUpload,
    body: binary,
    responses: { 201: MeetingDocument, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody },
  },
  listDocuments: {
    method: 'GET',
    path: '/v1/meetings/{id}/documents',
    summary: 'The documents of a meeting you are entitled to',
    auth: true,
    params: IdParam,
    responses: { 200: z.object({ documents: z.array(MeetingDocument) }), 401: ErrorBody, 404: ErrorBody },
  },
  getDocument: {
    method: 'GET',
    path: '/v1/documents/{sha256}',
    summary: 'Download a document by content hash; ETag (the hash), If-None-Match, Range and If-Range (resumable)',
    auth: true,
    params: ShaParam,
    responses: { 200: binary, 206: binary, 304: null, 401: ErrorBody, 404: ErrorBody, 416: ErrorBody },
  },
  push: {
    method: 'POST',
    path: '/v1/sync/push',
    summary: 'Apply a batch of mutations in order; idempotent per client and mutation id',
    auth: true,
    body: PushRequest,
    responses: { 200: PushResponse, 400: ErrorBody, 401: ErrorBody },
  },
  pull: {
    method: 'GET',
    path: '/v1/sync/pull',
    summary: 'Changes visible to you since a cursor, paged, with tombstones',
    auth: true,
    query: PullQuery,
    responses: { 200: PullResponse, 400: ErrorBody, 401: ErrorBody },
  },
} as const satisfies Record<string, EndpointRoute>;

export type RouteName = keyof typeof endpointRoutes;
