import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type pg from 'pg';
import { type z } from 'zod';
import { openApiDocument } from '../shared/sync/openapi';
import { binary, endpointRoutes, type EndpointRoute, type RouteName } from '../shared/sync/routes';
import type { EndpointErrorCode, Readiness } from '../shared/sync/wire';
import { Accounts, createUser, defaultLifetimes, EndpointError, type Principal, type TokenLifetimes } from './accounts';
import { LargeObjectStore } from './documents/largeObjects';
import type { DocumentStore } from './documents/store';
import { entitledDocument, listDocuments, publishMeeting, uploadDocument } from './packs';
import { latestEndpointSchemaVersion } from './db/migrations';
import { SignInLimiter } from './rateLimit';
import { pull, push } from './sync';

export interface ServerOptions {
  pool: pg.Pool;
  version: string;
  /** pino options, or false for silence (tests). */
  logger?: boolean | { level: string };
  now?: () => Date;
  lifetimes?: TokenLifetimes;
  limiter?: SignInLimiter;
  /** Set by the owner when shutdown begins, so readiness turns 503 before the port closes. */
  lifecycle?: Lifecycle;
  /** Largest PDF accepted. */
  maxDocumentBytes?: number;
  /** Where documents are kept: PostgreSQL large objects unless another store is given. */
  documents?: DocumentStore;
}

/** What an instance shares with whoever stops it. */
export interface Lifecycle {
  draining: boolean;
}

type Input<R extends EndpointRoute> = {
  params: R['params'] extends z.ZodType ? z.output<R['params']> : undefined;
  query: R['query'] extends z.ZodType ? z.output<R['query']> : undefined;
  body: R['body'] extends typeof binary ? Readable : R['body'] extends z.ZodType ? z.output<R['body']> : undefined;
  principal: R['auth'] extends true ? Principal : undefined;
};

/** What a handler answers: a JSON body with its status, or null when it replied itself (binary). */
type Answer = { status: number; body?: unknown } | null;

const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

