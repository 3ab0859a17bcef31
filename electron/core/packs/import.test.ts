import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core';
import { openDataDatabase } from '../testing/dataDatabase';
import { corruptPdf, encryptedPdf, imageOnlyPdf, truncatedPdf } from '../testing/badPdfs';
import { january2022, january2022Revised, noAgendaTable } from '../testing/samplePacks';
import { distDir, makeTempDir } from '../testing/tempDir';
import { generateLargePack } from '../../../tools/sample-packs/generate';
import { ImportError } from './importError';

const fresh = (): Core => openCore({ dataDir: makeTempDir(), distDir });

async function importError(core: Core, file: string, options = {}): Promise<string> {
  try {
    await core.importPackFile(file, options);
  } catch (error) {
    return error instanceof ImportError ? error.code : `unexpected: ${String(error)}`;
  }
  return 'imported';
}

/** Nothing half-written: no meeting, pack, page, item, document row, stored file or outbox entry. */
function expectNothingStored(core: Core): void {
  const db = openDataDatabase(core.dataDir, { readonly: true });
  for (const table of ['meetings', 'packs', 'pack_pages', 'agenda_items', 'documents', 'outbox', 'meeting_members']) {
    expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
  }
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  const docs = path.join(core.dataDir, 'documents');
  const files = fs.existsSync(docs) ? fs.readdirSync(docs, { recursive: true }).filter((f) => String(f).endsWith('.pdf')) : [];
  expect(files).toEqual([]);
}

