import { randomUUID } from 'node:crypto';
import { openEndpointDatabase } from '../../endpoint/start';
import { startTestEndpoint, type TestEndpoint } from '../../endpoint/testing/testEndpoint';
import { parsePayload } from '../../shared/sync/register';
import type { Session, WireMutation } from '../../shared/sync/wire';
import { median, type Workload } from '../harness';
import { notes } from './packs';
import { payloads } from './syncPayloads';

const records = Number(process.env.BENCH_SYNC_RECORDS ?? 10_000);
const committee = 'Planning Panel';
/** The chair: the one member whose device may push every kind in the mix (outcomes are the chair's or clerk's). */
const member = { name: 'Cllr Bench', email: 'bench@council.example', role: 'chair' as const, password: 'bench password 1', committees: [committee] };
const items = Array.from({ length: 12 }, (_, i) => ({ number: String(i + 1), title: `Application ${i + 1}` }));

interface Shared {
  endpoint: TestEndpoint;
  session: Session;
  meetingId: string;
}
let shared: Shared | null = null;
async function ready(): Promise<Shared> {
  if (!shared) {
    // Its own process, as deployed: in this one, the PDF workloads' pdf.js (legacy build) replaces
    // JSON.stringify with core-js's far slower wrapper, which the endpoint never runs with.
    const endpoint = await startTestEndpoint({ separateProcess: true });
    await endpoint.addUser(member);
    const { meeting } = await endpoint.publish({ committee, title: 'Planning Panel', date: '2030-01-01', startTime: '10:00', venue: 'County Hall', items });
    shared = { endpoint, session: await endpoint.signIn(member.email, member.password, 'bench'), meetingId: meeting.id };
  }
  return shared;
}

/**
 * A meeting's working set as devices push it: members' notes (mostly private) and declarations,
 * panel comments, and the chair's outcomes; every payload one the register accepts.
 */
function mixed(s: Shared): WireMutation[] {
  const kinds = ['annotation', 'annotation', 'declaration', 'panel_comment', 'annotation', 'outcome'] as const;
  return Array.from({ length: records }, (_, i) => {
    const entity = kinds[i % kinds.length] ?? 'annotation';
    return { mutationId: randomUUID(), entity, entityId: randomUUID(), baseVersion: 0, operation: 'create' as const, payload: payloads[entity](s.meetingId, s.session.user.id, i) };
  });
}

/** The register's own check of every payload in the batch, as the endpoint makes it on a push. */
function validateAll(mutations: readonly WireMutation[]): number {
  const started = performance.now();
  for (const m of mutations) {
    const parsed = parsePayload(m.entity, m.entityId, m.payload);
    if (!parsed.ok) throw new Error(`bench payload refused by the register: ${parsed.message}`);
  }
  return performance.now() - started;
}

/** The push requests' bodies, batches of 500, written before the clock starts as the baseline's rows are. */
function bodiesOf(mutations: readonly WireMutation[]): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < mutations.length; i += 500) bodies.push(JSON.stringify({ clientId: 'bench-device', mutations: mutations.slice(i, i + 500) }));
  return bodies;
}

async function pushAll(s: Shared, bodies: readonly string[]): Promise<void> {
  for (const body of bodies) {
    const answer = await fetch(`${s.endpoint.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.session.accessToken}`, 'content-type': 'application/json' },
      body,
    });
    if (!answer.ok) throw new Error(`push failed: ${answer.status}`);
    // A refusal would time the refusal, not the write: every record must be applied.
    const { results } = (await answer.json()) as { results: { status: string; reason?: string; message?: string }[] };
    const refused = results.find((r) => r.status !== 'applied');
    if (refused) throw new Error(`push answered ${refused.status}: ${refused.reason ?? ''} ${refused.message ?? ''}`);
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
 * Push throughput: 10,000 mixed records through the sync API (batches of 500, each mutation checked
 * against the register, authorised, version-checked, recorded for idempotency and logged for pull)
 * against the same records and change-log rows inserted straight into PostgreSQL in one
 * transaction. The register's validation of the same batch alone is timed beside each push, so its
 * share of the push is measured in the same run.
 */
export function endpointPush(): Workload {
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  const rates: number[] = [];
  const validation: { ms: number; share: number }[] = [];
  let batch: WireMutation[] = [];
  let bodies: string[] = [];
  return {
    name: 'endpoint-push',
    description: `push of ${records} mixed records (notes, declarations, panel comments, outcomes), all valid under the register, through /v1/sync/push in batches of 500 (the endpoint in its own process; request bodies written before the clock starts, as the baseline's rows are) vs the same rows inserted straight into PostgreSQL (records + changes) in one transaction.`,
    repeats,
    baseline: {
      name: 'direct INSERT, one transaction',
      setup: async () => {
        batch = mixed(await ready());
      },
      run: async () => {
        const s = await ready();
        const db = await openEndpointDatabase({ dataDir: `${s.endpoint.dataDir}/server` });
        const rows = JSON.stringify(batch.map((m) => ({ entity: `direct_${m.entity}`, id: m.entityId, data: m.payload })));
        const client = await db.pool.connect();
        const started = performance.now();
        try {
          await client.query('BEGIN');
          await client.query(`INSERT INTO records (entity, id, version, data, council_id) SELECT entity, id, 1, data, 'default' FROM jsonb_to_recordset($1::jsonb) AS r(entity text, id text, data jsonb)`, [rows]);
          await client.query(
            `INSERT INTO changes (entity, id, version, operation, deleted, data, private, restricted, council_id) SELECT entity, id, 1, 'create', false, data, false, false, 'default' FROM jsonb_to_recordset($1::jsonb) AS r(entity text, id text, data jsonb)`,
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
        batch = mixed(await ready());
        bodies = bodiesOf(batch);
      },
      run: async () => {
        const started = performance.now();
        await pushAll(await ready(), bodies);
        const ms = performance.now() - started;
        rates.push(records / (ms / 1000));
        const alone = validateAll(batch);
        validation.push({ ms: alone, share: alone / ms });
        if (rates.length === repeats) {
          notes.push(`endpoint-push: ${median(rates).toFixed(0)} records/s through the sync API (median of ${rates.length})`);
          notes.push(
            `endpoint-push: the register's validation of the same ${records} payloads alone (parsePayload: limits, strict schema, key) took ${median(validation.map((v) => v.ms)).toFixed(1)} ms, ` +
              `${(median(validation.map((v) => v.share)) * 100).toFixed(1)}% of the push time (median of ${validation.length}; runs ${validation.map((v) => `${(v.share * 100).toFixed(1)}%`).join(', ')})`,
          );
        }
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
        if (pulled === 0 && (await pullAll(s)) < records / 2) await pushAll(s, bodiesOf(mixed(s)));
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
