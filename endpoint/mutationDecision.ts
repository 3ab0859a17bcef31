import { entityDefinition, keyOf, parsePayload, pushable, type Deleter, type EntityDefinition, type Writer } from '../shared/sync/register';
import type { MutationResult, WireMutation } from '../shared/sync/wire';
import { inCouncil, presides, seesCommittee, seesRestricted } from './access';
import type { Principal } from './accounts';
import type { Meeting } from './meetingFacts';
import { wireRecord, type StoredRecord } from './records';

/**
 * What the endpoint answers one mutation, decided from facts already read (the record as it stands,
 * the meeting it names): no database here, so a whole batch is decided against facts read for it at
 * once, and one mutation alone against facts read for it alone, by the same rules.
 */

type Rejection = Extract<MutationResult, { status: 'rejected' }>;
export const reject = (m: WireMutation, reason: Rejection['reason'], message: string): Rejection => ({ mutationId: m.mutationId, status: 'rejected', reason, message });

/** A mutation that passed the register's own checks, which need nothing from the database. */
export interface Checked {
  m: WireMutation;
  definition: EntityDefinition;
  /** The payload as the register keeps it; null for a delete. */
  data: Record<string, unknown> | null;
}

export interface Decision {
  result: MutationResult;
  /** What to write when the mutation is applied (`next.version` is the version it gets). */
  write?: {
    next: StoredRecord;
    operation: WireMutation['operation'];
    /** An agenda item went into (or out of) Part II: the records already on it must follow. */
    follows?: { meetingId: string; itemNumber: string };
  };
}

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

/** The register's checks of the mutation on its own: entity, payload, and what the entity allows at all. */
export function check(m: WireMutation): Checked | Rejection {
  const definition = entityDefinition(m.entity);
  if (!definition || !pushable(definition)) return reject(m, 'UNKNOWN_ENTITY', `Entity "${m.entity}" is not synced by this endpoint`);
  let data: Record<string, unknown> | null = null;
  if (m.operation !== 'delete') {
    const parsed = parsePayload(m.entity, m.entityId, m.payload);
    if (!parsed.ok) return reject(m, parsed.reason, parsed.message);
    data = parsed.data;
  }
  if (definition.conflict === 'insert-only' && m.operation !== 'create') return reject(m, 'FORBIDDEN', `A ${m.entity} is never changed or deleted once recorded`);
  return { m, definition, data };
}

/** The meeting whose facts `decide` reads for this mutation, if any. */
export function meetingNamed(checked: Checked): string | null {
  return checked.definition.meetingScoped && checked.data ? String(checked.data.meetingId) : null;
}

/**
 * The answer to a checked mutation given the record as it stands (`current`, locked by the caller)
 * and the facts of the meeting it names (`meetingOf`, read by the caller beforehand).
 */
