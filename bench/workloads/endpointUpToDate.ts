import { openEndpointDatabase } from '../../endpoint/start';
import { audiencesOf } from '../../endpoint/access';
import { defaultCouncilId } from '../../endpoint/db/0007_councils';
import type { Database } from '../../endpoint/db/postgres';
import { fillChangeLog } from '../../endpoint/testing/changeHistory';
import { startTestEndpoint, type TestEndpoint } from '../../endpoint/testing/testEndpoint';
import type { Session } from '../../shared/sync/wire';
import { median, type Workload } from '../harness';
import { notes } from './packs';

const committee = 'Planning Panel';
const member = { name: 'Cllr Up To Date', email: 'uptodate@council.example', role: 'councillor' as const, password: 'up to date password 1', committees: [committee] };
const repeats = Number(process.env.BENCH_PROBE_REPEATS ?? 31);

interface Shared {
  endpoint: TestEndpoint;
  db: Database;
  session: Session;
  audiences: string[];
  committees: string[];
  /** Changes in the log so far. */
  history: number;
}
let shared: Shared | null = null;

/** Its own endpoint: a million rows of history would change what every other endpoint workload measures. */
async function ready(): Promise<Shared> {
  if (!shared) {
    const endpoint = await startTestEndpoint();
    const user = await endpoint.addUser(member);
    const db = await openEndpointDatabase({ dataDir: `${endpoint.dataDir}/server` });
    const own = (await db.pool.query<{ id: string }>('SELECT id FROM committees WHERE name = $1', [committee])).rows[0]?.id ?? '';
    const session = await endpoint.signIn(member.email, member.password, 'bench');
    const audiences = audiencesOf({ userId: user.id, deviceId: session.device.id, councilId: defaultCouncilId, role: member.role, committees: [own], presidesIn: [], officerIn: [] });
    // The member's committee among others: the device once pulled its share, then others kept writing.
    shared = { endpoint, db, session, audiences, committees: [own, 'bench-licensing', 'bench-audit', 'bench-scrutiny', 'bench-cabinet'], history: 0 };
  }
  return shared;
}

/** Grows the log to `size` changes, then finds the cursor a device that has pulled everything it may see holds. */
async function upToDate(s: Shared, size: number): Promise<string> {
  if (s.history < size) {
    await fillChangeLog(s.db.pool, size - s.history, s.committees);
    s.history = size;
    await s.db.pool.query('VACUUM ANALYZE changes');
  }
  const last = await s.db.pool.query<{ cursor: string }>(
    "SELECT xid::text || '.' || seq AS cursor FROM changes WHERE audience = ANY($1::text[]) ORDER BY xid DESC, seq DESC LIMIT 1",
    [s.audiences],
  );
  const cursor = last.rows[0]?.cursor ?? '';
  // The cursor must be the end: a pull from it that found anything would not be an up-to-date device's.
  const answer = (await pullFrom(s, cursor)) as { changes: unknown[] };
  if (answer.changes.length !== 0) throw new Error(`cursor ${cursor} is not up to date: ${answer.changes.length} changes after it`);
  return cursor;
}

async function pullFrom(s: Shared, cursor: string): Promise<unknown> {
  const answer = await fetch(`${s.endpoint.url}/v1/sync/pull?cursor=${encodeURIComponent(cursor)}`, { headers: { authorization: `Bearer ${s.session.accessToken}` } });
  if (!answer.ok) throw new Error(`pull failed: ${answer.status}`);
  return answer.json();
}

/**
 * Issue 21.2: a device with nothing new to fetch asks for its next page, with `size` changes in the
 * log, against one raw probe of the audience index in the same run (what the pull must come down to).
 */
function upToDatePull(name: string, size: number): Workload {
  let cursor = '';
  const subjectMs: number[] = [];
  return {
    name,
    description: `an up-to-date councillor's GET /v1/sync/pull with ${size.toLocaleString('en-GB')} changes in the log (written set-based over 5 committees, a third private, a seventh Part II), vs one SELECT probing changes_by_audience after the same cursor.`,
    repeats,
    baseline: {
      name: 'one SELECT probe of the audience index',
      setup: async () => {
        if (!cursor) cursor = await upToDate(await ready(), size);
      },
      run: async () => {
        const s = await ready();
        const [xid, seq] = cursor.split('.');
        const started = performance.now();
        await s.db.pool.query('SELECT seq FROM changes WHERE audience = $1 AND (xid, seq) > ($2::text::xid8, $3::bigint) ORDER BY xid, seq LIMIT 1', [s.audiences[0], xid, seq]);
        return performance.now() - started;
      },
    },
    subject: {
      name: 'GET /v1/sync/pull, nothing new',
      run: async () => {
        const s = await ready();
        const started = performance.now();
        await pullFrom(s, cursor);
        const ms = performance.now() - started;
        subjectMs.push(ms);
        if (subjectMs.length === repeats) notes.push(`${name}: an up-to-date pull took ${median(subjectMs).toFixed(2)} ms median with ${size.toLocaleString('en-GB')} changes in the log (${repeats} pulls)`);
        return ms;
      },
    },
  };
}

export const endpointPullUpToDate = (): Workload => upToDatePull('endpoint-pull-up-to-date', 10_000);
/** Run after the one above (it grows the same log to a million). */
export const endpointPullUpToDateMillion = (): Workload => upToDatePull('endpoint-pull-up-to-date-1m', 1_000_000);

export async function closeUpToDateEndpoint(): Promise<void> {
  await shared?.db.close();
  await shared?.endpoint.close();
  shared = null;
}
