import type { Change } from '../../../shared/sync/wire';
import type { RecordData } from './merge';

/**
 * Far beyond anything Chamber writes (a minute narrative's Yjs state is the largest record, an
 * annotation's ink the deepest), far below what breaks SQLite's JSON (1,000 levels) or the page.
 */
export const pulledLimits = { maxDepth: 32, maxBytes: 4 * 1024 * 1024 } as const;

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
export type QuarantineCode = 'too-deep' | 'too-large' | 'not-object' | 'invalid-payload' | 'not-applied';

export type PulledCheck = { ok: true; change: CheckedChange } | { ok: false; code: QuarantineCode; reason: string };

/** Depth of a parsed JSON value, without recursion: a hostile depth must not overflow the stack. */
export function jsonDepth(value: unknown, stopAt: number): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next || next.value === null || typeof next.value !== 'object') continue;
    const depth = next.depth + 1;
    deepest = Math.max(deepest, depth);
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(next.value)) if (child !== null && typeof child === 'object') stack.push({ value: child, depth });
  }
  return deepest;
}

/**
 * The entity's own payload schema. The one register of synced entities (shared/sync/register.ts)
 * plugs in here; until it does, every entity passes and only the JSON checks below apply.
 */
function payloadProblem(_entity: string, _data: RecordData): string | null {
  return null;
}

/**
 * Every pulled change is checked before it comes near the local tables: what fails is quarantined
 * with the reason returned here, and the rest of the page applies.
 */
export function parsePulledChange(change: Change): PulledCheck {
  const fail = (code: QuarantineCode, reason: string): PulledCheck => ({ ok: false, code, reason });
  if (change.deleted) return { ok: true, change: { entity: change.entity, id: change.id, version: change.version, deleted: true, data: null, text: null } };
  const { data } = change;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('not-object', 'The record is not a JSON object');
  const depth = jsonDepth(data, pulledLimits.maxDepth);
  if (depth > pulledLimits.maxDepth) return fail('too-deep', `The record is nested too deep (more than ${pulledLimits.maxDepth} levels)`);
  const text = JSON.stringify(data);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > pulledLimits.maxBytes) return fail('too-large', `The record is too large (${bytes} bytes; at most ${pulledLimits.maxBytes})`);
  const record = data as RecordData;
  const problem = payloadProblem(change.entity, record);
  if (problem !== null) return fail('invalid-payload', problem);
  return { ok: true, change: { entity: change.entity, id: change.id, version: change.version, deleted: false, data: record, text } };
}
