import { randomBytes, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { contentSecurityPolicy, headerOnlyDirectives } from '../../shared/security/csp';
import { err, type ErrorCode } from '../../shared/result';
import { CoreClient } from '../core/process/client';
import type { CoreUnlock } from '../core/process/protocol';
import { startCoreWorker } from '../core/process/workerChannel';
import { serveDocument, servePageRaster } from './documentBytes';

export interface BrowserHostOptions {
  dataDir: string;
  rendererDir: string;
  coreEntry: string;
  /** How the core unlocks the encrypted data (a passphrase here; never plaintext). */
  unlock: CoreUnlock;
  /** 0 picks a free port. */
  port?: number;
  bodyLimitBytes?: number;
}

export interface BrowserHost {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const securityHeaders: Record<string, string> = {
  'content-security-policy': `${contentSecurityPolicy}; ${headerOnlyDirectives}`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'x-frame-options': 'DENY',
};

/**
 * Serves the built renderer and the API contract over HTTP on loopback only. This stands in for
 * Electron's preload + IPC binding (and nothing else) where Electron cannot run: the core, the
 * renderer and the contract are the same code. Every API call must carry this launch's token.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const core = new CoreClient(startCoreWorker(options.coreEntry, options.dataDir), options.unlock);
  // Room for one upload chunk (1 MiB decoded, base64 in JSON) and no more.
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimitBytes ?? 2 * 1024 * 1024 });
  let allowedHosts = new Set<string>();

  const fail = (reply: FastifyReply, status: number, code: ErrorCode, message: string) =>
    reply.code(status).type('application/json').send(err(code, message));

  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of Object.entries(securityHeaders)) void reply.header(name, value);
    // Refuse any Host but our own loopback address: a page on another site that rebinds its DNS
    // name to 127.0.0.1 must not reach the API or the renderer.
    if (!allowedHosts.has(request.headers.host ?? '')) return fail(reply, 421, 'UNAUTHORISED', 'Unknown host');
    return undefined;
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return fail(reply, 413, 'PAYLOAD_TOO_LARGE', 'The request is too large');
    if (error.statusCode !== undefined && error.statusCode < 500) return fail(reply, error.statusCode, 'INVALID_INPUT', error.message);
    return fail(reply, 500, 'INTERNAL', 'Something went wrong inside Chamber');
  });

  /** The launch token and same-origin rule every API request must pass; a refusal is sent here. */
  const refused = (request: FastifyRequest, reply: FastifyReply): FastifyReply | null => {
    const supplied = Buffer.from(request.headers.authorization ?? '');
    if (supplied.length !== expected.length || !timingSafeEqual(supplied, expected)) {
      return fail(reply, 401, 'UNAUTHORISED', 'Missing or wrong launch token');
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      return fail(reply, 403, 'UNAUTHORISED', 'Cross-origin calls are refused');
    }
    return null;
  };

  app.post<{ Params: { operation: string } }>('/api/:operation', async (request, reply) => {
    const refusal = refused(request, reply);
    if (refusal) return refusal;
    const result = await core.call(request.params.operation, request.body);
    return reply.code(200).header('cache-control', 'no-store').send(result);
  });

  // A stored document's bytes with Range, for pdf.js's range loader (no base64 inside JSON).
  const documentSizes = new Map<string, number>();
  app.get<{ Params: { sha256: string } }>('/api/documents/:sha256', async (request, reply) => {
    const refusal = refused(request, reply);
    if (refusal) return refusal;
    const served = await serveDocument((name, input) => core.call(name, input), request.params.sha256, request.headers.range, documentSizes);
    return reply.code(served.status).headers(served.headers).send(served.body);
  });

  // A stored picture of one page (made at import), shown by the reader while pdf.js opens the pack.
  app.get<{ Params: { sha256: string; page: string } }>('/api/documents/:sha256/pages/:page/raster', async (request, reply) => {
    const refusal = refused(request, reply);
    if (refusal) return refusal;
    const served = await servePageRaster((name, input) => core.call(name, input), request.params.sha256, request.params.page);
    return reply.code(served.status).headers(served.headers).send(served.body);
  });

  await app.register(fastifyStatic, { root: options.rendererDir, index: 'index.html', cacheControl: false });

  const started = await core.ready;
  if (!started.ok) {
    // Keep serving so the renderer can show the translated reason (e.g. a database from a newer
    // version); the API answers every call with that error.
    console.error(`Chamber core: ${started.error.message}`);
  }

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('Browser host did not bind a TCP port');
  allowedHosts = new Set([`127.0.0.1:${address.port}`, `localhost:${address.port}`]);
  const origin = `http://127.0.0.1:${address.port}`;

  return {
    origin,
    token,
    url: `${origin}/?token=${token}`,
    close: async () => {
      await app.close();
      await core.close();
    },
  };
}
