import type pg from 'pg';
import { entityDefinition, keyOf, parsePayload, pushable, type Deleter, type Writer } from '../shared/sync/register';
import type { Change, MutationResult, PullResponse, PushRequest, WireMutation } from '../shared/sync/wire';
import { audiencesOf, inCouncil, presides, seesCommittee, seesRestricted, servesEveryCommittee } from './access';
import { EndpointError, type Principal } from './accounts';
import { followItemRestriction } from './itemRestriction';
import { MeetingFacts } from './meetingFacts';
import { lockRecord, transaction, wireRecord, writeRecord, type StoredRecord } from './records';

type Rejection = Extract<MutationResult, { status: 'rejected' }>;
const reject = (m: WireMutation, reason: Rejection['reason'], message: string): Rejection => ({ mutationId: m.mutationId, status: 'rejected', reason, message });

function readable(principal: Principal, record: StoredRecord): boolean {
  if (!inCouncil(principal, record.councilId)) return false;
  if (record.private) return record.ownerId === principal.userId;
  return record.restricted ? seesRestricted(principal, record.committeeId) : seesCommittee(principal, record.committeeId);
}

/** Key order does not matter: a stored record comes back from jsonb with its keys reordered. */
const canonical = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

function field(data: unknown, name: string): unknown {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined;
}

/** Whether the caller may write (or delete) a record under the register's rule. */
function allowed(rule: Writer | Deleter, principal: Principal, ownerId: string | null, committeeId: string | null): boolean {
  const own = ownerId !== null && ownerId === principal.userId;
  switch (rule) {
    case 'owner':
      return own;
    case 'owner-or-presiding':
      return own || presides(principal, committeeId);
    case 'owner-or-clerk':
      return own || principal.role === 'clerk' || principal.role === 'admin';
    case 'member':
      return seesCommittee(principal, committeeId);
    case 'presiding':
      return presides(principal, committeeId);
    case 'endpoint':
    case 'never':
      return false;
  }
}

