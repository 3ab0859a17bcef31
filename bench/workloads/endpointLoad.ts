import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { openDatabase, type Database } from '../../endpoint/db/postgres';
import { builtDir, clusterUrl, spawnEndpoint, type EndpointProcess } from '../../endpoint/testing/instances';
import { PublishedMeeting, Session, User } from '../../shared/sync/wire';
import type { Workload } from '../harness';
import { addToDigest, type FromMain, type FromWorker, type LoadDevice, type LoadOrders, type LoadReport } from './loadDevices';
import { notes } from './packs';

const devices = Number(process.env.BENCH_LOAD_DEVICES ?? 200);
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
/** Four devices a member (laptop, tablet, …): each member's private notes reach all four. */
const members = Math.max(1, Math.ceil(devices / 4));
const workers = 2;
const batch = 5;
const pageSize = 200;
const committee = 'Planning Panel';
const password = 'load password 1';
const admin = { email: 'admin@council.example', password: 'admin password 1' };

/** One database, its members, meeting and signed-in devices, shared by both configurations. */
interface Council {
  dataDir: string;
  db: Database;
  databaseUrl: string;
  meetingId: string;
  devices: LoadDevice[];
  /** Every note acknowledged so far, over both runs. */
  acked: LoadReport['acked'];
}

let council: Council | null = null;
let instances: EndpointProcess[] = [];

async function post<T>(url: string, body: unknown, parse: (value: unknown) => T, token?: string): Promise<T> {
  const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  if (!answer.ok) throw new Error(`${url}: ${answer.status} ${await answer.text()}`);
  return parse(await answer.json());
}

/** At most `limit` at once: sign-ins are scrypt at OWASP strength, 128 MiB each. */
async function inBatches<T>(count: number, limit: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += limit) out.push(...(await Promise.all(Array.from({ length: Math.min(limit, count - i) }, (_, j) => make(i + j)))));
  return out;
}

const env = { CHAMBER_ENDPOINT_ADMIN_EMAIL: admin.email, CHAMBER_ENDPOINT_ADMIN_PASSWORD: admin.password };

/**
 * The council both configurations serve: members, a meeting and the devices signed in. Built once,
 * because 250 scrypt hashes at OWASP strength cost minutes on a shared two-core machine; the second
 * configuration's devices carry on from their cursors with the first run's notes in the log, which
 * an audience-indexed pull should not notice.
 */
async function councilOn(first: string, databaseUrl: string, dataDir: string, db: Database): Promise<Council> {
  const adminSession = await post(`${first}/v1/auth/sign-in`, { ...admin, deviceName: 'load admin' }, (v) => Session.parse(v));
  const users = await inBatches(members, 4, (m) =>
    post(`${first}/v1/users`, { name: `Cllr Load ${m}`, email: `load${m}@council.example`, role: 'councillor', password, committees: [committee] }, (v) => User.parse(v), adminSession.accessToken),
  );
  const items = Array.from({ length: 12 }, (_, i) => ({ number: String(i + 1), title: `Application ${i + 1}` }));
  const meeting = await post(`${first}/v1/meetings`, { committee, title: committee, date: '2030-01-01', startTime: '10:00', venue: 'County Hall', items }, (v) => PublishedMeeting.parse(v), adminSession.accessToken);
  const signedIn = await inBatches(devices, 4, async (d) => {
    const user = users[d % members];
    const session = await post(`${first}/v1/auth/sign-in`, { email: user?.email ?? '', password, deviceName: `load device ${d}` }, (v) => Session.parse(v));
    return { index: d, url: first, token: session.accessToken, memberId: session.user.id, clientId: randomUUID(), holding: { index: d, memberId: session.user.id, cursor: '', received: 0, digest: [0, 0] as [number, number] } };
  });
  return { dataDir, db, databaseUrl, meetingId: meeting.id, devices: signedIn, acked: [] };
}