describe('pack import', () => {
  it('imports the January 2022 sample pack with every item mapped to its pages', async () => {
    const core = fresh();
    const truth = january2022();
    const result = await core.importPackFile(truth.path);
    expect(result.alreadyImported).toBe(false);
    expect(result.version).toBe(1);
    expect(result.pageCount).toBe(truth.pageCount);

    const meeting = await core.call('getMeeting', { id: result.meetingId });
    if (!meeting.ok) throw new Error(meeting.error.message);
    expect(meeting.value).toMatchObject({
      committee: truth.meeting?.committee,
      date: truth.meeting?.date,
      startTime: truth.meeting?.startTime,
      venue: truth.meeting?.venue,
    });

    const pack = await core.call('getMeetingPack', { meetingId: result.meetingId });
    if (!pack.ok || !pack.value) throw new Error('no pack');
    expect(pack.value.items.map((i) => ({ number: i.number, title: i.title, printedPages: i.printedPages, pdfPages: i.pdfPages, timing: i.timing, status: i.status }))).toEqual(
      truth.items.map((i) => ({ number: String(i.number), title: i.title, printedPages: i.printedPages, pdfPages: i.pdfPages, timing: i.timing, status: i.status })),
    );
    expect(pack.value.members).toEqual(truth.meeting?.members);
    expect(pack.value.printedPageNumbers).toEqual(truth.printedPageNumbers);

    // The PDF is stored once, by content hash (encrypted: see security/encryptionAtRest.test.ts), and readable in ranges.
    const stored = path.join(core.dataDir, 'documents', pack.value.documentSha256.slice(0, 2), `${pack.value.documentSha256}.pdf`);
    expect(fs.existsSync(stored)).toBe(true);
    const whole = await core.call('readDocument', { sha256: pack.value.documentSha256, offset: 0, length: fs.statSync(truth.path).size });
    expect(whole.ok && Buffer.from(whole.value.data, 'base64').equals(fs.readFileSync(truth.path))).toBe(true);
    const head = await core.call('readDocument', { sha256: pack.value.documentSha256, offset: 0, length: 8 });
    expect(head.ok && Buffer.from(head.value.data, 'base64').toString('latin1')).toMatch(/^%PDF-/);
    core.close();
  });

  it('does not duplicate a pack imported twice, and queues the meeting and pack for sync once', async () => {
    const core = fresh();
    const first = await core.importPackFile(january2022().path);
    const second = await core.importPackFile(january2022().path);
    expect(second).toMatchObject({ alreadyImported: true, meetingId: first.meetingId, packId: first.packId, version: 1 });
    const db = openDataDatabase(core.dataDir, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM packs').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT entity, operation FROM outbox WHERE entity IN ('meeting', 'pack') ORDER BY seq").all()).toEqual([
      { entity: 'meeting', operation: 'create' },
      { entity: 'pack', operation: 'create' },
    ]);
    // The front sheet's members are queued once too, not again for the second import; their roles
    // are not queued at all on a device whose acting member does not preside (publishedMembership.test.ts).
    expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE entity = 'member'").get()).toEqual({ n: january2022().meeting?.members.length });
    expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE entity = 'meeting_role'").get()).toEqual({ n: 0 });
    db.close();
    core.close();
  });

  it('treats a republished pack for the same committee and date as version 2 and says what changed', async () => {
    const core = fresh();
    const original = await core.importPackFile(january2022().path);
    const revised = await core.importPackFile(january2022Revised().path);
    expect(revised.meetingId).toBe(original.meetingId);
    expect(revised.version).toBe(2);
    const changed = revised.changes.filter((c) => c.change === 'changed').map((c) => c.number);
    expect(changed).toEqual(expect.arrayContaining(['5', '6', '7']));
    expect(revised.changes.filter((c) => c.change !== 'changed')).toEqual([]);

    const latest = await core.call('getMeetingPack', { meetingId: original.meetingId });
    const first = await core.call('getMeetingPack', { meetingId: original.meetingId, version: 1 });
    expect(latest.ok && latest.value?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(latest.ok && latest.value?.items.find((i) => i.number === '7')?.status).toBe('published');
    expect(first.ok && first.value?.items.find((i) => i.number === '7')?.status).toBe('to-follow');
    core.close();
  });

  it.each([
    ['a text file', (dir: string) => { const f = path.join(dir, 'minutes.pdf'); fs.writeFileSync(f, 'These are not the minutes you are looking for'); return Promise.resolve(f); }, 'NOT_A_PDF'],
    ['a corrupt PDF', (dir: string) => Promise.resolve(corruptPdf(dir)), 'PDF_CORRUPT'],
    ['a truncated PDF', (dir: string) => Promise.resolve(truncatedPdf(january2022().path, dir)), 'PDF_CORRUPT'],
    ['an encrypted PDF', encryptedPdf, 'PDF_PASSWORD_REQUIRED'],
  ])('refuses %s with a clear error and leaves nothing behind', async (_label, make, code) => {
    const core = fresh();
    const file = await make(makeTempDir());
    expect(await importError(core, file)).toBe(code);
    expectNothingStored(core);
    core.close();
  });

  it('asks which meeting a pack belongs to when the front sheet does not say, and imports it there', async () => {
    const core = fresh();
    expect(await importError(core, noAgendaTable().path)).toBe('PACK_NEEDS_MEETING');
    expectNothingStored(core);

    const meeting = await core.call('createMeeting', { title: 'LGA briefing', committee: 'Members', date: '2021-03-01', startTime: '18:00', venue: 'Online' });
    if (!meeting.ok) throw new Error('no meeting');
    const result = await core.importPackFile(noAgendaTable().path, { meetingId: meeting.value.id });
    expect(result.structure.source).not.toBe('agenda-table');
    expect(result.structure.warnings.map((w) => w.code)).toContain('NO_AGENDA_TABLE');
    core.close();
  });

  it('warns, without refusing, when the front sheet gives another date or committee than the chosen meeting', async () => {
    const core = fresh();
    const other = await core.call('createMeeting', { title: 'Planning', committee: 'Planning Committee', date: '2022-02-14', startTime: '10:00', venue: 'County Hall' });
    const same = await core.call('createMeeting', { title: 'Budget', committee: 'the Corporate and Communities Overview & Scrutiny Panel', date: '2022-01-17', startTime: '10:00', venue: 'County Hall' });
    if (!other.ok || !same.ok) throw new Error('no meeting');
    const wrong = await core.importPackFile(january2022().path, { meetingId: other.value.id });
    expect(wrong.meetingId).toBe(other.value.id);
    expect(wrong.structure.warnings.filter((w) => w.code.startsWith('FRONT_SHEET_'))).toEqual([
      expect.objectContaining({ code: 'FRONT_SHEET_DATE_DIFFERS', found: '2022-01-17', expected: '2022-02-14' }),
      expect.objectContaining({ code: 'FRONT_SHEET_COMMITTEE_DIFFERS', found: 'Corporate and Communities Overview and Scrutiny Panel', expected: 'Planning Committee' }),
    ]);
    const stored = await core.call('getMeetingPack', { meetingId: other.value.id });
    expect(stored.ok && stored.value?.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['FRONT_SHEET_DATE_DIFFERS', 'FRONT_SHEET_COMMITTEE_DIFFERS']));
    const right = await core.importPackFile(january2022().path, { meetingId: same.value.id });
    expect(right.structure.warnings.filter((w) => w.code.startsWith('FRONT_SHEET_'))).toEqual([]);
    core.close();
  });

  it('imports a pack with no text layer into a chosen meeting, with a warning', async () => {
    const core = fresh();
    const meeting = await core.call('createMeeting', { title: 'Scanned papers', committee: 'Panel', date: '2022-02-01', startTime: '10:00', venue: 'County Hall' });
    if (!meeting.ok) throw new Error('no meeting');
    const result = await core.importPackFile(await imageOnlyPdf(makeTempDir()), { meetingId: meeting.value.id });
    expect(result.pageCount).toBe(3);
    expect(result.structure.warnings.map((w) => w.code)).toContain('NO_TEXT_LAYER');
    core.close();
  });

  it('imports a 2,000-page pack with a warning, and refuses one beyond the page limit with nothing left behind', async () => {
    const file = path.join(makeTempDir(), 'large-2000.pdf');
    await generateLargePack(file, 2000);

    const limited = openCore({ dataDir: makeTempDir(), distDir, maxPages: 1500 });
    expect(await importError(limited, file)).toBe('PDF_TOO_MANY_PAGES');
    expectNothingStored(limited);
    limited.close();

    const core = fresh();
    const result = await core.importPackFile(file);
    expect(result.pageCount).toBe(2000);
    expect(result.structure.warnings.map((w) => w.code)).toContain('VERY_LARGE_PACK');
    const last = result.structure.items.at(-1);
    expect(last?.pdfPages?.to).toBe(2000);
    core.close();
  }, 180_000);

  it('cancels an import part-way through and leaves nothing behind', async () => {
    const core = fresh();
    const upload = await core.call('beginUpload', { fileName: 'pack.pdf', byteSize: fs.statSync(january2022().path).size });
    if (!upload.ok) throw new Error('no upload');
    const bytes = fs.readFileSync(january2022().path);
    for (let offset = 0; offset < bytes.length; offset += 256 * 1024) {
      const sent = await core.call('uploadChunk', { uploadId: upload.value.uploadId, offset, data: bytes.subarray(offset, offset + 256 * 1024).toString('base64') });
      expect(sent.ok).toBe(true);
    }
    const started = await core.call('startPackImport', { uploadId: upload.value.uploadId });
    if (!started.ok) throw new Error('not started');
    const cancelled = await core.call('cancelJob', { jobId: started.value.jobId });
    expect(cancelled.ok).toBe(true);
    const job = await core.jobs.wait(started.value.jobId);
    expect(job.state).toBe('cancelled');
    expect(job.error?.code).toBe('CANCELLED');
    expectNothingStored(core);
    core.close();
  });

  it('imports through chunked uploads and reports progress until done', async () => {
    const core = fresh();
    const bytes = fs.readFileSync(january2022().path);
    const upload = await core.call('beginUpload', { fileName: 'pack.pdf', byteSize: bytes.length });
    if (!upload.ok) throw new Error('no upload');
    const outOfOrder = await core.call('uploadChunk', { uploadId: upload.value.uploadId, offset: 10, data: 'AAAA' });
    expect(outOfOrder.ok ? 'accepted' : outOfOrder.error.code).toBe('UPLOAD_OUT_OF_ORDER');
    const early = await core.call('startPackImport', { uploadId: upload.value.uploadId });
    expect(early.ok ? 'accepted' : early.error.code).toBe('UPLOAD_INCOMPLETE');

    const again = await core.call('beginUpload', { fileName: 'pack.pdf', byteSize: bytes.length });
    if (!again.ok) throw new Error('no upload');
    await core.call('uploadChunk', { uploadId: again.value.uploadId, offset: 0, data: bytes.subarray(0, 700_000).toString('base64') });
    if (bytes.length > 700_000) await core.call('uploadChunk', { uploadId: again.value.uploadId, offset: 700_000, data: bytes.subarray(700_000).toString('base64') });
    const started = await core.call('startPackImport', { uploadId: again.value.uploadId });
    if (!started.ok) throw new Error(started.error.message);
    const seen = new Set<string>();
    for (;;) {
      const job = await core.call('getJob', { jobId: started.value.jobId });
      if (!job.ok) throw new Error('no job');
      seen.add(job.value.phase);
      if (job.value.state !== 'running') {
        expect(job.value.state).toBe('succeeded');
        expect(job.value.result?.pageCount).toBe(january2022().pageCount);
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen.has('saving') || seen.has('extracting')).toBe(true);
    core.close();
  });
});

