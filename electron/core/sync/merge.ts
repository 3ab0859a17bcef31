import * as Y from 'yjs';

export type RecordData = Record<string, unknown>;

export interface MergeResult {
  merged: RecordData;
  /** Fields both sides changed differently since the common copy; `merged` holds the server's value. */
  conflicts: string[];
}

/** Bookkeeping every write touches: never a reason to ask a person. The newer value wins. */
const volatileFields = new Set(['updatedAt', 'version']);

/**
 * Fields ending in `Yjs` hold a base64 Yjs update (a panel comment draft, minute narrative): both
 * sides' edits always combine, whatever the order.
 */
export const isYjsField = (field: string): boolean => field.endsWith('Yjs');

export function mergeYjs(a: string, b: string): string {
  const merged = Y.mergeUpdates([Buffer.from(a, 'base64'), Buffer.from(b, 'base64')]);
  return Buffer.from(merged).toString('base64');
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as RecordData).sort(([x], [y]) => x.localeCompare(y))) : v,
  );
}

/**
 * Three-way merge of one structured record, field by field, against the last copy both sides
 * agreed on (the shadow). A field only one side changed takes that side's value; a field both sides
 * changed to the same value is no conflict; otherwise the field is reported and nothing is guessed.
 */
export function mergeRecord(base: RecordData | null, local: RecordData, server: RecordData): MergeResult {
  const merged: RecordData = {};
  const conflicts: string[] = [];
  const fields = new Set([...Object.keys(base ?? {}), ...Object.keys(local), ...Object.keys(server)]);
  for (const field of fields) {
    const b = base?.[field];
    const l = local[field];
    const s = server[field];
    if (sameValue(l, s)) merged[field] = s;
    else if (isYjsField(field) && typeof l === 'string' && typeof s === 'string') merged[field] = mergeYjs(l, s);
    else if (volatileFields.has(field)) merged[field] = newer(l, s);
    else if (base !== null && sameValue(l, b)) merged[field] = s;
    else if (base !== null && sameValue(s, b)) merged[field] = l;
    else {
      merged[field] = s;
      conflicts.push(field);
    }
    if (merged[field] === undefined) delete merged[field];
  }
  return { merged, conflicts: conflicts.sort() };
}

function newer(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return Math.max(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a > b ? a : b;
  return b ?? a;
}

export function asRecordData(value: unknown): RecordData | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RecordData) : null;
}