/** `count` endpoint processes on the council's database, device d on instance d mod count. */
async function prepare(count: number): Promise<void> {
  let dataDir = council?.dataDir ?? '';
  let db = council?.db;
  if (!db) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-load-'));
    // The embedded cluster runs as the postgres user when the bench runs as root: it must reach the folder.
    fs.chmodSync(dataDir, 0o755);
    db = await openDatabase({ dataDir });
  }
  const databaseUrl = clusterUrl(dataDir);
  instances = await Promise.all(Array.from({ length: count }, () => spawnEndpoint(databaseUrl, { env })));
  council ??= await councilOn(instances[0]?.url ?? '', databaseUrl, dataDir, db);
  for (const device of council.devices) device.url = instances[device.index % count]?.url ?? '';
}

async function teardown(): Promise<void> {
  await Promise.all(instances.map((instance) => instance.kill('SIGTERM')));
  instances = [];
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Starts the workers, lets them run for the configured seconds, drains them, returns their reports. */
async function drive(config: Council): Promise<{ reports: LoadReport[]; elapsedMs: number; loadAverage: number[] }> {
  const script = path.join(builtDir, 'bench', 'load-devices.cjs');
  const threads = Array.from({ length: workers }, (_, w) => {
    const orders: LoadOrders = { devices: config.devices.filter((d) => d.index % workers === w), meetingId: config.meetingId, batch, pageSize };
    return new Worker(script, { workerData: orders });
  });
  const inbox = threads.map((thread) => {
    const queue: FromWorker[] = [];
    const waiting: ((message: FromWorker) => void)[] = [];
    let failure: Error | null = null;
    const fail: ((error: Error) => void)[] = [];
    thread.on('message', (message: FromWorker) => {
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else queue.push(message);
    });
    thread.on('error', (error) => {
      failure = error;
      for (const f of fail.splice(0)) f(error);
    });
    return (type: FromWorker['type']): Promise<FromWorker> =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        const check = (message: FromWorker) => (message.type === type ? resolve(message) : reject(new Error(`worker sent ${message.type}, expected ${type}`)));
        const queued = queue.shift();
        if (queued) check(queued);
        else {
          waiting.push(check);
          fail.push(reject);
        }
      });
  });
  try {
    await Promise.all(inbox.map((next) => next('ready')));
    const started = Date.now();
    for (const thread of threads) thread.postMessage({ type: 'go', deadline: started + seconds * 1000 } satisfies FromMain);
    await Promise.all(inbox.map((next) => next('pushed')));
    const elapsedMs = Date.now() - started;
    // The 1-minute average as the load ends: the machine during the run (5 helpers share it).
    const loadAverage = os.loadavg();
    for (const thread of threads) thread.postMessage({ type: 'drain' } satisfies FromMain);
    const done = await Promise.all(inbox.map((next) => next('done')));
    return { reports: done.flatMap((m) => (m.type === 'done' ? [m.report] : [])), elapsedMs, loadAverage };
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}

/**
 * What was acknowledged against what PostgreSQL holds and what every device pulled: each applied
 * note in the change log exactly once, nothing there that no push was told of, and each device
 * holding exactly the committee's shared notes plus its member's own private ones.
 */
async function verify(config: Council, reports: LoadReport[]): Promise<{ acked: number; lost: number; duplicated: number; unacknowledged: number; devicesWrong: number }> {
  config.acked.push(...reports.flatMap((r) => r.acked));
  const acked = config.acked;
  for (const holding of reports.flatMap((r) => r.devices)) {
    const device = config.devices[holding.index];
    if (device) device.holding = holding;
  }
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
  let logged: Map<string, number>;
  try {
    const rows = await pool.query<{ id: string; n: number }>("SELECT id, count(*)::int AS n FROM changes WHERE entity = 'annotation' GROUP BY id");
    logged = new Map(rows.rows.map((r) => [r.id, r.n]));
  } finally {
    await pool.end();
  }
  const ackedIds = new Set(acked.map((a) => a.id));
  const lost = acked.filter((a) => !logged.has(a.id)).length;
  const duplicated = [...logged.values()].filter((n) => n > 1).length;
  const unacknowledged = [...logged.keys()].filter((id) => !ackedIds.has(id)).length;

  const shared = { count: 0, digest: [0, 0] as [number, number] };
  const own = new Map<string, { count: number; digest: [number, number] }>();
  for (const note of acked) {
    const into = note.shared ? shared : (own.get(note.memberId) ?? own.set(note.memberId, { count: 0, digest: [0, 0] }).get(note.memberId));
    if (!into) continue;
    into.count += 1;
    addToDigest(into.digest, note.id);
  }
  let devicesWrong = 0;
  for (const { holding } of config.devices) {
    const mine = own.get(holding.memberId) ?? { count: 0, digest: [0, 0] };
    const want = { count: shared.count + mine.count, digest: [(shared.digest[0] + mine.digest[0]) >>> 0, (shared.digest[1] + mine.digest[1]) >>> 0] };
    if (holding.received !== want.count || holding.digest[0] !== want.digest[0] || holding.digest[1] !== want.digest[1]) devicesWrong += 1;
  }
  return { acked: acked.length, lost, duplicated, unacknowledged, devicesWrong };
}

