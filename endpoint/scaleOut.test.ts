import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishedMeeting, Readiness, Session, User, type NewUser } from '../shared/sync/wire';
import { upcomingMeeting, openClient, type TestClient } from '../electron/core/testing/syncClients';
import { january2022 } from '../electron/core/testing/samplePacks';
import { makeTempDir } from '../electron/core/testing/tempDir';
import { databasePool, freePort, openDatabase, type Database } from './db/postgres';
import { latestEndpointSchemaVersion, migrations } from './db/migrations';
import { SignInLimiter } from './rateLimit';
import { buildServer } from './server';
import { startEndpoint, type RunningEndpoint } from './start';
import { clusterUrl, roundRobin, spawnEndpoint, type EndpointProcess } from './testing/instances';

/**
 * Issue 21.1: endpoint instances started on one DATABASE_URL are interchangeable. Two real
 * instances on 127.0.0.1 over one embedded PostgreSQL (reached by URL, as a council's own server
 * would be): sign-in failures counted by both, a real device syncing through one then the other,
 * readiness apart from liveness, and a SIGTERM that lets a slow request finish.
 */
const adminEmail = 'admin@council.example';
const adminPassword = 'admin password 1';
const env = { CHAMBER_ENDPOINT_ADMIN_EMAIL: adminEmail, CHAMBER_ENDPOINT_ADMIN_PASSWORD: adminPassword };
const member: NewUser & { password: string } = { name: 'Cllr Carys Evans', email: 'carys@council.example', role: 'councillor', password: 'carys password 1', committees: ['Planning Panel'], committeeRoles: {} };

let root = '';
let council: Database;
let databaseUrl = '';
let one: RunningEndpoint;
let two: RunningEndpoint;
const clients: TestClient[] = [];

const post = (url: string, body: unknown, token?: string): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

const signIn = (base: string, email: string, password: string): Promise<Response> => post(`${base}/v1/auth/sign-in`, { email, password, deviceName: 'scale-out test' });

async function readiness(base: string): Promise<{ status: number; body: Readiness }> {
  const answer = await fetch(`${base}/health/ready`);
  return { status: answer.status, body: Readiness.parse(await answer.json()) };
}

const processes: EndpointProcess[] = [];

/** The built `chamber endpoint` server as its own process (and process group) on DATABASE_URL. */
async function spawnOnDatabase(args: string[] = []): Promise<EndpointProcess> {
  const started = await spawnEndpoint(databaseUrl, { args });
  processes.push(started);
  return started;
}

beforeAll(async () => {
  root = makeTempDir('chamber-scale-out-');
  // The embedded cluster runs as the postgres user when tests run as root: it must reach the folder.
  fs.chmodSync(root, 0o755);
  const dataDir = path.join(root, 'council-postgres');
  council = await openDatabase({ dataDir });
  databaseUrl = clusterUrl(dataDir);
  // Started together on a fresh database: both migrate (one waits on the other's lock) and both
  // try to create the first admin.
  const start = (): Promise<RunningEndpoint> => startEndpoint({ port: 0, host: '127.0.0.1', databaseUrl, version: 'test', logLevel: 'silent' }, env);
  [one, two] = await Promise.all([start(), start()]);
  const admin = Session.parse(await (await signIn(one.url, adminEmail, adminPassword)).json());
  User.parse(await (await post(`${two.url}/v1/users`, member, admin.accessToken)).json());
  const meeting = PublishedMeeting.parse(await (await post(`${one.url}/v1/meetings`, upcomingMeeting(), admin.accessToken)).json());
  const uploaded = await fetch(`${two.url}/v1/meetings/${meeting.id}/documents?title=pack.pdf&kind=pack`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/pdf' },
    body: fs.readFileSync(january2022().path),
  });
  expect(uploaded.status).toBe(201);
}, 180_000);

afterAll(async () => {
  // Each its own process group: whatever one started goes with it.
  await Promise.all(processes.map((p) => p.kill('SIGKILL')));
  for (const client of clients) client.core.close();
  await two?.close();
  await one?.close();
  await council?.close();
}, 60_000);

