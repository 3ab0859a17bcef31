import { z } from 'zod';
import { Annotation, Question } from '../annotations/schema';
import { MeetingRoleName, Member, StoredDeclaration, StoredRegisteredInterest } from '../domain/interests';
import { AttendanceEntry, StoredAction, StoredOutcome, YUpdate } from '../meeting/schema';
import { MinutesStatus } from '../minutes/model';
import { SyncedMinutesCorrection } from '../minutes/record';
import { StoredSpeakingTurn } from '../meeting/speaking';
import { defineEntity, type EntityDefinition, type EntityInput } from './entity';
import { checkShape } from './payloadShape';
import { MeetingDocument, PublishedMeeting, type RejectionReason } from './wire';
import { MemberId, MeetingId, ItemNumber } from '../vocabulary';

export type { Audience, ConflictPolicy, Deleter, DeviceTable, EntityDefinition, PayloadLimits, Writer } from './entity';

/**
 * THE register of synced entities: one entry each. Adding an entity is one entry here and the
 * repository that writes it; the endpoint (endpoint/sync.ts), the devices' apply and the outbox
 * writer take everything else from the entry.
 */
const Stamp = z.string().max(40);
const Text = (max: number) => z.string().max(max);
/** Yjs-bearing records carry one whole document state: 2 MB of base64 and a little more. */
const yjsLimits = { bytes: 2_200_000, depth: 4 };

/**
 * A member's own note on a paper: theirs alone until they share it with the committee. A refused
 * change stays on their device, flagged: undoing it would lose words only they wrote.
 */
const memberNote = (wire: string, schema: z.ZodObject, table: string, more: Partial<EntityInput> = {}): EntityDefinition =>
  defineEntity({
    wire,
    key: ['id'],
    schema,
    meetingScoped: true,
    ownerField: 'authorMemberId',
    audience: 'owner-unless-shared',
    itemField: 'itemNumber',
    write: 'owner',
    conflict: 'owner-wins',
    device: { table, refused: 'keep' },
    ...more,
  });

/** What the chair or clerk records for the committee: outcomes, attendance, the live agenda, minutes. */
const presidingRecord = (wire: string, key: readonly string[], schema: z.ZodObject, more: Partial<EntityInput> = {}): EntityDefinition =>
  defineEntity({ wire, key, schema, meetingScoped: true, audience: 'committee', write: 'presiding', conflict: 'field-merge', ...more });

