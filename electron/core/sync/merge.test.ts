import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { mergeRecord, mergeYjs } from './merge';

describe('field-by-field merge against the last synced copy', () => {
  const base = { id: 'o1', kind: 'agreed', resolution: null, vote: null, updatedAt: '2026-01-01T10:00:00Z' };

  it('takes each side’s change when they touched different fields', () => {
    const local = { ...base, kind: 'resolved', resolution: 'To approve the plan', updatedAt: '2026-01-01T10:05:00Z' };
    const server = { ...base, vote: { for: 5, against: 1 }, updatedAt: '2026-01-01T10:03:00Z' };
    const { merged, conflicts } = mergeRecord(base, local, server);
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({ id: 'o1', kind: 'resolved', resolution: 'To approve the plan', vote: { for: 5, against: 1 }, updatedAt: '2026-01-01T10:05:00Z' });
  });

  it('reports a field both sides changed differently and keeps the server value in the merge', () => {
    const local = { ...base, resolution: 'Approve' };
    const server = { ...base, resolution: 'Refuse' };
    const { merged, conflicts } = mergeRecord(base, local, server);
    expect(conflicts).toEqual(['resolution']);
    expect(merged.resolution).toBe('Refuse');
  });

  it('treats the same change on both sides as agreement, and no common copy as conflict on every difference', () => {
    expect(mergeRecord(base, { ...base, kind: 'noted' }, { ...base, kind: 'noted' }).conflicts).toEqual([]);
    expect(mergeRecord(null, { id: 'a', status: 'present' }, { id: 'a', status: 'apologies' }).conflicts).toEqual(['status']);
  });

  it('merges Yjs fields so both drafts’ edits survive', () => {
    const start = new Y.Doc();
    start.getText('t').insert(0, 'The panel ');
    const common = Y.encodeStateAsUpdate(start);
    const a = new Y.Doc();
    Y.applyUpdate(a, common);
    a.getText('t').insert(10, 'welcomes ');
    const b = new Y.Doc();
    Y.applyUpdate(b, common);
    b.getText('t').insert(0, 'Overall, ');
    const b64 = (d: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(d)).toString('base64');
    const { merged, conflicts } = mergeRecord({ draftYjs: Buffer.from(common).toString('base64') }, { draftYjs: b64(a) }, { draftYjs: b64(b) });
    expect(conflicts).toEqual([]);
    const result = new Y.Doc();
    Y.applyUpdate(result, Buffer.from(merged.draftYjs as string, 'base64'));
    expect(result.getText('t').toJSON()).toBe('Overall, The panel welcomes ');
    expect(mergeYjs(b64(a), b64(a))).toBeTruthy();
  });
});
