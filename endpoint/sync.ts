import type pg from 'pg';
import type { Change, MutationResult, PullResponse, PushRequest, WireMutation } from '../shared/sync/wire';
import { audiencesOf, servesEveryCommittee } from './access';
import { EndpointError, type Principal } from './accounts';
import { followItemRestriction } from './itemRestriction';
import { MeetingFacts } from './meetingFacts';
import { check, decide, meetingNamed, reject, type Checked } from './mutationDecision';
import { lockRecord, lockRecords, transaction, writeRecord, writeRecords, type RecordWrite, type StoredRecord } from './records';

interface Pusher {
  client: pg.PoolClient;
  principal: Principal;
  clientId: string;
  meetings: MeetingFacts;
  /** Nothing written in the transaction yet: a failed run is undone by starting it again, no savepoint needed. */
  untouched: boolean;
}

const retryable = new Set(['23505', '40001', '40P01']);
const codeOf = (error: unknown): string | undefined => (error as { code?: string }).code;
/** Data the database refuses (a member it does not know, a value out of range): the mutation's fault, not the batch's. */
const refusedData = (code: string | undefined): boolean => code !== undefined && /^2[23]/.test(code);

const mismatch = (m: WireMutation) => reject(m, 'CLIENT_MISMATCH', 'This client id belongs to another account');

/**
 * One mutation on its own, its answer stored with it: the path a batch falls back to for the
 * mutation the database refused. The answer row is claimed first, so a duplicate sent concurrently
 * waits for the original and then replays its answer.
 */