describe('several endpoint instances on one DATABASE_URL', () => {
  it('migrate once, up to the audience-indexed change log of migration 6, with the sign-in failures table of migration 5, and make one first admin', async () => {
    const applied = await council.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(applied.rows.map((r) => r.version)).toEqual(expect.arrayContaining([5, 6, 7, 8]));
    expect(latestEndpointSchemaVersion).toBe(Math.max(...migrations.map((m) => m.version)));
    const admins = await council.pool.query("SELECT id FROM users WHERE role = 'admin'");
    expect(admins.rowCount).toBe(1);
    const columns = await council.pool.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'sign_in_failures' ORDER BY column_name");
    expect(columns.rows.map((r) => r.column_name)).toEqual(['address', 'email', 'failed_at']);
  });

  it('counts failed sign-ins on one instance against the next attempt on the other', async () => {
    for (let i = 0; i < 5; i += 1) expect((await signIn(one.url, member.email, `wrong guess ${i}`)).status).toBe(401);
    // The right password, on the instance that never saw a failure: still refused.
    const refused = await signIn(two.url, member.email, member.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    // Only that email from that address is held back.
    expect((await signIn(two.url, adminEmail, adminPassword)).status).toBe(200);
    await council.pool.query('DELETE FROM sign_in_failures');
    expect((await signIn(two.url, member.email, member.password)).status).toBe(200);
  });

  it('keeps only the window of failures in the table, and lets the key try again once they leave it', async () => {
    let clock = Date.parse('2026-03-01T09:00:00Z');
    const limiter = new SignInLimiter(council.pool, { maxFailures: 2, windowMs: 60_000, now: () => clock });
    await limiter.fail('Old@Council.example', '10.0.0.1');
    await limiter.fail('old@council.example ', '10.0.0.1');
    expect(await limiter.retryAfter('old@council.example', '10.0.0.1')).toBe(60);
    expect(await limiter.retryAfter('old@council.example', '10.0.0.2')).toBe(0);
    clock += 61_000;
    expect(await limiter.retryAfter('old@council.example', '10.0.0.1')).toBe(0);
    // Anyone's next failure sweeps out every row past the window.
    await limiter.fail('someone@council.example', '10.0.0.9');
    const left = await council.pool.query<{ email: string }>('SELECT email FROM sign_in_failures');
    expect(left.rows.map((r) => r.email)).toEqual(['someone@council.example']);
    await limiter.succeed('someone@council.example', '10.0.0.9');
    expect((await council.pool.query('SELECT 1 FROM sign_in_failures')).rowCount).toBe(0);
  });

  it('lets a device sync through one instance, then the other, and another device see the same data', async () => {
    const balancer = await roundRobin([one.url, two.url]);
    balancer.use(0);
    try {
      const device = async (): Promise<TestClient> => {
        const client = openClient();
        clients.push(client);
        await client.call('signInToEndpoint', { endpoint: balancer.url, email: member.email, password: member.password });
        return client;
      };
      const writer = await device();
      await writer.call('syncNow', {});
      const meetingId = (await council.pool.query<{ id: string }>('SELECT id FROM meetings')).rows[0]?.id ?? '';
      const memberId = (await council.pool.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [member.email])).rows[0]?.id ?? '';
      const note = async (body: string, i: number): Promise<string> =>
        (await writer.call('createAnnotation', { actingMemberId: memberId, annotation: { meetingId, kind: 'note', colour: '#ffcc00', pageIndex: 0, rects: [{ x: i, y: i, width: 4, height: 4 }], body } })).id;

      const ids = [await note('through one, first', 0), await note('through one, second', 1)];
      await writer.call('syncNow', {});
      const servedByOne = balancer.served[0] ?? 0;
      // Token, device and cursor were all issued by instance 1; instance 2 carries on from them.
      balancer.use(1);
      ids.push(await note('through two', 2));
      await writer.call('syncNow', {});
      expect(balancer.served[1]).toBeGreaterThan(0);
      expect(balancer.served[0]).toBe(servedByOne);
      expect((await writer.call('getSyncStatus', {})).pending).toBe(0);

      const reader = await device();
      await reader.call('syncNow', {});
      const seen = await reader.call('listAnnotations', { actingMemberId: memberId, meetingId });
      expect(seen.map((a) => a.id).sort()).toEqual([...ids].sort());
      // And back to instance 1: nothing new, nothing doubled.
      balancer.use(0);
      for (const client of [writer, reader]) await client.call('syncNow', {});
      expect((await reader.call('listAnnotations', { actingMemberId: memberId, meetingId })).map((a) => a.id).sort()).toEqual([...ids].sort());
      const stored = await council.pool.query<{ id: string; version: string }>("SELECT id, version FROM records WHERE entity = 'annotation' ORDER BY id");
      expect(stored.rows.map((r) => ({ id: r.id, version: Number(r.version) }))).toEqual([...ids].sort().map((id) => ({ id, version: 1 })));
    } finally {
      await balancer.close();
    }
  }, 120_000);
});