export function decide(principal: Principal, checked: Checked, current: StoredRecord | null, meetingOf: (id: string) => Meeting | null): Decision {
  const { m, definition, data } = checked;
  const deleting = m.operation === 'delete';
  // Someone else's record the caller may not read: refuse without saying what it holds.
  if (current && !readable(principal, current)) return { result: reject(m, 'FORBIDDEN', 'You may not change this record') };
  const before = current && !current.deleted ? current.data : null;

  let committeeId = current?.committeeId ?? null;
  let restricted = current?.restricted ?? false;
  const meetingId = meetingNamed(checked);
  if (meetingId !== null && data) {
    const previousMeeting = field(current?.data, 'meetingId');
    if (previousMeeting !== undefined && previousMeeting !== meetingId) return { result: reject(m, 'INVALID_PAYLOAD', 'A record cannot move to another meeting') };
    const meeting = meetingOf(meetingId);
    if (!meeting || !inCouncil(principal, meeting.councilId) || !seesCommittee(principal, meeting.committeeId)) return { result: reject(m, 'UNKNOWN_MEETING', `No meeting ${meetingId} you belong to`) };
    committeeId = meeting.committeeId;
    // Part II comes from the meeting's agenda, never from what the pusher says about the record.
    const item = definition.itemField ? data[definition.itemField] : null;
    restricted = typeof item === 'string' && meeting.partTwo.has(item);
  }

  let ownerId = current?.ownerId ?? null;
  if (definition.ownerField && data) {
    const named = data[definition.ownerField];
    if (typeof named !== 'string') return { result: reject(m, 'INVALID_PAYLOAD', `payload.${definition.ownerField} is required`) };
    if (current && current.ownerId !== null && named !== current.ownerId) return { result: reject(m, 'FORBIDDEN', 'A record cannot be moved to another member') };
    ownerId = named;
  }
  if (!allowed(deleting ? definition.delete : definition.write, principal, ownerId, committeeId)) return { result: reject(m, 'FORBIDDEN', `Your role may not ${m.operation} this ${m.entity}`) };

  if (!presides(principal, committeeId)) {
    const settled = definition.presidingOnceSet.filter((f) => field(before, f) !== undefined && field(before, f) !== null);
    if (settled.length > 0) return { result: reject(m, 'FORBIDDEN', `Once ${settled.join(', ')} is recorded, only the chair or clerk may change or delete this ${m.entity}`) };
    if (data) {
      const changed = Object.entries(definition.presidingFields)
        .filter(([f, neutral]) => !same(data[f] ?? neutral, before ? (field(before, f) ?? neutral) : neutral))
        .map(([f]) => f);
      if (changed.length > 0) return { result: reject(m, 'FORBIDDEN', `Only the chair or clerk may set ${changed.join(', ')}`) };
    }
  }
  if (data) {
    for (const f of definition.authorFields) {
      const named = data[f];
      if (named !== undefined && named !== null && !same(named, field(before, f)) && named !== principal.userId) return { result: reject(m, 'FORBIDDEN', `payload.${f} must name you`) };
    }
  }

  if (m.operation === 'create') {
    if (current && definition.conflict === 'insert-only') {
      if (!current.deleted && same(current.data, data)) return { result: { mutationId: m.mutationId, status: 'applied', version: current.version } };
      return { result: reject(m, 'FORBIDDEN', `This ${m.entity} is already recorded differently; it is never changed once recorded`) };
    }
    if (current) return { result: { mutationId: m.mutationId, status: 'conflict', current: wireRecord(current) } };
  } else {
    if (!current) return { result: reject(m, 'NOT_FOUND', `No ${m.entity} ${m.entityId} on the server`) };
    // An update made against the tombstone's own version brings the record back (undo of a delete).
    const revives = current.deleted && m.operation === 'update';
    if (current.version !== m.baseVersion || (current.deleted && !revives)) return { result: { mutationId: m.mutationId, status: 'conflict', current: wireRecord(current) } };
  }

  const version = (current?.version ?? 0) + 1;
  const next: StoredRecord = {
    entity: m.entity,
    id: m.entityId,
    version,
    deleted: deleting,
    data,
    ownerId,
    committeeId,
    // The caller's: a record of another council was refused above as not readable.
    councilId: principal.councilId,
    // A tombstone keeps the audience the record had; the log's compaction tells any wider one before it.
    private: definition.audience === 'owner-unless-shared' && (deleting ? (current?.private ?? true) : data?.shared !== true),
    restricted,
  };
  let follows: { meetingId: string; itemNumber: string } | undefined;
  if (m.entity === 'agenda_progress' && (field(before, 'partTwo') === true) !== (data?.partTwo === true)) {
    const key = keyOf(definition, m.entityId);
    if (key?.meetingId !== undefined && key.itemNumber !== undefined) follows = { meetingId: key.meetingId, itemNumber: key.itemNumber };
  }
  return { result: { mutationId: m.mutationId, status: 'applied', version }, write: { next, operation: m.operation, follows } };
}