export const syncRegister: readonly EntityDefinition[] = [
  // Ink: up to 500 strokes of 5,000 points each would be far more; a page's worth fits here.
  memberNote('annotation', Annotation, 'annotations', { limits: { bytes: 2_000_000, depth: 6 } }),
  memberNote('question', Question, 'questions'),
  defineEntity({
    wire: 'declaration',
    key: ['id'],
    schema: StoredDeclaration,
    meetingScoped: true,
    // A member declares their own interests; the chair or clerk records anyone's at the meeting.
    ownerField: 'memberId',
    audience: 'committee',
    write: 'owner-or-presiding',
    delete: 'presiding',
    // Only the chair confirms a declaration: a member's own device can never send it confirmed.
    presidingFields: { confirmedByChair: false },
    conflict: 'owner-wins',
    device: 'declarations',
  }),
  defineEntity({
    wire: 'registered_interest',
    key: ['id'],
    schema: StoredRegisteredInterest,
    meetingScoped: false,
    ownerField: 'memberId',
    audience: 'everyone',
    write: 'owner-or-clerk',
    conflict: 'owner-wins',
    device: 'registered_interests',
  }),
  defineEntity({
    wire: 'panel_comment',
    key: ['id'],
    schema: z.object({
      id: z.uuid(),
      meetingId: MeetingId,
      itemNumber: ItemNumber,
      title: Text(500),
      createdBy: MemberId,
      createdAt: Stamp,
      textYjs: YUpdate.optional(),
      editedBy: MemberId.optional(),
      agreedText: Text(20_000).nullable().optional(),
      agreedBy: MemberId.nullable().optional(),
      agreedAt: Stamp.nullable().optional(),
    }),
    meetingScoped: true,
    authorFields: ['createdBy', 'editedBy', 'agreedBy'],
    audience: 'committee',
    itemField: 'itemNumber',
    // Any member drafts the wording; only the chair or clerk records that the panel agreed it, and
    // after that the comment is theirs to change or delete.
    write: 'member',
    presidingFields: { agreedText: null, agreedBy: null, agreedAt: null },
    presidingOnceSet: ['agreedText'],
    conflict: 'yjs',
    limits: yjsLimits,
    device: 'panel_comments',
  }),
  presidingRecord('outcome', ['id'], StoredOutcome, { itemField: 'itemNumber', device: 'outcomes' }),
  presidingRecord('action', ['id'], StoredAction, { itemField: 'itemNumber', device: 'actions' }),
  presidingRecord('attendance', ['meetingId', 'memberId'], AttendanceEntry, { device: 'attendance' }),
  presidingRecord('meeting_role', ['meetingId', 'memberId'], z.object({ meetingId: MeetingId, memberId: MemberId, role: MeetingRoleName }), { device: 'meeting_roles' }),
  // The live agenda is run by the chair or clerk and followed by every member of the committee.
  presidingRecord(
    'agenda_progress',
    ['meetingId', 'itemNumber'],
    z.object({
      meetingId: MeetingId,
      itemNumber: ItemNumber,
      position: z.number().int().min(0).max(10_000).nullable(),
      startedAt: Stamp.nullable(),
      endedAt: Stamp.nullable(),
      deferred: z.boolean(),
      partTwo: z.boolean(),
    }),
    { device: 'agenda_progress' },
  ),
  presidingRecord('meeting_live', ['meetingId'], z.object({ meetingId: MeetingId, currentItem: ItemNumber.nullable() }), { device: 'meeting_live' }),
  presidingRecord(
    'minute',
    ['meetingId'],
    z.object({
      meetingId: MeetingId,
      status: MinutesStatus,
      previousLastMinute: z.number().int().min(0).max(1_000_000),
      councilName: Text(200).nullable(),
      circulatedAt: Stamp.nullable(),
      approvedAtMeetingId: MeetingId.nullable(),
      approvedAtItem: ItemNumber.nullable(),
      approvedAt: Stamp.nullable(),
      lockedAt: Stamp.nullable(),
      createdAt: Stamp,
      updatedAt: Stamp,
    }),
    { local: 'minutes', device: 'minutes' },
  ),
  defineEntity({
    wire: 'minute_narrative',
    key: ['meetingId', 'itemNumber'],
    schema: z.object({ meetingId: MeetingId, itemNumber: ItemNumber, narrativeYjs: YUpdate, updatedBy: MemberId, updatedAt: Stamp }),
    meetingScoped: true,
    authorFields: ['updatedBy'],
    audience: 'committee',
    itemField: 'itemNumber',
    write: 'presiding',
    conflict: 'yjs',
    limits: yjsLimits,
    // The endpoint's change log keeps each record's latest version only, so minutes started and
    // then written in reach a device after the narrative written in them.
    device: { table: 'minute_narratives', waitsFor: ['minute'] },
  }),
  // A correction to approved minutes is part of the legal record: recorded by the chair or clerk,
  // read by the committee, and never rewritten.
  defineEntity({
    wire: 'minute_correction',
    key: ['syncId'],
    schema: SyncedMinutesCorrection,
    meetingScoped: true,
    authorFields: ['recordedBy'],
    audience: 'committee',
    write: 'presiding',
    delete: 'never',
    conflict: 'insert-only',
    // It can reach the endpoint before the approval it follows (that push met a conflict and went later).
    device: { table: 'minute_corrections', waitsFor: ['minute'] },
  }),
  // A turn at speaking the chair timed: the clerk's minutes on another device list it too.
  defineEntity({
    wire: 'speaking_turn',
    key: ['id'],
    schema: StoredSpeakingTurn,
    meetingScoped: true,
    authorFields: ['recordedBy'],
    audience: 'committee',
    itemField: 'itemNumber',
    write: 'presiding',
    delete: 'never',
    conflict: 'insert-only',
    device: 'speaking_turns',
  }),
  // Written by the endpoint itself (accounts, publishing); devices only receive them.
  defineEntity({ wire: 'member', key: ['id'], schema: Member, meetingScoped: false, audience: 'everyone', write: 'endpoint', conflict: 'owner-wins', device: 'members' }),
  defineEntity({ wire: 'meeting', key: ['id'], schema: PublishedMeeting.omit({ version: true }), meetingScoped: false, audience: 'committee', write: 'endpoint', conflict: 'owner-wins', limits: { bytes: 256 * 1024, depth: 4 }, device: 'meetings' }),
  defineEntity({ wire: 'meeting_document', key: ['id'], schema: MeetingDocument, meetingScoped: true, audience: 'committee', write: 'endpoint', conflict: 'owner-wins', device: 'sync_documents' }),
];