function invalid(error: z.ZodError): EndpointError {
  return new EndpointError(400, 'INVALID_INPUT', error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

/** Status codes fastify itself raises (bad JSON, body too large…) mapped onto our error codes. */
function codeFor(status: number): EndpointErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  return status >= 500 ? 'INTERNAL' : 'INVALID_INPUT';
}

/** Builds the endpoint's HTTP server; the caller owns the pool and listens. */
export function buildServer(options: ServerOptions): FastifyInstance {
  const { pool } = options;
  const now = options.now ?? (() => new Date());
  const accounts = new Accounts(pool, now, options.lifetimes ?? defaultLifetimes);
  const limiter = options.limiter ?? new SignInLimiter(pool);
  const lifecycle = options.lifecycle ?? { draining: false };
  const documents = options.documents ?? new LargeObjectStore(pool);
  const maxDocumentBytes = options.maxDocumentBytes ?? 200 * 1024 * 1024;
  const app = Fastify({
    logger: options.logger ?? { level: 'info' },
    exposeHeadRoutes: false,
    bodyLimit: 1024 * 1024 * 4,
  });

  // A document's body is handed on unread, to stream into the store: the upload route reads it
  // once the caller is known, and counts it against maxDocumentBytes itself.
  app.addContentTypeParser(['application/pdf', 'application/octet-stream'], (_request, payload, done) => done(null, payload));

  // An API, never a page: nothing it answers may be sniffed, framed, or run as a document.
  app.addHook('onSend', (_request, reply, payload, done) => {
    void reply
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    // Once draining, every answer ends its connection: a kept-alive one would otherwise hold the
    // shutdown open for the whole keep-alive timeout (72 s in fastify) after its last request.
    if (lifecycle.draining) void reply.header('connection', 'close');
    done(null, payload);
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof EndpointError) {
      void reply.status(error.status).headers(error.headers).send({ error: { code: error.code, message: error.message } });
      return;
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    void reply.status(status).send({ error: { code: codeFor(status), message: status === 500 ? 'Internal error' : error.message } });
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such route' } });
  });

  function route<N extends RouteName>(name: N, handler: (input: Input<(typeof endpointRoutes)[N]>, request: FastifyRequest, reply: FastifyReply) => Promise<Answer>): void {
    const spec: EndpointRoute = endpointRoutes[name];
    app.route({
      method: spec.method,
      url: fastifyPath(spec.path),
      handler: async (request, reply) => {
        // Who is asking is settled before anything about the request is judged, so a caller
        // without a valid token learns nothing, not even which inputs would be accepted.
        const principal = spec.auth ? await accounts.authenticate(request.headers.authorization) : undefined;
        const input = {
          params: spec.params ? parse(spec.params, request.params) : undefined,
          query: spec.query ? parse(spec.query, request.query) : undefined,
          body: spec.body === binary ? (request.body instanceof Readable ? request.body : Readable.from([])) : spec.body ? parse(spec.body, request.body) : undefined,
          principal,
        } as Input<(typeof endpointRoutes)[N]>;
        const answer = await handler(input, request, reply);
        if (answer === null) return reply;
        return answer.body === undefined ? reply.status(answer.status).send() : reply.status(answer.status).send(answer.body);
      },
    });
  }

  const document = openApiDocument(options.version);

  route('health', async () => {
    await pool.query('SELECT 1');
    return { status: 200, body: { status: 'ok', version: options.version, database: 'ok' } };
  });
  route('healthLive', () => Promise.resolve({ status: 200, body: { status: 'ok', version: options.version } }));
  route('healthReady', async () => {
    const required = latestEndpointSchemaVersion;
    const answer = (database: Readiness['database'], applied: number | null): Answer => {
      // Draining: the balancer must stop sending work here whatever the database says.
      const ready = !lifecycle.draining && database === 'ok' && applied !== null && applied >= required;
      const body: Readiness = { status: ready ? 'ready' : 'not ready', version: options.version, database, schema: { applied, required }, draining: lifecycle.draining };
      return { status: ready ? 200 : 503, body };
    };
    try {
      const found = await pool.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
      return answer('ok', found.rows[0]?.version ?? null);
    } catch (error) {
      // No bookkeeping table yet: reachable, but nothing migrated.
      if ((error as { code?: string }).code === '42P01') return answer('ok', null);
      return answer('unreachable', null);
    }
  });
  route('openApi', () => Promise.resolve({ status: 200, body: document }));

  route('signIn', async ({ body }, request) => {
    const wait = await limiter.retryAfter(body.email, request.ip);
    if (wait > 0) throw new EndpointError(429, 'RATE_LIMITED', `Too many failed sign-ins; try again in ${wait} s`, { 'retry-after': String(wait) });
    const session = await accounts.signIn(body.email, body.password, body.deviceName);
    if (!session) {
      await limiter.fail(body.email, request.ip);
      request.log.warn({ email: body.email }, 'failed sign-in');
      throw new EndpointError(401, 'BAD_CREDENTIALS', 'Wrong email or password');
    }
    await limiter.succeed(body.email, request.ip);
    request.log.info({ userId: session.user.id, deviceId: session.device.id }, 'signed in');
    return { status: 200, body: session };
  });
  route('refresh', async ({ body }) => ({ status: 200, body: await accounts.refresh(body.refreshToken) }));
  route('signOut', async ({ principal }) => {
    await accounts.revoke(principal, principal.deviceId);
    return { status: 204 };
  });
  route('me', async ({ principal }) => ({ status: 200, body: await accounts.user(principal.userId) }));
  route('listDevices', async ({ principal }) => ({ status: 200, body: { devices: await accounts.devices(principal) } }));
  route('revokeDevice', async ({ principal, params }) => {
    await accounts.revoke(principal, params.id);
    return { status: 204 };
  });
  route('createUser', async ({ principal, body }) => {
    if (principal.role !== 'admin') throw new EndpointError(403, 'FORBIDDEN', 'Only an admin may create users');
    // Into the admin's own council: the request has no say in which.
    return { status: 201, body: await createUser(pool, principal.councilId, body) };
  });

  route('publishMeeting', async ({ principal, body }) => ({ status: 201, body: await publishMeeting(pool, principal, body) }));
  route('uploadDocument', async ({ principal, params, query, body }, request) => {
    const length = request.headers['content-length'];
    try {
      return { status: 201, body: await uploadDocument(pool, documents, principal, params.id, query, { stream: body, size: length === undefined ? undefined : Number(length), maxBytes: maxDocumentBytes }) };
    } catch (error) {
      // Refused before the body was all read: the rest is read and discarded, so the uploader
      // reads the reason rather than a reset connection.
      if (!body.readableEnded) body.resume();
      throw error;
    }
  });
  route('listDocuments', async ({ principal, params }) => ({ status: 200, body: { documents: await listDocuments(pool, principal, params.id) } }));
  route('getDocument', async ({ principal, params }, request, reply) => {
    const { size } = await entitledDocument(pool, principal, params.sha256);
    const etag = `"${params.sha256}"`;
    void reply.header('etag', etag).header('accept-ranges', 'bytes').header('cache-control', 'private, max-age=31536000, immutable');
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) {
      await reply.status(304).send();
      return null;
    }
    let start = 0;
    let end = size - 1;
    let status = 200;
    const range = request.headers.range;
    // If-Range: resume only if the bytes are still the ones the client started with.
    const ifRange = request.headers['if-range'];
    if (range && (!ifRange || ifRange === etag)) {
      const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
      const from = match?.[1] ?? '';
      const to = match?.[2] ?? '';
      if (!match || (from === '' && to === '')) throw new EndpointError(416, 'RANGE_NOT_SATISFIABLE', 'Only one byte range is supported', { 'content-range': `bytes */${size}` });
      if (from === '') {
        start = Math.max(0, size - Number(to));
      } else {
        start = Number(from);
        if (to !== '') end = Math.min(end, Number(to));
      }
      if (start >= size || start > end) throw new EndpointError(416, 'RANGE_NOT_SATISFIABLE', `The document has ${size} bytes`, { 'content-range': `bytes */${size}` });
      status = 206;
      void reply.header('content-range', `bytes ${start}-${end}/${size}`);
    }
    const bytes = await documents.get(params.sha256, { start, end });
    if (!bytes) throw new EndpointError(404, 'NOT_FOUND', 'No such document');
    await reply.status(status).type('application/pdf').header('content-length', String(end - start + 1)).send(bytes);
    return null;
  });

  route('push', async ({ principal, body }) => ({ status: 200, body: { results: await push(pool, principal, body) } }));
  route('pull', async ({ principal, query }) => ({ status: 200, body: await pull(pool, principal, query.cursor, query.limit) }));

  return app;
}