async function measureLoad(label: string): Promise<number> {
  const config = council;
  if (!config) throw new Error('endpoint-load: no configuration prepared');
  const { reports, elapsedMs, loadAverage } = await drive(config);
  const all = reports.flatMap((r) => [...r.pushMs, ...r.pullMs]).sort((a, b) => a - b);
  const pushes = reports.reduce((n, r) => n + r.pushMs.length, 0);
  const pulls = reports.reduce((n, r) => n + r.pullMs.length, 0);
  const errors = reports.reduce((n, r) => n + r.errors, 0);
  const runAcked = reports.reduce((n, r) => n + r.acked.length, 0);
  const check = await verify(config, reports);
  const perSecond = (n: number) => (n / (elapsedMs / 1000)).toFixed(0);
  const p95 = percentile(all, 95);
  const line =
    `endpoint-load (${label}): ${perSecond(all.length)} requests/s over ${(elapsedMs / 1000).toFixed(1)} s (${perSecond(pushes)} pushes/s of ${batch} notes, ${perSecond(pulls)} pulls/s), ` +
    `latency p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms; errors ${errors}; ` +
    `${runAcked} notes acknowledged in this run (${check.acked} over the runs so far), lost ${check.lost}, duplicated ${check.duplicated}, in the log unacknowledged ${check.unacknowledged}; ` +
    `devices not holding exactly their notes after pulling to the end ${check.devicesWrong} of ${devices}; load average ${loadAverage.map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min)`;
  notes.push(line);
  console.log(`  ${line}`);
  const samples = reports.flatMap((r) => r.errorSamples).slice(0, 5);
  if (errors > 0 || check.lost > 0 || check.duplicated > 0 || check.unacknowledged > 0 || check.devicesWrong > 0) throw new Error(`endpoint-load (${label}) failed its checks: ${line}${samples.length ? `\n${samples.join('\n')}` : ''}`);
  return p95;
}

/**
 * 200 signed-in devices (50 members, four devices each) pushing notes in fives and pulling from
 * their cursors without pause for 60 s, against one endpoint instance and against two on the same
 * PostgreSQL with the devices spread over them; after each run every acknowledged note is checked
 * in the change log and on every device.
 */
export function endpointLoad(): Workload {
  return {
    name: 'endpoint-load',
    description:
      `${devices} simulated devices (${members} members × ${Math.ceil(devices / members)}) in ${workers} worker threads on loopback, each pushing ${batch} notes (1 in 8 shared with the committee) then pulling a page of up to ${pageSize} from its cursor, ` +
      `back to back for ${seconds} s; 1 \`chamber endpoint\` process vs 2 on one embedded PostgreSQL (devices round-robin over them; the same database and sessions, the second run carrying on from the first's cursors). Timed figure: p95 latency of all requests; throughput, errors and the lost/duplicated check in the notes.`,
    repeats: Number(process.env.BENCH_LOAD_REPEATS ?? 1),
    baseline: { name: '1 instance', setup: () => prepare(1), run: () => measureLoad('1 instance'), teardown },
    subject: { name: '2 instances, one PostgreSQL', setup: () => prepare(2), run: () => measureLoad('2 instances'), teardown },
  };
}

/** Stops the load workload's instances and PostgreSQL, if it started them. */
export async function closeLoadEndpoint(): Promise<void> {
  await teardown();
  await council?.db.close();
  // A cluster holding tens of thousands of notes per run: not worth keeping in /tmp.
  if (council) fs.rmSync(council.dataDir, { recursive: true, force: true });
  council = null;
}