export const wireEntities: readonly string[] = syncRegister.map((d) => d.wire);

const byWire = new Map<string, EntityDefinition>(syncRegister.map((d) => [d.wire, d]));
const byLocal = new Map<string, EntityDefinition>(syncRegister.map((d) => [d.local, d]));

/** The entity's entry, by its wire name; undefined for anything the register does not know. */
export function entityDefinition(wire: string): EntityDefinition | undefined {
  return byWire.get(wire);
}

/** Entities whose waiting records a record of `wire` may let in (the inverse of `device.waitsFor`). */
export function dependentsOf(wire: string): readonly string[] {
  return syncRegister.filter((d) => d.device?.waitsFor.includes(wire)).map((d) => d.wire);
}

/** Devices may push it (the endpoint's own entities are only pulled). */
export function pushable(definition: EntityDefinition): boolean {
  return definition.write !== 'endpoint';
}

/** The wire name of an entity as a device's outbox names it (`minutes` → `minute`). */
export function wireEntityOf(local: string): string {
  return byLocal.get(local)?.wire ?? local;
}

/** The outbox name of a wire entity (`minute` → `minutes`). */
export function localEntityOf(wire: string): string {
  return byWire.get(wire)?.local ?? wire;
}

/** The key fields' values, from the mutation's entityId; null when it has the wrong number of parts. */
export function keyOf(definition: EntityDefinition, entityId: string): Record<string, string> | null {
  const parts = definition.key.length === 1 ? [entityId] : entityId.split(':');
  if (parts.length !== definition.key.length || parts.some((p) => p.length === 0)) return null;
  return Object.fromEntries(definition.key.map((field, i) => [field, parts[i] ?? '']));
}

/** The entityId of a record, from its key fields (what an outbox writer sends). */
export function entityIdOf(definition: EntityDefinition, record: Record<string, unknown>): string {
  return definition.key.map((field) => String(record[field])).join(':');
}

export type ParsedPayload = { ok: true; data: Record<string, unknown> } | { ok: false; reason: Extract<RejectionReason, 'INVALID_PAYLOAD' | 'UNKNOWN_ENTITY'>; message: string };

/**
 * A payload as the register accepts it: within its size and depth limits (checked before anything
 * parses it), exactly the entity's fields (an unknown one is refused), and keyed by the entityId,
 * never by a payload field: a key field that names another record is refused, a missing one is
 * filled in. `data` is what to store: the schema's output, so nested extras are dropped too.
 */
export function parsePayload(entity: string, entityId: string, payload: unknown): ParsedPayload {
  const definition = byWire.get(entity);
  if (!definition) return { ok: false, reason: 'UNKNOWN_ENTITY', message: `Entity "${entity}" is not synced` };
  const shape = checkShape(payload, definition.limits);
  if (shape?.problem === 'too-deep') return { ok: false, reason: 'INVALID_PAYLOAD', message: `The payload is nested deeper than ${definition.limits.depth} levels` };
  if (shape?.problem === 'too-large') return { ok: false, reason: 'INVALID_PAYLOAD', message: `The payload is larger than ${definition.limits.bytes} bytes` };
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { ok: false, reason: 'INVALID_PAYLOAD', message: 'The payload must be an object' };
  const key = keyOf(definition, entityId);
  if (!key) return { ok: false, reason: 'INVALID_PAYLOAD', message: `A ${entity} id is made of ${definition.key.join(', ')}` };
  const given = payload as Record<string, unknown>;
  for (const [field, value] of Object.entries(key)) {
    if (given[field] !== undefined && given[field] !== value) return { ok: false, reason: 'INVALID_PAYLOAD', message: `payload.${field} must be the record's own id (${value})` };
  }
  const keyed = { ...given, ...Object.fromEntries(Object.entries(key).filter(([field]) => field in definition.schema.shape)) };
  const parsed = definition.schema.safeParse(keyed);
  if (!parsed.success) {
    return { ok: false, reason: 'INVALID_PAYLOAD', message: `Not a valid ${entity}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'} ${i.message}`).join('; ')}` };
  }
  return { ok: true, data: parsed.data };
}
