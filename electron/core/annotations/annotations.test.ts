import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core';
import { takingTurns } from '../identity/switchingCaller';
import { openDataDatabase } from '../testing/dataDatabase';
import { extractPdf } from '../packs/extract';
import { january2022, january2022Revised } from '../testing/samplePacks';
import { distDir, makeTempDir } from '../testing/tempDir';
import { value } from '../testing/harness';

type Res<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
async function errorCode<T>(result: Promise<Res<T>>): Promise<string> {
  const r = await result;
  return r.ok ? 'ok' : r.error.code;
}

const passage = 'The Panel will consider the draft Budget 2022/23 for areas within the remit of the Panel';

async function withPack(): Promise<{ core: Core; meetingId: string; packId: string; page: number }> {
  const core = takingTurns(openCore({ dataDir: makeTempDir(), distDir }));
  const imported = await core.importPackFile(january2022().path);
  const page = (january2022Revised().revisions?.unchanged[0]?.location.pdfPage ?? 5) - 1;
  return { core, meetingId: imported.meetingId, packId: imported.packId, page };
}

function outbox(core: Core): { entity: string; operation: string }[] {
  const db = openDataDatabase(core.dataDir, { readonly: true });
  const rows = db.prepare<[], { entity: string; operation: string }>("SELECT entity, operation FROM outbox WHERE entity IN ('annotation', 'question') ORDER BY seq").all();
  db.close();
  return rows;
}

