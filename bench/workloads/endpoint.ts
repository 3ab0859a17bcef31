import { randomUUID } from 'node:crypto';
import { openEndpointDatabase } from '../../endpoint/start';
import { startTestEndpoint, type TestEndpoint } from '../../electron/core/testing/testEndpoint';
import type { Session, WireMutation } from '../../shared/sync/wire';
import { median, type Workload } from '../harness';
import { notes } from './packs';

const records = Number(process.env.BENCH_SYNC_RECORDS ?? 10_000);
const committee = 'Planning Panel';
const member = { name: 'Cllr Bench', email: 'bench@council.example', role: 'councillor' as const, password: 'bench password 1', committees: [committee] };

interface Shared {
  endpoint: TestEndpoint;
  session: Session;
  meetingId: string;
}
let shared: Shared | null = null;
async function ready(): Promise<Shared> {
  if (!shared) {
    const endpoint = await startTestEndpoint();
    await endpoint.addUser(member);
    const { meeting } = await endpoint.publish({ committee, title: 'Planning Panel', date: '2030-01-01', startTime: '10:00', venue: 'County Hall', items: [] });
    shared = { endpoint, session: await endpoint.signIn(member.email, member.password, 'bench'), meetingId: meeting.id };
  }
  return shared;
}

/** A member's working set: private notes, questions and shared panel comments, as a device pushes them. */
function mixed(meetingId: string): WireMutation[] {
  const kinds = ['annotation', 'annotation', 'question', 'panel_comment'] as const;
  return Array.from({ length: records }, (_, i) => ({
    mutationId: randomUUID(),
    entity: kinds[i % kinds.length] ?? 'annotation',
    entityId: randomUUID(),
    baseVersion: 0,
    operation: 'create' as const,
    payload: { meetingId, text: `Record ${i}: is the increase in the budget for item ${i % 12} recurring?`, page: i % 300 },
  }));
}

