import { describe, expect, it } from 'vitest';
import { collapse } from '../../../shared/annotations/anchoring';
import type { Annotation } from '../../../shared/annotations/schema';
import { openCore, type Core } from '../core';
import { takingTurns } from '../identity/switchingCaller';
import { openDataDatabase } from '../testing/dataDatabase';
import { january2022, january2022Revised } from '../testing/samplePacks';
import { distDir, makeTempDir } from '../testing/tempDir';
import { value } from '../testing/harness';

const me = 'aled';

function pageText(core: Core, packId: string, pageIndex: number): string {
  const db = openDataDatabase(core.dataDir, { readonly: true });
  const row = db.prepare<[string, number], { text: string }>('SELECT text FROM pack_pages WHERE pack_id = ? AND page_index = ?').get(packId, pageIndex);
  db.close();
  return row?.text ?? '';
}

/** The line boxes of a page that hold any of the passage's words, to check rebuilt rectangles land on them. */
function linesHolding(core: Core, packId: string, pageIndex: number, passage: string): { y: number; height: number }[] {
  const db = openDataDatabase(core.dataDir, { readonly: true });
  const row = db.prepare<[string, number], { lines: string }>('SELECT lines FROM pack_page_geometry WHERE pack_id = ? AND page_index = ?').get(packId, pageIndex);
  db.close();
  const text = pageText(core, packId, pageIndex);
  const lines = JSON.parse(row?.lines ?? '[]') as [number, number, number, number, number, number][];
  const flat = collapse(passage);
  const shares = (line: string) => {
    if (line.length < 16) return flat.includes(line);
    for (let k = 0; k + 16 <= line.length; k += 2) if (flat.includes(line.slice(k, k + 16))) return true;
    return false;
  };
  return lines.filter(([s, e]) => shares(collapse(text.slice(s, e)))).map(([, , , y, , h]) => ({ y, height: h }));
}

describe('annotations survive a republished pack', () => {
  it('re-anchors moved and edited passages at their new places, flags the deleted one, drops none', async () => {
    const core = takingTurns(openCore({ dataDir: makeTempDir(), distDir }));
    const original = await core.importPackFile(january2022().path);
    const truth = january2022Revised().revisions;
    if (!truth) throw new Error('the revised sample pack has no revisions record');
    const create = (pageIndex: number, exact: string, kind: Annotation['kind'] = 'highlight') =>
      value(core.call('createAnnotation', { actingMemberId: me, annotation: { meetingId: original.meetingId, kind, colour: '#ffd60a', pageIndex, exact } }));

    const moved = await Promise.all(truth.moved.map((p) => create(p.before.pdfPage - 1, p.text)));
    const unchanged = await Promise.all(truth.unchanged.map((p) => create(p.location.pdfPage - 1, p.text, 'underline')));
    const edited = truth.edited[0];
    const deleted = truth.deleted[0];
    if (!edited || !deleted) throw new Error('revisions lack an edit or a deletion');
    // The highlight covers the words the republished pack changed ("45", "by the by the").
    const editedQuote = 'a total of 45 requests were received by the by the Corporate Information Governance Team';
    const onEdited = await create(edited.before.pdfPage - 1, editedQuote, 'strike');
    const onDeleted = await create(deleted.before.pdfPage - 1, deleted.text);
    // A note made beside the first moved passage follows it.
    const firstMoved = moved[0];
    if (!firstMoved) throw new Error('no moved passage');
    const noteRect = { x: 30, y: (firstMoved.rects[0]?.y ?? 0) + 1, width: 20, height: 20 };
    const note = await value(
      core.call('createAnnotation', { actingMemberId: me, annotation: { meetingId: original.meetingId, kind: 'note', colour: '#7bdff2', pageIndex: firstMoved.pageIndex, rects: [noteRect], body: 'Ask about the 179' } }),
    );
    for (const a of [...moved, ...unchanged, onEdited, onDeleted]) {
      expect(a.quote?.start, a.quote?.exact).not.toBeNull();
      expect(a.rects.length).toBeGreaterThan(0);
    }
    expect(onEdited.quote?.exact).toBe(editedQuote);

    const revised = await core.importPackFile(january2022Revised().path);
    expect(revised.version).toBe(2);
    const after = await value(core.call('listAnnotations', { actingMemberId: me, meetingId: original.meetingId }));
    expect(after).toHaveLength(moved.length + unchanged.length + 3);
    const byId = new Map(after.map((a) => [a.id, a]));

    truth.moved.forEach((passage, i) => {
      const a = byId.get(moved[i]?.id ?? '');
      expect(a, passage.text).toMatchObject({ status: 'anchored', anchoredBy: 'exact', packId: revised.packId, pageIndex: passage.after.pdfPage - 1 });
      expect(a?.quote?.exact).toBe(collapse(passage.text));
      // Rebuilt from the new page's line boxes: each rectangle sits on a line that holds the passage.
      const lines = linesHolding(core, revised.packId, passage.after.pdfPage - 1, passage.text);
      expect(lines.length).toBeGreaterThan(0);
      for (const r of a?.rects ?? []) expect(lines.some((l) => Math.abs(l.y - r.y) < 0.5 && Math.abs(l.height - r.height) < 0.5)).toBe(true);
    });
    truth.unchanged.forEach((passage, i) => {
      expect(byId.get(unchanged[i]?.id ?? '')).toMatchObject({ status: 'anchored', packId: revised.packId, pageIndex: passage.location.pdfPage - 1 });
    });
    const e = byId.get(onEdited.id);
    expect(e).toMatchObject({ status: 'anchored', anchoredBy: 'approximate', packId: revised.packId, pageIndex: edited.after.pdfPage - 1, kind: 'strike' });
    expect(e?.quote?.exact).toContain('47 requests were received by the Corporate Information');

    const d = byId.get(onDeleted.id);
    expect(d).toMatchObject({ status: 'needs-review', anchoredBy: 'none', packId: original.packId, packVersion: 1, pageIndex: deleted.before.pdfPage - 1 });
    expect(d?.quote?.exact).toBe(collapse(deleted.text));
    expect(d?.rects).toEqual(onDeleted.rects);

    const n = byId.get(note.id);
    expect(n).toMatchObject({ status: 'anchored', packId: revised.packId, pageIndex: truth.moved[0]?.after.pdfPage ? truth.moved[0].after.pdfPage - 1 : -1, body: 'Ask about the 179' });
    const newFirst = byId.get(firstMoved.id);
    // Same offset from its line as before.
    expect((n?.rects[0]?.y ?? 0) - (newFirst?.rects[0]?.y ?? 0)).toBeCloseTo(noteRect.y - (firstMoved.rects[0]?.y ?? 0), 1);

    // Importing the same revised pack again changes nothing.
    await core.importPackFile(january2022Revised().path);
    expect(await value(core.call('listAnnotations', { actingMemberId: me, meetingId: original.meetingId }))).toEqual(after);
    core.close();
  });
});
