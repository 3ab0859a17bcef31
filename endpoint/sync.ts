import type pg from 'pg';
import type { z } from 'zod';
import { SyncedMinutesCorrection } from '../shared/minutes/record';
import type { Change, MutationResult, PullResponse, PushRequest, WireMutation } from '../shared/sync/wire';
import { presides, seesCommittee, seesRestricted, visibilitySql } from './access';
import { EndpointError, type Principal } from './accounts';
import { lockRecord, transaction, wireRecord, writeRecord, type StoredRecord } from './records';

/**
 * How each entity the clients sync is owned and who may change it. Anything not listed is refused:
 * meetings and their documents are published through the packs API, not pushed.
 */
interface EntityRule {
  /** Belongs to one meeting: payload.meetingId decides the committee, hence who sees it. */
  meetingScoped: boolean;
  /** Whose record it is, from the payload of a create. */
  owner: 'pusher' | 'payload.memberId' | 'none';
  /** Private unless the payload says `shared: true`. */
  privateUnlessShared: boolean;
  mayWrite(principal: Principal, record: { ownerId: string | null; committeeId: string | null }): boolean;
  /** Fields only the chair or clerk may set or change, on a record anyone else may write. */
  presidingFields?: readonly string[];
  /**
   * Append-only: created once and never changed or deleted. Sending the same record again is
   * answered as applied (a device that lost the answer); a different payload is refused.
   */
  insertOnly?: boolean;
  /** The payload's shape, checked on every write (an unknown field is refused). */
  payload?: z.ZodType;
}

const ownerOnly = (p: Principal, r: { ownerId: string | null }): boolean => r.ownerId === p.userId;
const ownerOrPresiding = (p: Principal, r: { ownerId: string | null; committeeId: string | null }): boolean => r.ownerId === p.userId || presides(p, r.committeeId);
const presidingOnly = (p: Principal, r: { committeeId: string | null }): boolean => presides(p, r.committeeId);
const anyMember = (p: Principal, r: { committeeId: string | null }): boolean => seesCommittee(p, r.committeeId);

export const entityRules: Record<string, EntityRule> = {
  annotation: { meetingScoped: true, owner: 'pusher', privateUnlessShared: true, mayWrite: ownerOnly },
  question: { meetingScoped: true, owner: 'pusher', privateUnlessShared: true, mayWrite: ownerOnly },
  declaration: { meetingScoped: true, owner: 'payload.memberId', privateUnlessShared: false, mayWrite: ownerOrPresiding },
  registered_interest: { meetingScoped: false, owner: 'payload.memberId', privateUnlessShared: false, mayWrite: (p, r) => r.ownerId === p.userId || p.role === 'clerk' || p.role === 'admin' },
  // Any member drafts the wording; only the chair or clerk records that the panel agreed it.
  panel_comment: { meetingScoped: true, owner: 'none', privateUnlessShared: false, mayWrite: anyMember, presidingFields: ['agreedText', 'agreedBy', 'agreedAt'] },
  outcome: { meetingScoped: true, owner: 'none', privateUnlessShared: false, mayWrite: presidingOnly },
  minute: { meetingScoped: true, owner: 'none', privateUnlessShared: false, mayWrite: presidingOnly },
  minute_narrative: { meetingScoped: true, owner: 'none', privateUnlessShared: false, mayWrite: presidingOnly },
  attendance: { meetingScoped: true, owner: 'none', privateUnlessShared: false, mayWrite: presidingOnly },
  meeting_role: { meetingScoped: true, owner: 'none', privateUnlessShared: false, mayWrite: presidingOnly },
  action: { meetingScoped: true, owner: 'none', privateUnlessShared: false, mayWrite: presidingOnly },
  // The live agenda is run by the chair or clerk and followed by every member of the committee.
  agenda_progress: { meetingScoped: true, owner: 'none', privateUnlessShared: false, mayWrite: presidingOnly },
  meeting_live: { meetingScoped: true, owner: 'none', privateUnlessShared: false, mayWrite: presidingOnly },
  // A correction to approved minutes is part of the legal record: recorded by the chair or clerk,
  // read by the committee, and never rewritten (minute_corrections is append-only on every device).
  minute_correction: { meetingScoped: true, owner: 'none', privateUnlessShared: false, mayWrite: presidingOnly, insertOnly: true, payload: SyncedMinutesCorrection.strict() },
};

