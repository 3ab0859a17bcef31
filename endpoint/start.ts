import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { defaultDataDir } from '../node/dataDir';
import { countUsers, createUser } from './accounts';
import { defaultCouncilId } from './db/0007_councils';
import { openDatabase, type Database } from './db/postgres';
import { migrate } from './db/migrations';
import { buildServer, type Lifecycle } from './server';

export interface EndpointOptions {
  port: number;
  host: string;
  dataDir?: string;
  databaseUrl?: string;
  version: string;
  logLevel?: string;
  /**
   * On shutdown, how long readiness answers 503 while requests are still served, before the port
   * closes: a load balancer's health-check interval, so it stops routing here before connections
   * are refused. 0 (the default) closes at once, for a single instance with no balancer.
   */
  drainDelayMs?: number;
}

/** The endpoint's own folder inside the user's data directory unless one is given. */
export function resolveEndpointDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? env.CHAMBER_ENDPOINT_DATA_DIR;
  return path.resolve(chosen && chosen.length > 0 ? chosen : path.join(defaultDataDir(process.platform, env), 'endpoint'));
}

/** Opens the database (embedded unless a URL is given) and brings its schema up to date. */
export async function openEndpointDatabase(options: { dataDir?: string; databaseUrl?: string; log?: (message: string) => void }): Promise<Database> {
  const db = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: resolveEndpointDataDir(options.dataDir), log: options.log });
  try {
    await migrate(db.pool);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

export interface RunningEndpoint {
  app: FastifyInstance;
  url: string;
  /** Turns readiness 503, waits the drain delay, stops taking requests, lets those in flight finish, then closes the database. */
  close(): Promise<void>;
}

/**
 * Starts the endpoint. A default council with no users yet takes its first admin from
 * CHAMBER_ENDPOINT_ADMIN_EMAIL and CHAMBER_ENDPOINT_ADMIN_PASSWORD (or `chamber endpoint user add`);
 * further councils come with their own first admin from `chamber endpoint council add`.
 */
export async function startEndpoint(options: EndpointOptions, env: NodeJS.ProcessEnv = process.env): Promise<RunningEndpoint> {
  let app: FastifyInstance | null = null;
  const lifecycle: Lifecycle = { draining: false };
  const db = await openEndpointDatabase({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    log: (message) => app?.log.debug({ postgres: message }),
  });
  try {
    app = buildServer({ pool: db.pool, version: options.version, logger: { level: options.logLevel ?? 'info' }, lifecycle });
    app.log.info({ database: db.description }, 'database ready');
    if (env.CHAMBER_ENDPOINT_ADMIN_EMAIL && env.CHAMBER_ENDPOINT_ADMIN_PASSWORD && (await countUsers(db.pool, defaultCouncilId)) === 0) {
      try {
        const admin = await createUser(db.pool, defaultCouncilId, { name: env.CHAMBER_ENDPOINT_ADMIN_NAME ?? 'Administrator', email: env.CHAMBER_ENDPOINT_ADMIN_EMAIL, password: env.CHAMBER_ENDPOINT_ADMIN_PASSWORD, role: 'admin' });
        app.log.info({ userId: admin.id }, 'created the first admin from the environment');
      } catch (error) {
        // Instances started together on a fresh database all see no users; one wins the insert and
        // the others find the admin it made, which is not a reason to fail.
        if ((await countUsers(db.pool, defaultCouncilId)) === 0) throw error;
        app.log.info('another instance created the first admin');
      }
    }
    const url = await app.listen({ port: options.port, host: options.host });
    const running = app;
    return {
      app: running,
      url,
      close: async () => {
        lifecycle.draining = true;
        const delay = options.drainDelayMs ?? 0;
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        // fastify's close stops listening, answers 503 on kept-alive connections and waits for the
        // requests in flight before resolving.
        running.log.info('stopped listening; finishing requests in flight');
        await running.close();
        await db.close();
      },
    };
  } catch (error) {
    await app?.close();
    await db.close();
    throw error;
  }
}

/** SIGTERM/SIGINT: finish in-flight requests, stop PostgreSQL, exit 0. A second signal exits at once. */
export function closeOnSignals(endpoint: RunningEndpoint, exit: (code: number) => void = (code) => process.exit(code)): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      exit(1);
      return;
    }
    closing = true;
    endpoint.app.log.info({ signal }, 'shutting down');
    endpoint.close().then(
      () => {
        endpoint.app.log.info('shutdown complete');
        exit(0);
      },
      (error: unknown) => {
        endpoint.app.log.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
