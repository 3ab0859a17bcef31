import type { z } from 'zod';

/**
 * What one synced entity is, declared once (shared/sync/register.ts holds them all). The endpoint's
 * checks, the devices' apply and the outbox writer read these; none keeps its own copy of the rules.
 */

/** Who sees a record. Restriction (a Part II item) narrows `committee` further; see `itemField`. */
export type Audience =
  /** Only its owner, until the payload's `shared` is true; then the committee. */
  | 'owner-unless-shared'
  /** Everyone who serves the meeting's committee. */
  | 'committee'
  /** Every signed-in member (the register of interests, the member list). */
  | 'everyone';

/**
 * Who may create or change it.
 * - owner: the owner field must name the pusher;
 * - owner-or-presiding: the owner, or the chair or clerk of the record's committee for anyone;
 * - owner-or-clerk: the owner, or a clerk or admin (not committee-scoped records);
 * - member: anyone who sits on the committee;
 * - presiding: only the chair or clerk of THAT committee;
 * - endpoint: never pushed; the endpoint itself writes it (publishing, accounts).
 */
export type Writer = 'owner' | 'owner-or-presiding' | 'owner-or-clerk' | 'member' | 'presiding' | 'endpoint';

/** Who may delete it (the same words as `Writer`), or never. */
export type Deleter = Exclude<Writer, 'endpoint'> | 'never';

/**
 * How two devices' changes meet.
 * - owner-wins: one person's record; their latest change stands;
 * - field-merge: fields merge against the last synced copy, a field both changed is a conflict;
 * - yjs: the text travels as a Yjs state and merges without conflict (fields named `…Yjs`);
 * - insert-only: recorded once, never changed or deleted (part of the legal record).
 */
export type ConflictPolicy = 'owner-wins' | 'field-merge' | 'yjs' | 'insert-only';

export interface PayloadLimits {
  /** Largest payload, in bytes of its JSON. */
  bytes: number;
  /** Deepest nesting of objects and arrays (the payload itself is depth 1). */
  depth: number;
}

/**
 * Where a device keeps the records it pulls. The key columns are the register's key fields and the
 * other columns the payload's fields, in snake_case; a repository adds what does not follow that rule
 * (electron/core/sync/apply.ts names those hooks).
 */
export interface DeviceTable {
  table: string;
  /**
   * Entities whose record must be here before this one can land: it waits, and is retried as soon
   * as a pull brings one of theirs (a narrative waits for its minutes).
   */
  waitsFor: readonly string[];
  /**
   * What a device does with its own change the endpoint refused (electron/core/sync/rejections.ts):
   * keep it, flagged (words only its author wrote), or roll back to the committee's record, flagged
   * (a shared or legal record must not show what the committee's does not hold).
   */
  refused: 'keep' | 'roll-back';
}

export interface EntityDefinition {
  /** Its name on the wire and on the endpoint. */
  wire: string;
  /** Its name in a device's outbox, where that differs (older writers). */
  local: string;
  /**
   * The payload fields the mutation's `entityId` is made of, joined by ':'. The id is the
   * entityId, never the payload: a key field in a payload must repeat it exactly.
   */
  key: readonly string[];
  /** The record's fields, strict (an unknown field is refused); key fields may be left out. */
  schema: z.ZodObject;
  /** Belongs to one meeting: `meetingId` decides the committee, hence who sees it. */
  meetingScoped: boolean;
  /** The field naming whose record it is (null: nobody's, the committee's). */
  ownerField: string | null;
  /**
   * Fields naming who made this change (author, editor, recorder): whenever one of them changes,
   * it must name the pusher.
   */
  authorFields: readonly string[];
  audience: Audience;
  /** The agenda item it belongs to: a record on a Part II item is restricted. */
  itemField: string | null;
  write: Writer;
  delete: Deleter;
  /**
   * Fields only the chair or clerk of the committee may set or change, with the value anyone else
   * must leave them at on a new record.
   */
  presidingFields: Readonly<Record<string, unknown>>;
  /** Once any of these is set (not null), only the chair or clerk may change or delete the record. */
  presidingOnceSet: readonly string[];
  conflict: ConflictPolicy;
  limits: PayloadLimits;
  /** Where a device keeps it; null: nowhere but the sync shadow. */
  device: DeviceTable | null;
}

type Defaulted = 'local' | 'ownerField' | 'authorFields' | 'itemField' | 'presidingFields' | 'presidingOnceSet' | 'limits' | 'delete' | 'device';

export type EntityInput = Omit<EntityDefinition, Defaulted> &
  Partial<Pick<EntityDefinition, Exclude<Defaulted, 'device'>>> & {
    /** The local table; or `waitsFor` as well, when it has to wait for another entity's record. */
    device?: string | (Pick<DeviceTable, 'table'> & Partial<DeviceTable>) | null;
  };

/** Most records are a few hundred bytes; 64 KiB and 8 levels leave room and stop a poison pill. */
export const defaultLimits: PayloadLimits = { bytes: 64 * 1024, depth: 8 };

export function defineEntity({ device = null, ...input }: EntityInput): EntityDefinition {
  return {
    local: input.wire,
    ownerField: null,
    authorFields: [],
    itemField: null,
    presidingFields: {},
    presidingOnceSet: [],
    limits: defaultLimits,
    delete: input.write === 'endpoint' ? 'never' : input.write,
    ...input,
    schema: input.schema.strict(),
    device: device === null ? null : { waitsFor: [], refused: 'roll-back', ...(typeof device === 'string' ? { table: device } : device) },
  };
}