type Rejection = Extract<MutationResult, { status: 'rejected' }>;
const reject = (m: WireMutation, reason: Rejection['reason'], message: string): Rejection => ({ mutationId: m.mutationId, status: 'rejected', reason, message });

function payloadObject(payload: unknown): Record<string, unknown> | null {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
}

function readable(principal: Principal, record: StoredRecord): boolean {
  if (record.private) return record.ownerId === principal.userId;
  return record.restricted ? seesRestricted(principal, record.committeeId) : seesCommittee(principal, record.committeeId);
}

async function decide(client: pg.PoolClient, principal: Principal, m: WireMutation): Promise<MutationResult> {
  const rule = entityRules[m.entity];
  if (!rule) return reject(m, 'UNKNOWN_ENTITY', `Entity "${m.entity}" is not synced by this endpoint`);
  const payload = payloadObject(m.payload);
  if (m.operation !== 'delete' && !payload) return reject(m, 'INVALID_PAYLOAD', 'The payload must be an object');
  if (rule.insertOnly && m.operation !== 'create') return reject(m, 'FORBIDDEN', `A ${m.entity} is never changed or deleted once recorded`);
  if (rule.payload && m.operation !== 'delete') {
    const parsed = rule.payload.safeParse(payload);
    if (!parsed.success) return reject(m, 'INVALID_PAYLOAD', `Not a valid ${m.entity}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'} ${i.message}`).join('; ')}`);
  }

  const current = await lockRecord(client, m.entity, m.entityId);
  // Someone else's record the caller may not read: refuse without saying what it holds.
  if (current && !readable(principal, current)) return reject(m, 'FORBIDDEN', 'You may not change this record');

  let committeeId: string | null = current?.committeeId ?? null;
  let restricted = current?.restricted ?? false;
  if (!current && rule.meetingScoped) {
    const meetingId = payload?.meetingId;
    if (typeof meetingId !== 'string') return reject(m, 'INVALID_PAYLOAD', 'payload.meetingId is required');
    const meeting = await client.query<{ committee_id: string }>('SELECT committee_id FROM meetings WHERE id = $1', [meetingId]);
    const found = meeting.rows[0];
    if (!found || !seesCommittee(principal, found.committee_id)) return reject(m, 'UNKNOWN_MEETING', `No meeting ${meetingId} you belong to`);
    committeeId = found.committee_id;
    restricted = false;
  }
  if (current && rule.meetingScoped && payload && payload.meetingId !== undefined && (current.data as Record<string, unknown> | null)?.meetingId !== undefined && payload.meetingId !== (current.data as Record<string, unknown>).meetingId) {
    return reject(m, 'INVALID_PAYLOAD', 'A record cannot move to another meeting');
  }

  let ownerId: string | null = current?.ownerId ?? null;
  if (!current) {
    if (rule.owner === 'pusher') ownerId = principal.userId;
    else if (rule.owner === 'payload.memberId') {
      if (typeof payload?.memberId !== 'string') return reject(m, 'INVALID_PAYLOAD', 'payload.memberId is required');
      ownerId = payload.memberId;
    }
  } else if (rule.owner === 'payload.memberId' && payload && payload.memberId !== undefined && payload.memberId !== current.ownerId) {
    return reject(m, 'INVALID_PAYLOAD', "A record cannot be moved to another member");
  }
  if (!rule.mayWrite(principal, { ownerId, committeeId })) return reject(m, 'FORBIDDEN', `Your role may not ${m.operation} this ${m.entity}`);
  if (rule.presidingFields && !presides(principal, committeeId)) {
    const before = payloadObject(current?.data) ?? {};
    const changed = rule.presidingFields.filter((field) => payload && JSON.stringify(payload[field] ?? null) !== JSON.stringify(before[field] ?? null));
    if (changed.length > 0) return reject(m, 'FORBIDDEN', `Only the chair or clerk may change ${changed.join(', ')}`);
  }

  if (m.operation === 'create') {
    if (current && rule.insertOnly) {
      const same = await client.query<{ same: boolean }>('SELECT $1::jsonb = $2::jsonb AS same', [JSON.stringify(current.data), JSON.stringify(payload)]);
      if (!current.deleted && same.rows[0]?.same === true) return { mutationId: m.mutationId, status: 'applied', version: current.version };
      return reject(m, 'FORBIDDEN', `This ${m.entity} is already recorded differently; it is never changed once recorded`);
    }
    if (current) return { mutationId: m.mutationId, status: 'conflict', current: wireRecord(current) };
  } else {
    if (!current) return reject(m, 'NOT_FOUND', `No ${m.entity} ${m.entityId} on the server`);
    if (current.deleted || current.version !== m.baseVersion) return { mutationId: m.mutationId, status: 'conflict', current: wireRecord(current) };
  }

  const deleted = m.operation === 'delete';
  const written = await writeRecord(
    client,
    current,
    {
      entity: m.entity,
      id: m.entityId,
      deleted,
      data: deleted ? null : payload,
      ownerId,
      committeeId,
      // A tombstone reaches whoever saw the record; a live record is private unless marked shared.
      private: rule.privateUnlessShared && (deleted ? (current?.private ?? true) : payload?.shared !== true),
      restricted,
    },
    m.operation,
  );
  return { mutationId: m.mutationId, status: 'applied', version: written.version };
}

const retryable = new Set(['23505', '40001', '40P01']);

/**
 * One mutation, its answer stored with it. The answer row is claimed first, so a
 * duplicate sent concurrently waits for the original and then replays its answer.
 */
async function applyOne(client: pg.PoolClient, principal: Principal, clientId: string, m: WireMutation): Promise<MutationResult> {
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
        result = await decide(client, principal, m);
        await client.query('UPDATE applied_mutations SET result = $3 WHERE client_id = $1 AND mutation_id = $2', [clientId, m.mutationId, JSON.stringify(result)]);
      }
      await client.query('RELEASE SAVEPOINT mutation');
      return result;
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT mutation');
      const code = (error as { code?: string }).code;
      if (attempt < 3 && code && retryable.has(code)) continue;
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
    for (const m of request.mutations) results.push(await applyOne(client, principal, request.clientId, m));
    return results;
  });
}

const cursorPattern = /^(\d{1,20})\.(\d{1,20})$/;

/**
 * Changes the caller may see after `cursor`, in (transaction id, sequence) order, and only those
 * written by transactions older than every transaction still running. A change committed late
 * therefore always sorts after the cursor the client holds, never behind it.
 */
export async function pull(pool: pg.Pool, principal: Principal, cursor: string | undefined, limit: number): Promise<PullResponse> {
  const position = cursor === undefined || cursor === '' ? ['0', '0'] : cursorPattern.exec(cursor)?.slice(1);
  if (!position) throw new EndpointError(400, 'INVALID_INPUT', 'Unrecognised cursor');
  const visible = visibilitySql(principal, 4);
  const result = await pool.query<{ seq: string; xid: string; entity: string; id: string; version: string; operation: Change['operation']; deleted: boolean; data: unknown; owner_id: string | null }>(
    `SELECT seq, xid::text AS xid, entity, id, version, operation, deleted, data, owner_id FROM changes
      WHERE xid < pg_snapshot_xmin(pg_current_snapshot())
        AND (xid, seq) > ($1::text::xid8, $2::bigint)
        AND ${visible.sql}
      ORDER BY xid, seq
      LIMIT $3`,
    [position[0], position[1], limit, ...visible.params],
  );
  const rows = result.rows;
  const last = rows[rows.length - 1];
  return {
    changes: rows.map((r) => ({ entity: r.entity, id: r.id, version: Number(r.version), operation: r.operation, deleted: r.deleted, data: r.deleted ? null : r.data, ownerId: r.owner_id })),
    cursor: last ? `${last.xid}.${last.seq}` : `${position[0]}.${position[1]}`,
    hasMore: rows.length === limit,
  };
}