describe('search', () => {
  it('finds a phrase from a report on the right page and item, with a plain-text snippet', async () => {
    const core = fresh();
    const truth = january2022();
    const imported = await core.importPackFile(truth.path);
    const hits = await core.call('searchPacks', { query: '"emerging pressures and challenges"' });
    if (!hits.ok) throw new Error(hits.error.message);
    expect(hits.value.length).toBeGreaterThan(0);
    const item5 = truth.items.find((i) => i.number === 5)?.pdfPages;
    const hit = hits.value.find((h) => h.itemNumber === '5');
    expect(hit?.meetingId).toBe(imported.meetingId);
    expect(hit && item5 && hit.page >= item5.from && hit.page <= item5.to).toBe(true);
    expect(hit?.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase()).join(' ')).toContain('emerging');
    expect(hit?.printedPage).toBe(truth.printedPageNumbers[(hit?.page ?? 1) - 1]);
    core.close();
  });

  it('treats FTS syntax in a query as words, not operators', async () => {
    const core = fresh();
    await core.importPackFile(january2022().path);
    for (const query of ['budget OR', 'NEAR(', '"unbalanced', 'data*', '-', 'column:text']) {
      const result = await core.call('searchPacks', { query });
      expect(result.ok, query).toBe(true);
    }
    const prefix = await core.call('searchPacks', { query: 'analyt' });
    expect(prefix.ok && prefix.value.some((h) => h.itemNumber === '6')).toBe(true);
    core.close();
  });
});
