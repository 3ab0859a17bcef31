import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db/postgres';
import { startEndpoint, type RunningEndpoint } from '../start';
import { MeetingDocument, PublishedMeeting, Session, User, type NewUser, type PublishMeeting } from '../../shared/sync/wire';

export interface TestEndpoint {
  url: string;
  dataDir: string;
  adminToken: string;
  addUser(user: NewUser): Promise<User>;
  publish(meeting: PublishMeeting, pdf?: { file: string; kind?: string; restricted?: boolean }): Promise<{ meeting: PublishedMeeting; document: MeetingDocument | null }>;
  /** Publishes one paper of a meeting (an agenda item's report or appendix, a supplement, a pack). */
  upload(meetingId: string, paper: { bytes: Uint8Array; title: string; kind: string; itemNumber?: string; restricted?: boolean }): Promise<MeetingDocument>;
  /** Everything a user may pull, from the start: what the endpoint holds for them. */
  records(email: string, password: string): Promise<{ entity: string; id: string; version: number; deleted: boolean; data: unknown }[]>;
  signIn(email: string, password: string, deviceName?: string): Promise<Session>;
  /**
   * SQL straight into the endpoint's PostgreSQL, as an intruder or a bug on the server could write:
   * what a device must survive even when the endpoint's own checks would refuse it on the wire.
   */
  sql(text: string, params?: unknown[]): Promise<unknown[]>;
  /** Stops the server (graceful in-process; SIGKILL when it runs as its own process), keeping the data. */
  stop(): Promise<void>;
  /** Starts it again on the same port over the same data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

interface Launcher {
  start(port: number): Promise<string>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

function inProcess(dataDir: string, env: NodeJS.ProcessEnv): Launcher {
  let running: RunningEndpoint | null = null;
  return {
    start: async (port) => {
      running = await startEndpoint({ port, host: '127.0.0.1', dataDir, version: 'test', logLevel: 'silent' }, env);
      return running.url;
    },
    stop: async () => {
      await running?.close();
      running = null;
    },
    close: async () => {
      await running?.close();
      running = null;
    },
  };
}

/**
 * The built server (dist/endpoint/server.cjs) as its own process, so a test can SIGKILL it mid-sync.
 * Its PostgreSQL outlives a kill and the restarted server joins it; close() stops that cluster too.
 */
function asProcess(dataDir: string, env: NodeJS.ProcessEnv): Launcher {
  // Bundled as CommonJS (the benchmarks, in dist/bench), import.meta is empty and __dirname is the bundle's.
  const server = import.meta.dirname ? path.resolve(import.meta.dirname, '..', '..', 'dist', 'endpoint', 'server.cjs') : path.resolve(__dirname, '..', 'endpoint', 'server.cjs');
  let child: ChildProcess | null = null;
  const start = (port: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const started = spawn(process.execPath, [server, '--port', String(port), '--data-dir', dataDir, '--log-level', 'info'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
      child = started;
      let output: string | null = '';
      // pino logs where fastify listens; with port 0 that is the port it was given. The pipe keeps
      // being drained afterwards so the server never blocks on a full stdout.
      started.stdout?.on('data', (chunk: Buffer) => {
        if (output === null) return;
        output += chunk.toString('utf8');
        const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (listening?.[1]) {
          output = null;
          resolve(listening[1]);
        }
      });
      started.once('exit', (code) => reject(new Error(`the endpoint exited with ${code}`)));
    });
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };
  return {
    start,
    stop: () => kill('SIGKILL'),
    close: async () => {
      await kill('SIGTERM');
      // The cluster a killed server left behind: fast shutdown of the postmaster it started.
      const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
      const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
      if (pid > 0) {
        try {
          process.kill(pid, 'SIGINT');
        } catch {
          // Already gone.
        }
        for (let i = 0; i < 100 && fs.existsSync(pidFile); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

const adminEmail = 'admin@council.example';
const adminPassword = 'admin password 1';

async function json<T>(response: Response, parse: (value: unknown) => T): Promise<T> {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return parse(await response.json());
}

/**
 * The real endpoint (endpoint/) on 127.0.0.1 over a fresh embedded PostgreSQL in /tmp; its first
 * admin comes from the environment as in production.
 */
export async function startTestEndpoint(options: { separateProcess?: boolean } = {}): Promise<TestEndpoint> {
  // Not tempDir.ts: the benchmarks bundle this module as CommonJS, where import.meta is empty.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-endpoint-'));
  // The embedded cluster runs as the postgres user when tests run as root: it must reach the folder.
  fs.chmodSync(dataDir, 0o755);
  const env = { CHAMBER_ENDPOINT_ADMIN_EMAIL: adminEmail, CHAMBER_ENDPOINT_ADMIN_PASSWORD: adminPassword };
  const serverDir = path.join(dataDir, 'server');
  const launcher = options.separateProcess ? asProcess(serverDir, env) : inProcess(serverDir, env);
  const url = await launcher.start(0);
  const port = Number(new URL(url).port);

  const signIn = async (email: string, password: string, deviceName = 'test harness'): Promise<Session> =>
    json(await fetch(`${url}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password, deviceName }) }), (v) => Session.parse(v));
  const admin = await signIn(adminEmail, adminPassword);
  const auth = { authorization: `Bearer ${admin.accessToken}` };

  const endpoint: TestEndpoint = {
    url,
    dataDir,
    adminToken: admin.accessToken,
    signIn,
    addUser: async (user) =>
      json(await fetch(`${url}/v1/users`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(user) }), (v) => User.parse(v)),
    publish: async (meeting, pdf) => {
      const published = await json(await fetch(`${url}/v1/meetings`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(meeting) }), (v) => PublishedMeeting.parse(v));
      if (!pdf) return { meeting: published, document: null };
      const query = new URLSearchParams({ title: path.basename(pdf.file), kind: pdf.kind ?? 'pack', restricted: String(pdf.restricted ?? false) });
      const document = await json(
        await fetch(`${url}/v1/meetings/${published.id}/documents?${query.toString()}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/pdf' }, body: fs.readFileSync(pdf.file) }),
        (v) => MeetingDocument.parse(v),
      );
      return { meeting: published, document };
    },
    upload: async (meetingId, paper) => {
      const query = new URLSearchParams({ title: paper.title, kind: paper.kind, restricted: String(paper.restricted ?? false), ...(paper.itemNumber ? { itemNumber: paper.itemNumber } : {}) });
      return json(
        await fetch(`${url}/v1/meetings/${meetingId}/documents?${query.toString()}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/pdf' }, body: Buffer.from(paper.bytes) }),
        (v) => MeetingDocument.parse(v),
      );
    },
    records: async (email, password) => {
      const session = await signIn(email, password, 'inspector');
      const seen = new Map<string, { entity: string; id: string; version: number; deleted: boolean; data: unknown }>();
      let cursor = '';
      for (;;) {
        const page = (await (await fetch(`${url}/v1/sync/pull?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${session.accessToken}` } })).json()) as {
          changes: { entity: string; id: string; version: number; deleted: boolean; data: unknown }[];
          cursor: string;
          hasMore: boolean;
        };
        for (const c of page.changes) seen.set(`${c.entity}/${c.id}`, c);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      return [...seen.values()];
    },
    sql: async (text, params = []) => {
      // Joins the cluster the running endpoint started (postmaster.pid), with a pool of its own.
      const db = await openDatabase({ dataDir: serverDir });
      try {
        return (await db.pool.query(text, params)).rows as unknown[];
      } finally {
        await db.close();
      }
    },
    stop: () => launcher.stop(),
    restart: async () => {
      await launcher.start(port);
    },
    close: () => launcher.close(),
  };
  return endpoint;
}
