import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { PushRequest, type MutationResult, type WireMutation } from '../shared/sync/wire';
import { Accounts, type Principal } from './accounts';
import type { Database } from './db/postgres';
import { openEndpointDatabase } from './start';
import { push, pushOneByOne } from './sync';
import { startTestEndpoint, type TestEndpoint } from './testing/testEndpoint';

/**
 * Issue 21.3: push decides a batch against facts read for all of it at once and writes records,
 * change log and answers in a few statements. Whatever a batch holds (the same record twice, the
 * same mutation twice, a replay of an earlier batch, a refusal by the database in the middle, a
 * Part II switch), its answers and everything it stores must be exactly what the same batch gives
 * one mutation at a time (`pushOneByOne`, the path the set-based push falls back to). Real endpoint
 * on embedded PostgreSQL; both paths run the same pushes from the same stored state.
 */
const committee = 'Planning Panel';
const password = 'set based password 1';
const people = {
  chair: { name: 'Cllr Ann Chair', email: 'chair@set.example', role: 'chair' as const, password, committees: [committee] },
  member: { name: 'Cllr Bea Member', email: 'bea@set.example', role: 'councillor' as const, password, committees: [committee] },
  officer: { name: 'Olwen Officer', email: 'olwen@set.example', role: 'officer' as const, password, committees: [committee] },
};
type Who = keyof typeof people;
const stamp = '2030-01-01T10:00:00.000Z';

/** Seeded, so a failing batch can be run again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface World {
  endpoint: TestEndpoint;
  db: Database;
  principals: Record<Who, Principal>;
  meetingId: string;
  /** A meeting of a committee none of them sits on. */
  elsewhere: string;
}

const payloads = {
  annotation: (w: World, author: string, n: number, extra: Record<string, unknown> = {}) => ({
    meetingId: w.meetingId,
    authorMemberId: author,
    kind: 'note',
    colour: '#ffcc00',
    body: `Note ${n}`,
    shared: n % 3 === 0,
    packId: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    packVersion: 1,
    documentSha256: 'a'.repeat(64),
    pageIndex: n % 30,
    rects: [{ x: 72, y: 100, width: 200, height: 12 }],
    ink: null,
    quote: null,
    itemNumber: String((n % 4) + 1),
    status: 'anchored',
    anchoredBy: 'created',
    version: 0,
    createdAt: stamp,
    updatedAt: stamp,
    deletedAt: null,
    ...extra,
  }),
  declaration: (w: World, memberId: string, n: number) => ({
    memberId,
    meetingId: w.meetingId,
    itemNumber: String((n % 4) + 1),
    kind: 'other-registrable',
    nature: `Declaration ${n}`,
    natureWithheld: false,
    action: 'remained-did-not-vote',
    declaredAt: { when: 'declarations-item' },
    scope: { whole: true },
    preDeclared: false,
    confirmedByChair: n % 2 === 0,
    withdrawnAt: null,
    version: 0,
    createdAt: stamp,
    updatedAt: stamp,
  }),
  panel_comment: (w: World, author: string, n: number) => ({ meetingId: w.meetingId, itemNumber: String((n % 4) + 1), title: `Comment ${n}`, createdBy: author, createdAt: stamp }),
  outcome: (w: World, _author: string, n: number) => ({ meetingId: w.meetingId, itemNumber: String((n % 4) + 1), kind: 'resolved', resolution: `Resolved ${n}`, version: 0, updatedAt: stamp }),
  agenda_progress: (w: World, _author: string, n: number) => ({ meetingId: w.meetingId, itemNumber: String((n % 4) + 1), position: n % 5, startedAt: null, endedAt: null, deferred: false, partTwo: n % 2 === 0 }),
} as const;
type Kind = keyof typeof payloads;
const kinds = Object.keys(payloads) as Kind[];

interface Push {
  who: Who;
  request: PushRequest;
}

/** Every table a push writes, as both paths must leave it (positions as ranks: the paths' transaction ids differ). */
async function stored(pool: pg.Pool): Promise<unknown> {
  const records = await pool.query('SELECT entity, id, version, deleted, data, owner_id, committee_id, private, restricted FROM records ORDER BY entity, id');
  const changes = await pool.query(
    `SELECT dense_rank() OVER (ORDER BY xid) AS push, entity, id, version, operation, deleted, data, owner_id, committee_id, private, restricted, hidden_from, audience
       FROM changes ORDER BY xid, seq`,
  );
  const answers = await pool.query('SELECT client_id, mutation_id, user_id, result FROM applied_mutations ORDER BY client_id, mutation_id');
  return { records: records.rows, changes: changes.rows, answers: answers.rows };
}