describe('readiness apart from liveness', () => {
  it('is ready on both instances with the schema this build needs', async () => {
    for (const instance of [one, two]) {
      expect(await readiness(instance.url)).toEqual({ status: 200, body: { status: 'ready', version: 'test', database: 'ok', schema: { applied: latestEndpointSchemaVersion, required: latestEndpointSchemaVersion }, draining: false } });
      expect((await fetch(`${instance.url}/health/live`)).status).toBe(200);
      expect((await fetch(`${instance.url}/health`)).status).toBe(200);
    }
  });

  it('answers 503 when the database is unreachable or not migrated, while liveness stays 200', async () => {
    const nowhere = new pg.Pool({ host: '127.0.0.1', port: await freePort(), user: 'chamber', password: 'x', database: 'chamber' });
    nowhere.on('error', () => undefined);
    await council.pool.query('CREATE DATABASE unmigrated');
    const dataDir = path.join(root, 'council-postgres');
    const bare = new pg.Pool({ connectionString: clusterUrl(dataDir, 'unmigrated') });
    const apps = [buildServer({ pool: nowhere, version: 'test', logger: false }), buildServer({ pool: bare, version: 'test', logger: false })];
    try {
      const [down, empty] = await Promise.all(apps.map((app) => app.listen({ port: 0, host: '127.0.0.1' })));
      expect(await readiness(down ?? '')).toEqual({ status: 503, body: { status: 'not ready', version: 'test', database: 'unreachable', schema: { applied: null, required: latestEndpointSchemaVersion }, draining: false } });
      expect(await readiness(empty ?? '')).toEqual({ status: 503, body: { status: 'not ready', version: 'test', database: 'ok', schema: { applied: null, required: latestEndpointSchemaVersion }, draining: false } });
      for (const url of [down, empty]) expect((await fetch(`${url ?? ''}/health/live`)).status).toBe(200);
    } finally {
      for (const app of apps) await app.close();
      await nowhere.end();
      await bare.end();
    }
  });
});

describe('readiness when the database host never answers', () => {
  it('answers 503 within the pool\'s connection timeout instead of hanging', async () => {
    // A host that accepts the connection and then says nothing, as one behind a dropped route does.
    const held = new Set<net.Socket>();
    const silent = net.createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const pool = databasePool({ host: '127.0.0.1', port, user: 'chamber', password: 'x', database: 'chamber' });
    pool.on('error', () => undefined);
    const app = buildServer({ pool, version: 'test', logger: false });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      expect((await readiness(url)).body).toMatchObject({ status: 'not ready', database: 'unreachable' });
    } finally {
      await app.close();
      await pool.end();
      for (const socket of held) socket.destroy();
      silent.close();
    }
  }, 15_000);
});