async function decide(client: pg.PoolClient, principal: Principal, m: WireMutation, meetings: MeetingFacts): Promise<MutationResult> {
  const definition = entityDefinition(m.entity);
  if (!definition || !pushable(definition)) return reject(m, 'UNKNOWN_ENTITY', `Entity "${m.entity}" is not synced by this endpoint`);
  const deleting = m.operation === 'delete';
  let data: Record<string, unknown> | null = null;
  if (!deleting) {
    const parsed = parsePayload(m.entity, m.entityId, m.payload);
    if (!parsed.ok) return reject(m, parsed.reason, parsed.message);
    data = parsed.data;
  }
  if (definition.conflict === 'insert-only' && m.operation !== 'create') return reject(m, 'FORBIDDEN', `A ${m.entity} is never changed or deleted once recorded`);

  const current = await lockRecord(client, m.entity, m.entityId);
  // Someone else's record the caller may not read: refuse without saying what it holds.
  if (current && !readable(principal, current)) return reject(m, 'FORBIDDEN', 'You may not change this record');
  const before = current && !current.deleted ? current.data : null;

  let committeeId = current?.committeeId ?? null;
  let restricted = current?.restricted ?? false;
  if (definition.meetingScoped && data) {
    const meetingId = String(data.meetingId);
    const previousMeeting = field(current?.data, 'meetingId');
    if (previousMeeting !== undefined && previousMeeting !== meetingId) return reject(m, 'INVALID_PAYLOAD', 'A record cannot move to another meeting');
    const meeting = await meetings.of(client, meetingId);
    if (!meeting || !inCouncil(principal, meeting.councilId) || !seesCommittee(principal, meeting.committeeId)) return reject(m, 'UNKNOWN_MEETING', `No meeting ${meetingId} you belong to`);
    committeeId = meeting.committeeId;
    // Part II comes from the meeting's agenda, never from what the pusher says about the record.
    const item = definition.itemField ? data[definition.itemField] : null;
    restricted = typeof item === 'string' && (await meetings.partTwo(client, meetingId, item));
  }

  let ownerId = current?.ownerId ?? null;
  if (definition.ownerField && data) {
    const named = data[definition.ownerField];
    if (typeof named !== 'string') return reject(m, 'INVALID_PAYLOAD', `payload.${definition.ownerField} is required`);
    if (current && current.ownerId !== null && named !== current.ownerId) return reject(m, 'FORBIDDEN', 'A record cannot be moved to another member');
    ownerId = named;
  }
  if (!allowed(deleting ? definition.delete : definition.write, principal, ownerId, committeeId)) return reject(m, 'FORBIDDEN', `Your role may not ${m.operation} this ${m.entity}`);

  const presiding = presides(principal, committeeId);
  if (!presiding) {
    const settled = definition.presidingOnceSet.filter((f) => field(before, f) !== undefined && field(before, f) !== null);
    if (settled.length > 0) return reject(m, 'FORBIDDEN', `Once ${settled.join(', ')} is recorded, only the chair or clerk may change or delete this ${m.entity}`);
    if (data) {
      const changed = Object.entries(definition.presidingFields)
        .filter(([f, neutral]) => !same(data[f] ?? neutral, before ? (field(before, f) ?? neutral) : neutral))
        .map(([f]) => f);
      if (changed.length > 0) return reject(m, 'FORBIDDEN', `Only the chair or clerk may set ${changed.join(', ')}`);
    }
  }
  if (data) {
    for (const f of definition.authorFields) {
      const named = data[f];
      if (named !== undefined && named !== null && !same(named, field(before, f)) && named !== principal.userId) return reject(m, 'FORBIDDEN', `payload.${f} must name you`);
    }
  }

  if (m.operation === 'create') {
    if (current && definition.conflict === 'insert-only') {
      if (!current.deleted && same(current.data, data)) return { mutationId: m.mutationId, status: 'applied', version: current.version };
      return reject(m, 'FORBIDDEN', `This ${m.entity} is already recorded differently; it is never changed once recorded`);
    }
    if (current) return { mutationId: m.mutationId, status: 'conflict', current: wireRecord(current) };
  } else {
    if (!current) return reject(m, 'NOT_FOUND', `No ${m.entity} ${m.entityId} on the server`);
    // An update made against the tombstone's own version brings the record back (undo of a delete).
    const revives = current.deleted && m.operation === 'update';
    if (current.version !== m.baseVersion || (current.deleted && !revives)) return { mutationId: m.mutationId, status: 'conflict', current: wireRecord(current) };
  }

  const ownedPrivately = definition.audience === 'owner-unless-shared';
  const written = await writeRecord(
    client,
    current,
    {
      entity: m.entity,
      id: m.entityId,
      deleted: deleting,
      data,
      ownerId,
      committeeId,
      // The caller's: a record of another council was refused above as not readable.
      councilId: principal.councilId,
      // A tombstone keeps the audience the record had; the log's compaction tells any wider one before it.
      private: ownedPrivately && (deleting ? (current?.private ?? true) : data?.shared !== true),
      restricted,
    },
    m.operation,
  );
  if (m.entity === 'agenda_progress' && (field(before, 'partTwo') === true) !== (data?.partTwo === true)) {
    const key = keyOf(definition, m.entityId);
    if (key?.meetingId !== undefined && key.itemNumber !== undefined) await followItemRestriction(client, meetings, key.meetingId, key.itemNumber);
  }
  return { mutationId: m.mutationId, status: 'applied', version: written.version };
}

const retryable = new Set(['23505', '40001', '40P01']);

/**
 * One mutation, its answer stored with it. The answer row is claimed first, so a
 * duplicate sent concurrently waits for the original and then replays its answer.
 */
async function applyOne(client: pg.PoolClient, principal: Principal, clientId: string, m: WireMutation, meetings: MeetingFacts): Promise<MutationResult> {
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
        result = !row || row.user_id !== principal.userId ? reject(m, 'CLIENT_MISMATCH', 'This client id belongs to another account') : row.result;
      } else {
        result = await decide(client, principal, m, meetings);
        await client.query('UPDATE applied_mutations SET result = $3 WHERE client_id = $1 AND mutation_id = $2', [clientId, m.mutationId, JSON.stringify(result)]);
      }
      await client.query('RELEASE SAVEPOINT mutation');
      return result;
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT mutation');
      const code = (error as { code?: string }).code;
      if (attempt < 3 && code && retryable.has(code)) continue;
      // Data the database refuses (a member it does not know, a value out of range) is this
      // mutation's fault alone: answered as rejected, remembered like any answer, and the batch goes on.
      if (code && /^2[23]/.test(code)) {
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

/**
 * In the order sent: a later mutation of the batch may build on an earlier one. The batch commits
 * once (one WAL flush for up to 500 mutations rather than one each); answers are only sent after
 * that commit, so an acknowledged mutation is durable and a failed batch leaves nothing applied.
 */
export async function push(pool: pg.Pool, principal: Principal, request: PushRequest): Promise<MutationResult[]> {
  return transaction(pool, async (client) => {
    const results: MutationResult[] = [];
    const meetings = new MeetingFacts();
    for (const m of request.mutations) results.push(await applyOne(client, principal, request.clientId, m, meetings));
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