const recordColumns = 'entity, id, version, deleted, data, owner_id, committee_id, private, restricted, council_id, updated_at';
const changeColumns = 'seq, xid, entity, id, version, operation, deleted, data, owner_id, committee_id, private, restricted, hidden_from, council_id';
const answerColumns = 'client_id, mutation_id, user_id, result, created_at';

async function keep(pool: pg.Pool): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS kept_records, kept_changes, kept_answers`);
  await pool.query(`CREATE TABLE kept_records AS SELECT ${recordColumns} FROM records`);
  await pool.query(`CREATE TABLE kept_changes AS SELECT ${changeColumns} FROM changes`);
  await pool.query(`CREATE TABLE kept_answers AS SELECT ${answerColumns} FROM applied_mutations`);
}

async function restore(pool: pg.Pool): Promise<void> {
  await pool.query('TRUNCATE records, changes, applied_mutations');
  await pool.query(`INSERT INTO records (${recordColumns}) SELECT ${recordColumns} FROM kept_records`);
  await pool.query(`INSERT INTO changes (${changeColumns}) SELECT ${changeColumns} FROM kept_changes`);
  await pool.query(`INSERT INTO applied_mutations (${answerColumns}) SELECT ${answerColumns} FROM kept_answers`);
}

type Path = (pool: pg.Pool, principal: Principal, request: PushRequest) => Promise<MutationResult[]>;

/** The same pushes through both paths from the same stored state: the answers, then what is stored. */
async function bothWays(w: World, pushes: readonly Push[]): Promise<{ answers: MutationResult[][]; state: unknown }> {
  const run = async (path: Path) => {
    await restore(w.db.pool);
    const answers: MutationResult[][] = [];
    for (const p of pushes) answers.push(await path(w.db.pool, w.principals[p.who], p.request));
    return { answers, state: await stored(w.db.pool) };
  };
  await keep(w.db.pool);
  const oneByOne = await run(pushOneByOne);
  const setBased = await run(push);
  expect(setBased.answers).toEqual(oneByOne.answers);
  expect(setBased.state).toEqual(oneByOne.state);
  return setBased;
}

const statuses = (results: MutationResult[]): string[] => results.map((r) => (r.status === 'rejected' ? r.reason : r.status));

/**
 * Random pushes that build on each other: new records of every kind, updates against the right or
 * a stale version, deletes, creates of an id that exists, the same mutation twice in a batch, the
 * same record written several times in a batch, a whole batch sent again (by its owner or another
 * account on the same client id), declarations naming a member the endpoint does not know (the
 * database refuses them), invalid payloads, text with a NUL, meetings the pusher is not in.
 */
function randomPushes(w: World, seed: number, count: number): Push[] {
  const rand = random(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
  // What the generator believes each record is at; a wrong belief only makes a conflict, which is fine.
  const known = new Map<string, { kind: Kind; id: string; version: number; author: string }>();
  const pushes: Push[] = [];
  let n = 0;
  for (let p = 0; p < count; p++) {
    if (pushes.length > 0 && rand() < 0.15) {
      const again = pick(pushes);
      // The same batch again, or another account's device sending the first's client id.
      pushes.push(rand() < 0.7 ? again : { who: pick((Object.keys(people) as Who[]).filter((x) => x !== again.who)), request: again.request });
      continue;
    }
    const who: Who = rand() < 0.5 ? 'chair' : rand() < 0.7 ? 'member' : 'officer';
    const me = w.principals[who].userId;
    const mutations: WireMutation[] = [];
    const size = 1 + Math.floor(rand() * 30);
    for (let i = 0; i < size; i++) {
      n += 1;
      const roll = rand();
      const existing = [...known.values()];
      const target = existing.length > 0 ? pick(existing) : null;
      const id = () => uuid();
      if (roll < 0.08 && mutations.length > 0) {
        mutations.push(pick(mutations));
      } else if (roll < 0.36 && target) {
        const stale = rand() < 0.2;
        const item = Number(target.id.split(':').at(-1));
        const payload = target.kind === 'agenda_progress' ? { ...payloads.agenda_progress(w, me, item - 1), partTwo: rand() < 0.5 } : payloads[target.kind](w, target.author, n);
        mutations.push({ mutationId: id(), entity: target.kind, entityId: target.id, baseVersion: stale ? Math.max(0, target.version - 1) : target.version, operation: 'update', payload });
        if (!stale) target.version += 1;
      } else if (roll < 0.44 && target) {
        mutations.push({ mutationId: id(), entity: target.kind, entityId: target.id, baseVersion: target.version, operation: 'delete', payload: null });
        target.version += 1;
      } else if (roll < 0.48 && target) {
        mutations.push({ mutationId: id(), entity: target.kind, entityId: target.id, baseVersion: 0, operation: 'create', payload: payloads[target.kind](w, target.author, n) });
      } else if (roll < 0.53) {
        mutations.push({ mutationId: id(), entity: 'declaration', entityId: id(), baseVersion: 0, operation: 'create', payload: payloads.declaration(w, `unknown-member-${n}`, n) });
      } else if (roll < 0.56) {
        mutations.push({ mutationId: id(), entity: 'annotation', entityId: id(), baseVersion: 0, operation: 'create', payload: { ...payloads.annotation(w, me, n), pageIndex: 'first' } });
      } else if (roll < 0.59) {
        const nul = { mutationId: id(), entity: 'annotation', entityId: id(), baseVersion: 0, operation: 'create' as const, payload: payloads.annotation(w, me, n, { body: `Nul \u0000 ${n}` }) };
        mutations.push(nul, { ...nul, mutationId: id(), operation: 'update', baseVersion: 1, payload: payloads.annotation(w, me, n) });
      } else if (roll < 0.61) {
        mutations.push({ mutationId: id(), entity: 'outcome', entityId: id(), baseVersion: 0, operation: 'create', payload: { ...payloads.outcome(w, me, n), meetingId: w.elsewhere } });
      } else {
        const kind = pick(kinds);
        const author = kind === 'declaration' && rand() < 0.3 ? pick(Object.values(w.principals)).userId : me;
        const entityId = kind === 'agenda_progress' ? `${w.meetingId}:${(n % 4) + 1}` : id();
        mutations.push({ mutationId: id(), entity: kind, entityId, baseVersion: 0, operation: 'create', payload: payloads[kind](w, author, n) });
        const key = `${kind}:${entityId}`;
        if (!known.has(key)) known.set(key, { kind, id: entityId, version: 1, author });
      }
    }
    pushes.push({ who, request: PushRequest.parse({ clientId: `${who}-device`, mutations }) });
  }
  return pushes;
}

describe('set-based push', () => {
  let w: World;

  beforeAll(async () => {
    const endpoint = await startTestEndpoint();
    for (const person of Object.values(people)) await endpoint.addUser(person);
    await endpoint.addUser({ name: 'Cllr Lee Licensing', email: 'lee@set.example', role: 'chair', password, committees: ['Licensing Committee'] });
    const items = Array.from({ length: 4 }, (_, i) => ({ number: String(i + 1), title: `Item ${i + 1}`, restricted: i === 3 }));
    const { meeting } = await endpoint.publish({ committee, title: committee, date: '2030-01-01', startTime: '10:00', venue: 'County Hall', items });
    const other = await endpoint.publish({ committee: 'Licensing Committee', title: 'Licensing Committee', date: '2030-01-02', startTime: '10:00', venue: 'County Hall', items });
    const db = await openEndpointDatabase({ dataDir: `${endpoint.dataDir}/server` });
    const accounts = new Accounts(db.pool, () => new Date());
    const principal = async (who: Who) => accounts.authenticate(`Bearer ${(await endpoint.signIn(people[who].email, password, who)).accessToken}`);
    w = { endpoint, db, meetingId: meeting.id, elsewhere: other.meeting.id, principals: { chair: await principal('chair'), member: await principal('member'), officer: await principal('officer') } };
  }, 180_000);

  afterAll(async () => {
    await w?.db.close();
    await w?.endpoint.close();
  });

  it('answers a batch with a refusal by the database in the middle, the same mutation twice, and the same record written three times as one mutation at a time would', async () => {
    const id = '0b6f3a52-1d2c-4e8f-9a7b-6c5d4e3f2a10';
    const note = (shared: boolean) => payloads.annotation(w, w.principals.chair.userId, 1, { itemNumber: '1', shared });
    const first: WireMutation = { mutationId: 'm-1', entity: 'annotation', entityId: id, baseVersion: 0, operation: 'create', payload: note(true) };
    const mutations: WireMutation[] = [
      first,
      { mutationId: 'm-2', entity: 'declaration', entityId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', baseVersion: 0, operation: 'create', payload: payloads.declaration(w, 'co-opted-member-unknown-here', 1) },
      first,
      // Shared, then private (its committee gets a tombstone), then deleted: all in this one batch.
      { mutationId: 'm-3', entity: 'annotation', entityId: id, baseVersion: 1, operation: 'update', payload: note(false) },
      { mutationId: 'm-4', entity: 'annotation', entityId: id, baseVersion: 2, operation: 'delete', payload: null },
      { mutationId: 'm-5', entity: 'declaration', entityId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a', baseVersion: 0, operation: 'create', payload: payloads.declaration(w, w.principals.member.userId, 2) },
    ];
    const { answers } = await bothWays(w, [{ who: 'chair', request: { clientId: 'chair-fixed', mutations } }]);
    expect(statuses(answers[0] ?? [])).toEqual(['applied', 'CONSTRAINT', 'applied', 'applied', 'applied', 'applied']);
    expect(answers[0]?.[2]).toEqual(answers[0]?.[0]);
    const log = await w.db.pool.query<{ version: string; operation: string; private: boolean; hidden_from: string | null }>(
      'SELECT version, operation, private, hidden_from FROM changes WHERE id = $1 ORDER BY seq',
      [id],
    );
    // Only the latest state is left in the log, after the tombstone the committee is owed (it last
    // saw the note when it was shared), which its author does not receive.
    expect(log.rows.map((r) => [Number(r.version), r.operation, r.private, r.hidden_from])).toEqual([
      [3, 'delete', false, w.principals.chair.userId],
      [3, 'delete', true, null],
    ]);
  }, 120_000);

  it('answers a batch sent again with the first answers and writes nothing twice', async () => {
    const mutations: WireMutation[] = [
      { mutationId: 'again-1', entity: 'outcome', entityId: '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b', baseVersion: 0, operation: 'create', payload: payloads.outcome(w, '', 1) },
      { mutationId: 'again-2', entity: 'declaration', entityId: '4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b8c', baseVersion: 0, operation: 'create', payload: payloads.declaration(w, 'nobody-we-know', 2) },
      { mutationId: 'again-3', entity: 'outcome', entityId: '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b', baseVersion: 1, operation: 'update', payload: payloads.outcome(w, '', 2) },
    ];
    const request = { clientId: 'chair-again', mutations };
    const { answers, state } = await bothWays(w, [
      { who: 'chair', request },
      { who: 'chair', request },
      { who: 'member', request },
    ]);
    expect(statuses(answers[0] ?? [])).toEqual(['applied', 'CONSTRAINT', 'applied']);
    expect(answers[1]).toEqual(answers[0]);
    expect(statuses(answers[2] ?? [])).toEqual(['CLIENT_MISMATCH', 'CLIENT_MISMATCH', 'CLIENT_MISMATCH']);
    const { records } = state as { records: { id: string; version: string }[] };
    expect(records.filter((r) => r.id === mutations[0]?.entityId).map((r) => Number(r.version))).toEqual([2]);
  }, 120_000);

  it('rewrites the records on an item the chair takes into Part II mid-batch before deciding the rest', async () => {
    const chair = w.principals.chair.userId;
    const note = '5a6b7c8d-9e0f-4a1b-8c3d-4e5f6a7b8c9d';
    const mutations: WireMutation[] = [
      { mutationId: 'p2-1', entity: 'annotation', entityId: note, baseVersion: 0, operation: 'create', payload: payloads.annotation(w, chair, 0, { itemNumber: '2', shared: true }) },
      { mutationId: 'p2-2', entity: 'agenda_progress', entityId: `${w.meetingId}:2`, baseVersion: 0, operation: 'create', payload: { ...payloads.agenda_progress(w, chair, 1), partTwo: true } },
      { mutationId: 'p2-3', entity: 'annotation', entityId: note, baseVersion: 2, operation: 'update', payload: payloads.annotation(w, chair, 0, { itemNumber: '2', shared: true, body: 'After' }) },
      { mutationId: 'p2-4', entity: 'outcome', entityId: '6b7c8d9e-0f1a-4b2c-9d4e-5f6a7b8c9d0e', baseVersion: 0, operation: 'create', payload: { ...payloads.outcome(w, chair, 1), itemNumber: '2' } },
    ];
    const { answers } = await bothWays(w, [{ who: 'chair', request: { clientId: 'chair-part-two', mutations } }]);
    expect(answers[0]).toMatchObject([{ status: 'applied', version: 1 }, { status: 'applied' }, { status: 'applied', version: 3 }, { status: 'applied' }]);
    const restricted = await w.db.pool.query<{ id: string; restricted: boolean }>('SELECT id, restricted FROM records WHERE id = ANY($1) ORDER BY id', [[note, mutations[3]?.entityId]]);
    expect(restricted.rows.map((r) => r.restricted)).toEqual([true, true]);
  }, 120_000);

  it('answers and stores random batches exactly as one mutation at a time does', async () => {
    const seen = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { answers } = await bothWays(w, randomPushes(w, seed, 8));
      for (const status of statuses(answers.flat())) seen.add(status);
    }
    // Between them the batches met every answer a push can give.
    expect([...seen].sort()).toEqual(['CLIENT_MISMATCH', 'CONSTRAINT', 'FORBIDDEN', 'INVALID_PAYLOAD', 'NOT_FOUND', 'UNKNOWN_MEETING', 'applied', 'conflict']);
  }, 600_000);

  it('answers the same batch sent twice at once with one answer each, and writes it once', async () => {
    const me = w.principals.chair.userId;
    const mutations: WireMutation[] = Array.from({ length: 40 }, (_, i) => ({
      mutationId: `twice-${i}`,
      entity: 'declaration',
      entityId: `8d9e0f1a-2b3c-4d4e-9f6a-${String(i).padStart(12, '0')}`,
      baseVersion: 0,
      operation: 'create',
      payload: payloads.declaration(w, i === 20 ? 'unknown-member-twice' : me, i),
    }));
    const request = { clientId: 'chair-twice', mutations };
    const [one, two] = await Promise.all([push(w.db.pool, w.principals.chair, request), push(w.db.pool, w.principals.chair, request)]);
    expect(two).toEqual(one);
    expect(statuses(one ?? []).filter((s) => s !== 'applied')).toEqual(['CONSTRAINT']);
    const versions = await w.db.pool.query<{ version: string }>('SELECT version FROM records WHERE id = ANY($1)', [mutations.map((m) => m.entityId)]);
    expect(versions.rows.map((r) => Number(r.version))).toEqual(Array.from({ length: 39 }, () => 1));
    const logged = await w.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM changes WHERE id = ANY($1)', [mutations.map((m) => m.entityId)]);
    expect(Number(logged.rows[0]?.n)).toBe(39);
  }, 120_000);

  it('writes a batch of 500 in a handful of statements, not a few per mutation', async () => {
    const me = w.principals.chair.userId;
    const mutations: WireMutation[] = Array.from({ length: 500 }, (_, i) => {
      const kind = (['annotation', 'declaration', 'panel_comment', 'outcome'] as const)[i % 4] ?? 'annotation';
      return { mutationId: `count-${i}`, entity: kind, entityId: `7c8d9e0f-1a2b-4c3d-8e5f-${String(i).padStart(12, '0')}`, baseVersion: 0, operation: 'create', payload: payloads[kind](w, me, i) };
    });
    let statements = 0;
    const counted = {
      connect: async () => {
        const client = await w.db.pool.connect();
        const patched = client as unknown as { query: (...args: unknown[]) => unknown; release: () => void };
        const { query, release } = patched;
        patched.query = (...args: unknown[]) => {
          statements += 1;
          return query.apply(client, args);
        };
        // Back to the pool as it came.
        patched.release = () => {
          patched.query = query;
          patched.release = release;
          release.call(client);
        };
        return client;
      },
    } as unknown as pg.Pool;
    const results = await push(counted, w.principals.chair, { clientId: 'chair-count', mutations });
    expect(new Set(statuses(results))).toEqual(new Set(['applied']));
    // BEGIN, the answers given before, the records locked, the meeting read, one write, COMMIT.
    expect(statements).toBeLessThanOrEqual(8);
  }, 120_000);
});
