import { checkShape } from '../../../shared/sync/payloadShape';
import { entityDefinition, parsePayload } from '../../../shared/sync/register';
import type { Change } from '../../../shared/sync/wire';
import type { RecordData } from './merge';

/** A pulled change that passed every check, with its JSON text ready for the shadow. */
export interface CheckedChange {
  entity: string;
  id: string;
  version: number;
  deleted: boolean;
  data: RecordData | null;
  text: string | null;
}

/** Why a change was set aside, as the sync screen translates it (migration 0016). */
export type QuarantineCode = 'too-deep' | 'too-large' | 'not-object' | 'invalid-payload' | 'unknown-entity' | 'not-applied';

export type PulledCheck = { ok: true; change: CheckedChange } | { ok: false; code: QuarantineCode; reason: string };

/**
 * Every pulled change is checked before it comes near the local tables: what fails is quarantined
 * with the reason returned here, and the rest of the page applies.
 */
export function parsePulledChange(change: Change): PulledCheck {
  const fail = (code: QuarantineCode, reason: string): PulledCheck => ({ ok: false, code, reason });
  const definition = entityDefinition(change.entity);
  // A newer endpoint's entity: set aside until an upgrade that knows it, instead of guessed at.
  if (!definition) return fail('unknown-entity', `This version of Chamber does not know the entity "${change.entity}"`);
  if (change.deleted) return { ok: true, change: { entity: change.entity, id: change.id, version: change.version, deleted: true, data: null, text: null } };
  const { data } = change;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('not-object', 'The record is not a JSON object');
  // The same checks the endpoint makes on a push (the entity's limits before anything parses it,
  // the strict schema, the key from the id): what reached the feed without them is held, never applied.
  const shape = checkShape(data, definition.limits);
  if (shape?.problem === 'too-deep') return fail('too-deep', `The record is nested deeper than ${definition.limits.depth} levels`);
  if (shape?.problem === 'too-large') return fail('too-large', `The record is larger than ${definition.limits.bytes} bytes`);
  const parsed = parsePayload(change.entity, change.id, data);
  if (!parsed.ok) return fail('invalid-payload', parsed.message);
  const text = JSON.stringify(parsed.data);
  return { ok: true, change: { entity: change.entity, id: change.id, version: change.version, deleted: false, data: parsed.data, text } };
}