describe('graceful shutdown of a `chamber endpoint` process', () => {
  it('on SIGTERM turns readiness 503, finishes the slow request in flight, then exits 0', async () => {
    const { child, url, logged, log, exited } = await spawnOnDatabase(['--drain-seconds', '5']);
    expect((await readiness(url)).status).toBe(200);

    // A sign-in that cannot finish: its device row waits behind a lock this test holds.
    const blocker = await council.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE devices IN ACCESS EXCLUSIVE MODE');
      const slow = signIn(url, member.email, member.password);
      for (;;) {
        const waiting = await council.pool.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%devices%'");
        if (waiting.rowCount) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      child.kill('SIGTERM');
      await logged(/shutting down/);
      const draining = await readiness(url);
      expect(draining).toMatchObject({ status: 503, body: { status: 'not ready', draining: true, database: 'ok' } });
      expect((await fetch(`${url}/health/live`)).status).toBe(200);

      // The port closes with the sign-in still waiting; releasing the lock lets it finish.
      await logged(/stopped listening; finishing requests in flight/);
      await blocker.query('COMMIT');
      const answer = await slow;
      expect(answer.status).toBe(200);
      // Or its kept-alive connection would hold the exit back for fastify's whole keep-alive timeout.
      expect(answer.headers.get('connection')).toBe('close');
      Session.parse(await answer.json());
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      blocker.release();
    }
    expect(await exited).toBe(0);
    expect(log()).toContain('shutdown complete');
  }, 120_000);
});

describe('two `chamber endpoint` processes behind a round-robin balancer', () => {
  it("finish a device's sync with one of them killed mid-run, nothing lost or applied twice", async () => {
    const [a, b] = await Promise.all([spawnOnDatabase(), spawnOnDatabase()]);
    let pushes = 0;
    const balancer = await roundRobin([a.url, b.url], (url) => {
      // SIGKILL, not a drain: the instance vanishes with whatever it had in flight.
      if (url === '/v1/sync/push' && ++pushes === 3 && a.child.pid) process.kill(-a.child.pid, 'SIGKILL');
    });
    balancer.use('round-robin');
    try {
      const syncTuning = { batchSize: 5, pageSize: 6, retryBaseMs: 50, retryMaxMs: 300, maxAttempts: 200, requestTimeoutMs: 10_000 };
      const device = async (): Promise<TestClient> => {
        const client = openClient(undefined, { syncTuning });
        clients.push(client);
        await client.call('signInToEndpoint', { endpoint: balancer.url, email: member.email, password: member.password });
        return client;
      };
      const [writer, reader] = [await device(), await device()];
      for (const client of [writer, reader]) await client.call('syncNow', {});
      const meetingId = (await council.pool.query<{ id: string }>('SELECT id FROM meetings')).rows[0]?.id ?? '';
      const memberId = (await council.pool.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [member.email])).rows[0]?.id ?? '';
      const ids: string[] = [];
      for (let i = 0; i < 30; i += 1) {
        const created = await writer.call('createAnnotation', {
          actingMemberId: memberId,
          annotation: { meetingId, kind: 'note', colour: '#ffcc00', pageIndex: 0, rects: [{ x: i, y: i, width: 4, height: 4 }], body: `round robin ${i}` },
        });
        ids.push(created.id);
      }
      await writer.call('syncNow', {});
      expect(await a.exited).toBeNull();
      expect(a.child.signalCode).toBe('SIGKILL');
      for (const client of [reader, writer, reader]) await client.call('syncNow', {});

      expect((await writer.call('getSyncStatus', {})).pending).toBe(0);
      const received = await reader.call('listAnnotations', { actingMemberId: memberId, meetingId });
      expect(received.map((n) => n.id).filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
      const stored = await council.pool.query<{ id: string; version: string }>("SELECT id, version FROM records WHERE entity = 'annotation' AND id = ANY($1) ORDER BY id", [ids]);
      expect(stored.rows.map((r) => ({ id: r.id, version: Number(r.version) }))).toEqual([...ids].sort().map((id) => ({ id, version: 1 })));
      // Both served the run: the survivor carried on where the killed one stopped.
      expect(balancer.served.every((n) => n > 0)).toBe(true);
      expect((await readiness(b.url)).status).toBe(200);
    } finally {
      await balancer.close();
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);
    }
  }, 180_000);
});