async function pushAll(s: Shared, mutations: WireMutation[]): Promise<void> {
  for (let i = 0; i < mutations.length; i += 500) {
    const answer = await fetch(`${s.endpoint.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.session.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'bench-device', mutations: mutations.slice(i, i + 500) }),
    });
    if (!answer.ok) throw new Error(`push failed: ${answer.status}`);
  }
}

async function pullAll(s: Shared): Promise<number> {
  let cursor = '';
  let count = 0;
  for (;;) {
    const page = (await (await fetch(`${s.endpoint.url}/v1/sync/pull?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${s.session.accessToken}` } })).json()) as {
      changes: unknown[];
      cursor: string;
      hasMore: boolean;
    };
    count += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) return count;
  }
}

/**
 * Push throughput: 10,000 mixed records through the sync API (batches of 500, each mutation
 * authorised, version-checked, recorded for idempotency and logged for pull) against the same
 * records and change-log rows inserted straight into PostgreSQL in one transaction.
 */
export function endpointPush(): Workload {
  const rates: number[] = [];
  let batch: WireMutation[] = [];
  return {
    name: 'endpoint-push',
    description: `push of ${records} mixed records (notes, questions, panel comments) through /v1/sync/push in batches of 500 vs the same rows inserted straight into PostgreSQL (records + changes) in one transaction.`,
    repeats: Number(process.env.BENCH_REPEATS ?? 3),
    baseline: {
      name: 'direct INSERT, one transaction',
      setup: async () => {
        batch = mixed((await ready()).meetingId);
      },
      run: async () => {
        const s = await ready();
        const db = await openEndpointDatabase({ dataDir: `${s.endpoint.dataDir}/server` });
        const rows = JSON.stringify(batch.map((m) => ({ entity: `direct_${m.entity}`, id: m.entityId, data: m.payload })));
        const client = await db.pool.connect();
        const started = performance.now();
        try {
          await client.query('BEGIN');
          await client.query(`INSERT INTO records (entity, id, version, data) SELECT entity, id, 1, data FROM jsonb_to_recordset($1::jsonb) AS r(entity text, id text, data jsonb)`, [rows]);
          await client.query(
            `INSERT INTO changes (entity, id, version, operation, deleted, data, private, restricted) SELECT entity, id, 1, 'create', false, data, false, false FROM jsonb_to_recordset($1::jsonb) AS r(entity text, id text, data jsonb)`,
            [rows],
          );
          await client.query('COMMIT');
          return performance.now() - started;
        } finally {
          client.release();
          await db.close();
        }
      },
    },
    subject: {
      name: 'POST /v1/sync/push',
      setup: async () => {
        batch = mixed((await ready()).meetingId);
      },
      run: async () => {
        const started = performance.now();
        await pushAll(await ready(), batch);
        const ms = performance.now() - started;
        rates.push(records / (ms / 1000));
        if (rates.length === Number(process.env.BENCH_REPEATS ?? 3)) notes.push(`endpoint-push: ${median(rates).toFixed(0)} records/s through the sync API (median of ${rates.length})`);
        return ms;
      },
    },
  };
}

/** Pull throughput: everything a new device pulls (paged by 1,000) against one SELECT of the same rows. */
export function endpointPull(): Workload {
  const rates: number[] = [];
  let pulled = 0;
  return {
    name: 'endpoint-pull',
    description: `pull of every change a member may see (about ${records} records after the push workload, or as many as exist), paged 1,000 at a time through /v1/sync/pull, vs one SELECT of the change log.`,
    repeats: Number(process.env.BENCH_REPEATS ?? 3),
    baseline: {
      name: 'one SELECT of the change log',
      run: async () => {
        const s = await ready();
        const db = await openEndpointDatabase({ dataDir: `${s.endpoint.dataDir}/server` });
        try {
          const started = performance.now();
          await db.pool.query("SELECT seq, xid::text, entity, id, version, operation, deleted, data FROM changes WHERE entity NOT LIKE 'direct_%' ORDER BY xid, seq");
          return performance.now() - started;
        } finally {
          await db.close();
        }
      },
    },
    subject: {
      name: 'GET /v1/sync/pull (pages of 1,000)',
      setup: async () => {
        const s = await ready();
        // Without the push workload before it, give the pull something to carry.
        if (pulled === 0 && (await pullAll(s)) < records / 2) await pushAll(s, mixed(s.meetingId));
      },
      run: async () => {
        const started = performance.now();
        pulled = await pullAll(await ready());
        const ms = performance.now() - started;
        rates.push(pulled / (ms / 1000));
        if (rates.length === Number(process.env.BENCH_REPEATS ?? 3)) notes.push(`endpoint-pull: ${median(rates).toFixed(0)} records/s (${pulled} records, median of ${rates.length})`);
        return ms;
      },
    },
  };
}

/** Pull under load: 50 devices asking for their next page at once, against one device asking 50 times. */
export function endpointConcurrentPull(): Workload {
  const clients = 50;
  const rounds = 4;
  const perSecond: number[] = [];
  const sessions: Session[] = [];
  const pullPage = async (s: Shared, session: Session) => {
    const answer = await fetch(`${s.endpoint.url}/v1/sync/pull?limit=200`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    if (!answer.ok) throw new Error(`pull failed: ${answer.status}`);
    await answer.arrayBuffer();
  };
  return {
    name: 'endpoint-pull-50-clients',
    description: `${clients} signed-in devices each pulling a 200-change page, ${rounds} rounds, all at once vs the same ${clients * rounds} requests one after another.`,
    repeats: Number(process.env.BENCH_REPEATS ?? 3),
    baseline: {
      name: 'sequential requests',
      setup: async () => {
        const s = await ready();
        // Fifty members, not one member fifty times: sign-in is rate limited per account.
        for (let i = sessions.length; i < clients; i++) {
          const email = `bench${i}@council.example`;
          await s.endpoint.addUser({ ...member, name: `Cllr Bench ${i}`, email });
          sessions.push(await s.endpoint.signIn(email, member.password, `device ${i}`));
        }
      },
      run: async () => {
        const s = await ready();
        for (let r = 0; r < rounds; r++) for (const session of sessions) await pullPage(s, session);
      },
    },
    subject: {
      name: `${clients} concurrent clients`,
      run: async () => {
        const s = await ready();
        const started = performance.now();
        for (let r = 0; r < rounds; r++) await Promise.all(sessions.map((session) => pullPage(s, session)));
        const ms = performance.now() - started;
        perSecond.push((clients * rounds) / (ms / 1000));
        if (perSecond.length === Number(process.env.BENCH_REPEATS ?? 3)) {
          notes.push(`endpoint-pull-50-clients: ${median(perSecond).toFixed(0)} pull requests/s with ${clients} concurrent clients (median of ${perSecond.length})`);
        }
        return ms;
      },
    },
  };
}

/** Stops the benchmarks' endpoint and its PostgreSQL, if a workload started them. */
export async function closeBenchEndpoint(): Promise<void> {
  await shared?.endpoint.close();
  shared = null;
}