async function applyOne(p: Pusher, m: WireMutation): Promise<MutationResult> {
  const { client, principal, clientId, meetings } = p;
  for (let attempt = 0; ; attempt += 1) {
    // Each mutation is its own savepoint inside the batch's transaction: one that fails is undone
    // and retried alone, without undoing the mutations before it.
    await client.query('SAVEPOINT mutation');
    try {
      const claimed = await client.query('INSERT INTO applied_mutations (client_id, mutation_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [clientId, m.mutationId, principal.userId]);
      let result: MutationResult;
      if (claimed.rowCount === 0) {
        const previous = await client.query<{ user_id: string; result: MutationResult }>('SELECT user_id, result FROM applied_mutations WHERE client_id = $1 AND mutation_id = $2', [clientId, m.mutationId]);
        const row = previous.rows[0];
        result = !row || row.user_id !== principal.userId ? mismatch(m) : row.result;
      } else {
        result = await decideOne(p, m);
        await client.query('UPDATE applied_mutations SET result = $3 WHERE client_id = $1 AND mutation_id = $2', [clientId, m.mutationId, JSON.stringify(result)]);
      }
      await client.query('RELEASE SAVEPOINT mutation');
      return result;
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT mutation');
      const code = codeOf(error);
      if (attempt < 3 && code && retryable.has(code)) continue;
      // Answered as rejected, remembered like any answer, and the batch goes on.
      if (refusedData(code)) {
        meetings.forget();
        const result = reject(m, 'CONSTRAINT', `The endpoint cannot store this ${m.entity}: ${(error as Error).message}`);
        await client.query('INSERT INTO applied_mutations (client_id, mutation_id, user_id, result) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [clientId, m.mutationId, principal.userId, JSON.stringify(result)]);
        await client.query('RELEASE SAVEPOINT mutation');
        return result;
      }
      throw error;
    }
  }
}

async function decideOne(p: Pusher, m: WireMutation): Promise<MutationResult> {
  const checked = check(m);
  if (!('definition' in checked)) return checked;
  const current = await lockRecord(p.client, m.entity, m.entityId);
  const meetingId = meetingNamed(checked);
  if (meetingId !== null) await p.meetings.load(p.client, [meetingId]);
  const { result, write } = decide(p.principal, checked, current, (id) => p.meetings.known(id));
  if (write) {
    await writeRecord(p.client, current, write.next, write.operation);
    if (write.follows) await followItemRestriction(p.client, p.meetings, write.follows.meetingId, write.follows.itemNumber);
  }
  return result;
}

const recordKey = (entity: string, id: string): string => JSON.stringify([entity, id]);

/** Another push stored an answer to one of the run's mutations while the run was being decided. */
const answeredMeanwhile = Object.assign(new Error('A mutation of this batch was answered by a concurrent push'), { code: '40001' });

/**
 * A run of mutations decided and written together, answering each exactly as `applyOne` would in
 * turn: the answers already stored for them, the records they touch (locked) and the meetings they
 * name read in one statement each, every mutation decided in order against the records as the
 * earlier ones left them, then records, change log and answers written in one statement. An item
 * going into (or out of) Part II ends a segment: its records are rewritten and the facts read again.
 * Any statement failing fails the whole run (the caller undoes it and splits it).
 */
async function applyRun(p: Pusher, run: readonly WireMutation[]): Promise<MutationResult[]> {
  const { client, principal, clientId, meetings } = p;
  // Answered before (a re-sent push): the same answer again, nothing written twice.
  const answers = new Map<string, MutationResult>();
  const previous = await client.query<{ mutation_id: string; user_id: string; result: MutationResult }>(
    'SELECT mutation_id, user_id, result FROM applied_mutations WHERE client_id = $1 AND mutation_id = ANY($2::text[])',
    [clientId, [...new Set(run.map((m) => m.mutationId))]],
  );
  if (previous.rows.length > 0) {
    const rows = new Map(previous.rows.map((r) => [r.mutation_id, r]));
    for (const m of run) {
      const row = rows.get(m.mutationId);
      if (row) answers.set(m.mutationId, row.user_id !== principal.userId ? mismatch(m) : row.result);
    }
  }
  const checks = run.map((m) => (answers.has(m.mutationId) ? null : check(m)));
  const results: MutationResult[] = [];
  const fresh: MutationResult[] = [];
  let next = 0;
  while (next < run.length) {
    const pending = checks.slice(next).filter((c): c is Checked => c !== null && 'definition' in c);
    const records = new Map<string, StoredRecord>();
    for (const r of await lockRecords(client, [...new Map(pending.map((c) => [recordKey(c.m.entity, c.m.entityId), { entity: c.m.entity, id: c.m.entityId }])).values()])) records.set(recordKey(r.entity, r.id), r);
    await meetings.load(client, pending.flatMap((c) => meetingNamed(c) ?? []));
    const writes: RecordWrite[] = [];
    let follows: { meetingId: string; itemNumber: string } | undefined;
    while (next < run.length && !follows) {
      const m = run[next] as WireMutation;
      const checked = checks[next];
      next += 1;
      const answered = answers.get(m.mutationId);
      if (answered !== undefined) {
        results.push(answered);
        continue;
      }
      let result: MutationResult;
      if (!checked || !('definition' in checked)) result = checked ?? mismatch(m);
      else {
        const key = recordKey(m.entity, m.entityId);
        const current = records.get(key) ?? null;
        const decision = decide(principal, checked, current, (id) => meetings.known(id));
        result = decision.result;
        if (decision.write) {
          writes.push({ previous: current, next: decision.write.next, operation: decision.write.operation });
          records.set(key, decision.write.next);
          follows = decision.write.follows;
        }
      }
      answers.set(m.mutationId, result);
      results.push(result);
      fresh.push(result);
    }
    // The answers go with the last segment's writes; an earlier segment's writes must precede the item's rewrite.
    const last = next >= run.length;
    const stored = await writeRecords(client, writes, last ? { clientId, userId: principal.userId, answers: fresh } : undefined);
    // Finding an answer row already there means another push answered one of these meanwhile: decided
    // again (undone by the caller), the answer is there to replay.
    if (last && stored !== fresh.length) throw answeredMeanwhile;
    if (follows) await followItemRestriction(client, meetings, follows.meetingId, follows.itemNumber);
  }
  return results;
}

/**
 * Text PostgreSQL would refuse (a NUL, a lone surrogate). The set-based path never writes the
 * states a later mutation of the same batch replaces, so such a mutation goes alone, where the
 * database sees every state it would have seen one mutation at a time.
 */
const unstorablePattern = /\\u0000|\\ud[89a-f][0-9a-f]{2}/i;
const unstorable = (m: WireMutation): boolean => unstorablePattern.test(JSON.stringify(m));

/**
 * The run set-based, undone and retried if it met a concurrent push (the record it was creating
 * created meanwhile, a deadlock); if the database refused some of its data, the run is halved until
 * the mutation at fault goes alone through `applyOne` and is answered CONSTRAINT. Returns the
 * answers to a prefix of the run (all of it unless it was split).
 */
async function applySplitting(p: Pusher, run: readonly WireMutation[]): Promise<MutationResult[]> {
  for (let attempt = 0; ; attempt += 1) {
    // The usual push is one run in a transaction of its own: two round trips fewer without the savepoint.
    const fresh = p.untouched;
    if (!fresh) await p.client.query('SAVEPOINT run');
    try {
      const results = await applyRun(p, run);
      if (!fresh) await p.client.query('RELEASE SAVEPOINT run');
      p.untouched = false;
      return results;
    } catch (error) {
      if (fresh) {
        await p.client.query('ROLLBACK');
        await p.client.query('BEGIN');
      } else await p.client.query('ROLLBACK TO SAVEPOINT run');
      // What it read may include a Part II change that was just undone.
      p.meetings.forget();
      const code = codeOf(error);
      if (attempt < 3 && code && retryable.has(code)) continue;
      if (!refusedData(code) && !(code && retryable.has(code))) throw error;
      const [only] = run;
      if (run.length === 1 && only) {
        p.untouched = false;
        return [await applyOne(p, only)];
      }
      return applyAll(p, run.slice(0, Math.ceil(run.length / 2)));
    }
  }
}

async function applyAll(p: Pusher, mutations: readonly WireMutation[]): Promise<MutationResult[]> {
  const results: MutationResult[] = [];
  const suspect = unstorablePattern.test(JSON.stringify(mutations));
  let rest = mutations;
  while (rest.length > 0) {
    const alone = suspect ? rest.findIndex(unstorable) : -1;
    const [first] = rest;
    if (alone === 0 && first) {
      p.untouched = false;
      results.push(await applyOne(p, first));
      rest = rest.slice(1);
      continue;
    }
    const done = await applySplitting(p, alone < 0 ? rest : rest.slice(0, alone));
    results.push(...done);
    rest = rest.slice(done.length);
  }
  return results;
}

/**
 * In the order sent: a later mutation of the batch may build on an earlier one. The batch commits
 * once (one WAL flush for up to 500 mutations rather than one each); answers are only sent after
 * that commit, so an acknowledged mutation is durable and a failed batch leaves nothing applied.
 */
export async function push(pool: pg.Pool, principal: Principal, request: PushRequest): Promise<MutationResult[]> {
  return transaction(pool, (client) => applyAll({ client, principal, clientId: request.clientId, meetings: new MeetingFacts(), untouched: true }, request.mutations));
}

/**
 * The same batch one mutation at a time, each with its own statements: what `push` answers and
 * stores must be exactly what this does. Kept for the test that compares the two.
 */
export async function pushOneByOne(pool: pg.Pool, principal: Principal, request: PushRequest): Promise<MutationResult[]> {
  return transaction(pool, async (client) => {
    const p: Pusher = { client, principal, clientId: request.clientId, meetings: new MeetingFacts(), untouched: false };
    const results: MutationResult[] = [];
    for (const m of request.mutations) results.push(await applyOne(p, m));
    return results;
  });
}

/**
 * The pull as one statement: one probe of the audience index per audience the caller is in, each
 * stopping at the limit, then merged in (transaction id, sequence) order. What it reads grows with
 * what the caller may see after the cursor, not with the log. Exported for the test that EXPLAINs it.
 */
export function pullStatement(principal: Principal, position: [xid: string, seq: string], limit: number, every: readonly string[]): { text: string; values: unknown[] } {
  return {
    text: `SELECT c.seq, c.xid::text AS xid, c.entity, c.id, c.version, c.operation, c.deleted, c.data, c.owner_id
       FROM unnest($4::text[]) AS a(audience)
       CROSS JOIN LATERAL (
         SELECT seq, xid, entity, id, version, operation, deleted, data, owner_id FROM changes
          WHERE changes.audience = a.audience
            AND (xid, seq) > ($1::text::xid8, $2::bigint)
            AND xid < pg_snapshot_xmin(pg_current_snapshot())
            AND (hidden_from IS NULL OR hidden_from <> $5)
          ORDER BY xid, seq
          LIMIT $3) c
      ORDER BY c.xid, c.seq
      LIMIT $3`,
    values: [position[0], position[1], limit, audiencesOf(principal, every), principal.userId],
  };
}

const cursorPattern = /^(\d{1,20})\.(\d{1,20})$/;

/**
 * Changes the caller may see after `cursor`, in (transaction id, sequence) order, and only those
 * written by transactions older than every transaction still running. A change committed late
 * therefore always sorts after the cursor the client holds, never behind it.
 */
export async function pull(pool: pg.Pool, principal: Principal, cursor: string | undefined, limit: number): Promise<PullResponse> {
  const matched = cursor === undefined || cursor === '' ? ['', '0', '0'] : cursorPattern.exec(cursor);
  const position = matched?.[1] !== undefined && matched[2] !== undefined ? ([matched[1], matched[2]] as [string, string]) : null;
  if (!position) throw new EndpointError(400, 'INVALID_INPUT', 'Unrecognised cursor');
  const every = servesEveryCommittee(principal) ? (await pool.query<{ id: string }>('SELECT id FROM committees WHERE council_id = $1', [principal.councilId])).rows.map((r) => r.id) : [];
  const result = await pool.query<{ seq: string; xid: string; entity: string; id: string; version: string; operation: Change['operation']; deleted: boolean; data: unknown; owner_id: string | null }>(
    pullStatement(principal, position, limit, every),
  );
  const rows = result.rows;
  const last = rows[rows.length - 1];
  return {
    changes: rows.map((r) => ({ entity: r.entity, id: r.id, version: Number(r.version), operation: r.operation, deleted: r.deleted, data: r.deleted ? null : r.data, ownerId: r.owner_id })),
    cursor: last ? `${last.xid}.${last.seq}` : `${position[0]}.${position[1]}`,
    hasMore: rows.length === limit,
  };
}