describe('annotations', () => {
  it('saves a highlight with its quote, context, position and rectangles, privately, and queues it for sync', async () => {
    const { core, meetingId, packId, page } = await withPack();
    const a = await value(core.call('createAnnotation', { actingMemberId: 'aled', annotation: { meetingId, kind: 'highlight', colour: '#ffd60a', pageIndex: page, exact: passage } }));
    expect(a).toMatchObject({ packId, packVersion: 1, pageIndex: page, shared: false, status: 'anchored', itemNumber: '5', authorMemberId: 'aled' });
    expect(a.quote?.exact).toBe(passage);
    expect(a.quote?.prefix.length).toBeGreaterThan(0);
    expect(a.quote?.suffix.startsWith(' and the main messages')).toBe(true);
    expect(a.quote?.end).toBe((a.quote?.start ?? 0) + passage.length);
    expect(a.rects.length).toBeGreaterThan(0);
    expect(outbox(core)).toEqual([{ entity: 'annotation', operation: 'create' }]);

    // Private: another member does not see it until it is shared, and cannot change it.
    expect(await value(core.call('listAnnotations', { actingMemberId: 'bea', meetingId }))).toEqual([]);
    expect(await errorCode(core.call('updateAnnotation', { actingMemberId: 'bea', id: a.id, change: { colour: '#ffadad' } }))).toBe('FORBIDDEN');
    await value(core.call('shareAnnotation', { actingMemberId: 'aled', id: a.id, shared: true }));
    expect((await value(core.call('listAnnotations', { actingMemberId: 'bea', meetingId, filter: { whose: 'shared' } }))).map((x) => x.id)).toEqual([a.id]);
    expect(await value(core.call('listAnnotations', { actingMemberId: 'bea', meetingId, filter: { whose: 'mine' } }))).toEqual([]);
    expect(outbox(core).map((o) => o.operation)).toEqual(['create', 'update']);
    core.close();
  });

  it('undoes and redoes through inverse operations: update back, delete and restore', async () => {
    const { core, meetingId, page } = await withPack();
    const a = await value(core.call('createAnnotation', { actingMemberId: 'aled', annotation: { meetingId, kind: 'highlight', colour: '#ffd60a', pageIndex: page, exact: passage } }));
    const changed = await value(core.call('updateAnnotation', { actingMemberId: 'aled', id: a.id, change: { colour: '#ffadad', kind: 'underline' } }));
    expect(changed).toMatchObject({ colour: '#ffadad', kind: 'underline', version: 1 });
    expect(await errorCode(core.call('updateAnnotation', { actingMemberId: 'aled', id: a.id, change: { kind: 'note' } }))).toBe('INVALID_INPUT');
    const undone = await value(core.call('updateAnnotation', { actingMemberId: 'aled', id: a.id, change: { colour: a.colour, kind: a.kind } }));
    expect(undone).toMatchObject({ colour: '#ffd60a', kind: 'highlight' });
    await value(core.call('deleteAnnotation', { actingMemberId: 'aled', id: a.id }));
    expect(await value(core.call('listAnnotations', { actingMemberId: 'aled', meetingId }))).toEqual([]);
    expect(await value(core.call('listAnnotations', { actingMemberId: 'aled', meetingId, filter: { includeDeleted: true } }))).toHaveLength(1);
    const restored = await value(core.call('restoreAnnotation', { actingMemberId: 'aled', id: a.id }));
    expect(restored.deletedAt).toBeNull();
    expect(restored.rects).toEqual(a.rects);
    expect(outbox(core).map((o) => o.operation)).toEqual(['create', 'update', 'update', 'delete', 'update']);
    core.close();
  });

  it('keeps notes, free text and ink (with pressure) and refuses what cannot be placed, writing nothing', async () => {
    const { core, meetingId, page } = await withPack();
    const ink = [{ width: 2, points: [{ x: 100, y: 200, pressure: 0.2 }, { x: 140, y: 210, pressure: 0.9 }] }];
    const inked = await value(core.call('createAnnotation', { actingMemberId: 'aled', annotation: { meetingId, kind: 'ink', colour: '#cdb4db', pageIndex: page, ink } }));
    expect(inked.ink).toEqual(ink);
    expect(inked.rects[0]).toMatchObject({ x: 99, y: 199 });
    expect(inked.quote?.exact.length).toBeGreaterThan(0);
    const note = await value(
      core.call('createAnnotation', { actingMemberId: 'aled', annotation: { meetingId, kind: 'free-text', colour: '#b9fbc0', pageIndex: page, rects: [{ x: 400, y: 300, width: 120, height: 30 }], body: 'Compare with last year' } }),
    );
    expect(note.body).toBe('Compare with last year');
    expect(await errorCode(core.call('createAnnotation', { actingMemberId: 'aled', annotation: { meetingId, kind: 'highlight', colour: '#ffd60a', pageIndex: page } }))).toBe('INVALID_INPUT');
    expect(await errorCode(core.call('createAnnotation', { actingMemberId: 'aled', annotation: { meetingId, kind: 'note', colour: '#ffd60a', pageIndex: 9999, rects: [{ x: 1, y: 1, width: 1, height: 1 }] } }))).toBe('INVALID_INPUT');
    expect(await errorCode(core.call('createAnnotation', { actingMemberId: 'aled', annotation: { meetingId, kind: 'note', colour: 'yellow', pageIndex: 0, rects: [] } }))).toBe('INVALID_INPUT');
    expect(await value(core.call('listAnnotations', { actingMemberId: 'aled', meetingId }))).toHaveLength(2);
    core.close();
  });

  it('drafts questions per item, from a highlight, in order; marks them asked and notes the answer', async () => {
    const { core, meetingId, page } = await withPack();
    const a = await value(core.call('createAnnotation', { actingMemberId: 'aled', annotation: { meetingId, kind: 'highlight', colour: '#ffd60a', pageIndex: page, exact: passage } }));
    const q1 = await value(core.call('createQuestion', { actingMemberId: 'aled', meetingId, itemNumber: '5', text: 'What are the main messages?', annotationId: a.id }));
    const q2 = await value(core.call('createQuestion', { actingMemberId: 'aled', meetingId, itemNumber: '5', text: 'Which savings are at risk?' }));
    expect([q1.position, q2.position, q1.annotationId]).toEqual([0, 1, a.id]);
    const reordered = await value(core.call('reorderQuestions', { actingMemberId: 'aled', meetingId, itemNumber: '5', ids: [q2.id, q1.id] }));
    expect(reordered.map((q) => q.id)).toEqual([q2.id, q1.id]);
    expect(await errorCode(core.call('reorderQuestions', { actingMemberId: 'aled', meetingId, itemNumber: '5', ids: [q2.id] }))).toBe('INVALID_INPUT');
    const asked = await value(core.call('updateQuestion', { actingMemberId: 'aled', id: q2.id, asked: true, answer: 'Libraries, £0.4m' }));
    expect(asked.askedAt).not.toBeNull();
    expect(asked.answer).toBe('Libraries, £0.4m');
    expect(await errorCode(core.call('updateQuestion', { actingMemberId: 'bea', id: q2.id, asked: false }))).toBe('FORBIDDEN');
    expect(await value(core.call('listQuestions', { actingMemberId: 'bea', meetingId }))).toEqual([]);
    await value(core.call('deleteQuestion', { actingMemberId: 'aled', id: q1.id }));
    expect((await value(core.call('listQuestions', { actingMemberId: 'aled', meetingId, itemNumber: '5' }))).map((q) => q.text)).toEqual(['Which savings are at risk?']);
    core.close();
  });

  it('exports W3C JSON that imports into another installation at the same places; Markdown, Word and an annotated PDF', async () => {
    const { core, meetingId, page } = await withPack();
    const a = await value(core.call('createAnnotation', { actingMemberId: 'aled', annotation: { meetingId, kind: 'highlight', colour: '#ffd60a', pageIndex: page, exact: passage, body: 'Key point' } }));
    await value(core.call('createQuestion', { actingMemberId: 'aled', meetingId, itemNumber: '5', text: 'What are the main messages?' }));
    const w3c = await value(core.call('exportAnnotations', { actingMemberId: 'aled', meetingId, format: 'w3c' }));
    const json = Buffer.from(w3c.data, 'base64').toString('utf8');
    const parsed = JSON.parse(json) as { target: { selector: { type: string; value?: string; exact?: string; start?: number }[] } }[];
    expect(parsed[0]?.target.selector.map((s) => s.type)).toEqual(['FragmentSelector', 'TextQuoteSelector', 'TextPositionSelector']);
    expect(parsed[0]?.target.selector[0]?.value).toBe(`page=${page + 1}`);

    const other = await withPack();
    expect(await value(other.core.call('importAnnotations', { actingMemberId: 'bea', meetingId: other.meetingId, format: 'w3c', json }))).toEqual({ created: 1, needsReview: 0 });
    const [copy] = await value(other.core.call('listAnnotations', { actingMemberId: 'bea', meetingId: other.meetingId }));
    expect(copy).toMatchObject({ id: a.id, pageIndex: a.pageIndex, rects: a.rects, quote: a.quote, body: 'Key point' });
    // Again: nothing added. Broken input: nothing written.
    expect(await value(other.core.call('importAnnotations', { actingMemberId: 'bea', meetingId: other.meetingId, format: 'w3c', json }))).toEqual({ created: 0, needsReview: 0 });
    expect(await errorCode(other.core.call('importAnnotations', { actingMemberId: 'bea', meetingId: other.meetingId, format: 'w3c', json: '[{"type":"Annotation","target":{}}]' }))).toBe('INVALID_INPUT');
    other.core.close();

    const md = Buffer.from((await value(core.call('exportAnnotations', { actingMemberId: 'aled', meetingId, format: 'md' }))).data, 'base64').toString('utf8');
    expect(md).toContain('## Item 5:');
    expect(md).toContain(`“${passage}” — Key point`);
    expect(md).toContain('1. What are the main messages?');

    const docx = await value(core.call('exportAnnotations', { actingMemberId: 'aled', meetingId, format: 'docx' }));
    const docxBytes = Buffer.from(docx.data, 'base64');
    expect(docxBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docx.fileName.endsWith('.docx')).toBe(true);

    const pdf = await value(core.call('exportAnnotations', { actingMemberId: 'aled', meetingId, format: 'pdf' }));
    const pdfBytes = Buffer.from(pdf.data, 'base64');
    const loaded = await PDFDocument.load(pdfBytes);
    expect(loaded.getPageCount()).toBe(january2022().pageCount);
    // The text is still there to read, and the page now carries the drawn highlight.
    const text = await extractPdf(new Uint8Array(pdfBytes));
    expect(text.pages[page]?.text.replace(/\s+/g, ' ')).toContain(passage);
    const original = await PDFDocument.load(Buffer.from((await value(core.call('readDocument', { sha256: a.documentSha256, offset: 0, length: 4 * 1024 * 1024 }))).data, 'base64'));
    expect(loaded.getPage(page).node.Contents()?.toString()).not.toBe(original.getPage(page).node.Contents()?.toString());
    core.close();
  });

  it('prints a long note with “—”, ŵ and ŷ in the annotated PDF, wrapped on the page, and words every export in Welsh', async () => {
    const { core, meetingId, page } = await withPack();
    const welsh = 'Cwestiwn i’r swyddog — a fydd y gŵr a’r ŷd yn rhan o’r cynllun? '.repeat(4).trim();
    const [width] = await pageSize(core, meetingId, page);
    // Near the right edge: the note's words must still stay on the paper.
    await value(core.call('createAnnotation', { actingMemberId: 'aled', annotation: { meetingId, kind: 'note', colour: '#ffd60a', pageIndex: page, rects: [{ x: width - 30, y: 100, width: 16, height: 16 }], body: welsh } }));
    const pdf = await value(core.call('exportAnnotations', { actingMemberId: 'aled', meetingId, format: 'pdf' }));
    const file = path.join(makeTempDir(), pdf.fileName);
    fs.writeFileSync(file, Buffer.from(pdf.data, 'base64'));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page + 1), '-l', String(page + 1), file, '-'], { encoding: 'utf8' });
    expect(text).toContain('—');
    expect(text).toContain('gŵr');
    expect(text).toContain('ŷd');
    expect(text).not.toMatch(/g\?r|\?d yn/);
    // Wrapped: several lines, every one inside the page's width.
    const bbox = execFileSync('pdftotext', ['-bbox', '-f', String(page + 1), '-l', String(page + 1), file, '-'], { encoding: 'utf8' });
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(?:[^<]*ŷd[^<]*)<\/word>/g)];
    expect(words.length).toBe(4);
    expect(new Set(words.map((w) => w[2])).size).toBeGreaterThan(1);
    for (const w of words) expect(Number(w[3])).toBeLessThanOrEqual(width);

    await value(core.call('updateSettings', { language: 'cy' }));
    const md = await value(core.call('exportAnnotations', { actingMemberId: 'aled', meetingId, format: 'md' }));
    expect(md.fileName).toBe('2022-01-17-corporate-and-communities-overview-and-scrutiny-panel-anodiadau.md');
    const markdown = Buffer.from(md.data, 'base64').toString('utf8');
    expect(markdown).toContain('Dydd Llun 17 Ionawr 2022 am 10:00');
    expect(markdown).toMatch(/## Eitem \d+:/);
    expect(markdown).toMatch(/Nodyn \(Tudalen \d+\)/);
    const english = await value(core.call('exportAnnotations', { actingMemberId: 'aled', meetingId, format: 'docx', language: 'en-GB' }));
    expect(english.fileName.endsWith('-annotations.docx')).toBe(true);
    core.close();
  });

  it("says whose notes they are, titled for the language: 'Cyng.' in Welsh, 'Cllr' in English", async () => {
    const { core, meetingId, page } = await withPack();
    const rouse = (await value(core.call('listMeetingRoles', { meetingId }))).find((r) => r.memberName === 'Mike Rouse');
    if (!rouse) throw new Error('the sample pack names no Mike Rouse');
    // As the council's register gives him (the front sheet leaves the title off).
    await value(core.call('saveMember', { id: rouse.memberId, name: 'Cllr Mike Rouse' }));
    await value(core.call('createAnnotation', { actingMemberId: rouse.memberId, annotation: { meetingId, kind: 'note', colour: '#ffd60a', pageIndex: page, rects: [{ x: 40, y: 100, width: 16, height: 16 }], body: 'Ask about reserves' } }));
    const markdown = async (language: 'cy' | 'en-GB') =>
      Buffer.from((await value(core.call('exportAnnotations', { actingMemberId: rouse.memberId, meetingId, format: 'md', language }))).data, 'base64').toString('utf8');
    expect(await markdown('cy')).toContain('\nNodiadau Cyng. Mike Rouse\n');
    expect(await markdown('cy')).not.toContain('Cllr');
    expect(await markdown('en-GB')).toContain('\nNotes of Cllr Mike Rouse\n');

    const docx = await value(core.call('exportAnnotations', { actingMemberId: rouse.memberId, meetingId, format: 'docx', language: 'cy' }));
    const docxFile = path.join(makeTempDir(), docx.fileName);
    fs.writeFileSync(docxFile, Buffer.from(docx.data, 'base64'));
    expect(execFileSync('unzip', ['-p', docxFile, 'word/document.xml'], { encoding: 'utf8' })).toContain('Nodiadau Cyng. Mike Rouse');

    const pdf = await value(core.call('exportAnnotations', { actingMemberId: rouse.memberId, meetingId, format: 'pdf', language: 'cy' }));
    const pdfFile = path.join(makeTempDir(), pdf.fileName);
    fs.writeFileSync(pdfFile, Buffer.from(pdf.data, 'base64'));
    expect(execFileSync('pdfinfo', ['-enc', 'UTF-8', pdfFile], { encoding: 'utf8' })).toMatch(/^Author:\s+Cyng\. Mike Rouse$/m);
    core.close();
  });
});

async function pageSize(core: Core, meetingId: string, pageIndex: number): Promise<[number, number]> {
  const pack = await value(core.call('getMeetingPack', { meetingId }));
  const bytes = Buffer.from((await value(core.call('readDocument', { sha256: pack?.documentSha256 ?? '', offset: 0, length: 4 * 1024 * 1024 }))).data, 'base64');
  const { width, height } = (await PDFDocument.load(bytes)).getPage(pageIndex).getSize();
  return [width, height];
}
