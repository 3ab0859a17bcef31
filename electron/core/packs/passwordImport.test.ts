import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxChunkBytes, type Job } from '../../../shared/domain/import';
import { generateProtectedPack } from '../../../tools/sample-packs/generate';
import { openCore, type Core } from '../core';
import { takingTurns } from '../identity/switchingCaller';
import { openDataDatabase } from '../testing/dataDatabase';
import { november2019 } from '../testing/samplePacks';
import { distDir, makeTempDir } from '../testing/tempDir';
import { value } from '../testing/harness';

/**
 * Issue 20.5: a password-protected pack asks for its password. Through the contract: without it,
 * or with a wrong one, the import fails by a code the app translates and stores nothing; with it
 * the pack imports whole, the file is kept as the council published it (still protected), and the
 * password is written nowhere: not in the database, the outbox, the settings, a log or any file.
 */

// Unusual enough that finding it anywhere can only mean it was written down.
const password = 'Quill-7f3e9a-Lantern';
let locked: Uint8Array;
let lockedFile: string;

beforeAll(async () => {
  lockedFile = path.join(makeTempDir(), 'ccosp-2019-11-05-agenda-protected.pdf');
  await generateProtectedPack(lockedFile, { user: password, owner: 'owner-Harbour-51c2' });
  locked = new Uint8Array(fs.readFileSync(lockedFile));
});

/** The renderer's path: a chunked upload, then an import job (with the password when given), polled. */
async function importThroughContract(core: Core, withPassword?: string): Promise<Job> {
  const { uploadId } = await value(core.call('beginUpload', { fileName: 'agenda.pdf', byteSize: locked.length }));
  for (let offset = 0; offset < locked.length; offset += maxChunkBytes) {
    await value(core.call('uploadChunk', { uploadId, offset, data: Buffer.from(locked.subarray(offset, offset + maxChunkBytes)).toString('base64') }));
  }
  const { jobId } = await value(core.call('startPackImport', withPassword === undefined ? { uploadId } : { uploadId, password: withPassword }));
  for (;;) {
    const job = await value(core.call('getJob', { jobId }));
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function tableNames(core: Core): string[] {
  const db = openDataDatabase(core.dataDir, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

function count(core: Core, table: string): number {
  const db = openDataDatabase(core.dataDir, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function expectNothingStored(core: Core): void {
  for (const table of ['meetings', 'packs', 'pack_pages', 'agenda_items', 'documents', 'outbox', 'meeting_members']) expect(count(core, table), table).toBe(0);
  const docs = path.join(core.dataDir, 'documents');
  expect(fs.existsSync(docs) ? fs.readdirSync(docs, { recursive: true }).filter((f) => String(f).endsWith('.pdf')) : []).toEqual([]);
  const uploads = path.join(core.dataDir, 'uploads');
  expect(fs.existsSync(uploads) ? fs.readdirSync(uploads) : []).toEqual([]);
}

/** Every cell of every table, read through the data key, as text (blobs as UTF-8 and Latin-1). */
function everyCell(core: Core): string[] {
  const db = openDataDatabase(core.dataDir, { readonly: true });
  try {
    const cells: string[] = [];
    for (const table of tableNames(core)) {
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
        for (const cell of Object.values(row)) {
          if (Buffer.isBuffer(cell) || cell instanceof Uint8Array) cells.push(Buffer.from(cell).toString('utf8'), Buffer.from(cell).toString('latin1'));
          else if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'bigint') cells.push(String(cell));
        }
      }
    }
    return cells;
  } finally {
    db.close();
  }
}

function everyFileHolding(dir: string, needle: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => {
      const bytes = fs.readFileSync(file);
      return bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'));
    });
}

describe('a password-protected pack', () => {
  it('is refused without its password as PDF_PASSWORD_REQUIRED, and a wrong one as PDF_PASSWORD_WRONG, storing nothing', async () => {
    const core = openCore({ dataDir: makeTempDir(), distDir });
    try {
      expect(await importThroughContract(core)).toMatchObject({ state: 'failed', error: { code: 'PDF_PASSWORD_REQUIRED' } });
      expectNothingStored(core);
      expect(await importThroughContract(core, `${password}x`)).toMatchObject({ state: 'failed', error: { code: 'PDF_PASSWORD_WRONG' } });
      expectNothingStored(core);
      // A password is a non-empty string: the contract refuses an empty one before any import starts.
      const { uploadId } = await value(core.call('beginUpload', { fileName: 'agenda.pdf', byteSize: 1 }));
      expect(await core.call('startPackImport', { uploadId, password: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    } finally {
      core.close();
    }
  });

  it('imports whole with the right password, keeps the file as published and writes the password nowhere', async () => {
    const logged: string[] = [];
    const core = openCore({ dataDir: makeTempDir(), distDir, log: (message, detail) => logged.push(`${message} ${JSON.stringify(detail) ?? ''}`) });
    try {
      // A wrong try first: its failure must not leave the password behind either.
      await importThroughContract(core, `${password}x`);
      const job = await importThroughContract(core, password);
      expect(job.state).toBe('succeeded');
      const truth = november2019();
      const result = job.result;
      if (!result) throw new Error('no result');
      expect(result.pageCount).toBe(truth.pageCount);

      const meeting = await value(core.call('getMeeting', { id: result.meetingId }));
      expect(meeting).toMatchObject({ committee: truth.meeting?.committee, date: truth.meeting?.date, startTime: truth.meeting?.startTime });
      const pack = await value(core.call('getMeetingPack', { meetingId: result.meetingId }));
      if (!pack) throw new Error('no pack');
      expect(pack.items.map((i) => ({ number: i.number, title: i.title, pdfPages: i.pdfPages }))).toEqual(
        truth.items.map((i) => ({ number: String(i.number), title: i.title, pdfPages: i.pdfPages })),
      );
      // The words are searchable: the text came out of the protected file.
      const firstTitleWord = truth.items[0]?.title.split(' ').find((w) => w.length > 5) ?? '';
      expect((await value(core.call('searchPacks', { query: firstTitleWord, limit: 5 }))).length).toBeGreaterThan(0);

      // Stored as published: the same bytes, still protected, so the reader needs the password too.
      const whole = await value(core.call('readDocument', { sha256: pack.documentSha256, offset: 0, length: locked.length }));
      expect(Buffer.from(whole.data, 'base64').equals(Buffer.from(locked))).toBe(true);
      expect(Buffer.from(locked).includes(Buffer.from('/Encrypt'))).toBe(true);

      // Nowhere: not a cell of any table (pages, outbox, device_settings, audit...), nor a job, nor a log line.
      expect(tableNames(core)).toEqual(expect.arrayContaining(['outbox', 'device_settings', 'pack_pages']));
      expect(count(core, 'outbox')).toBeGreaterThan(0);
      const cells = everyCell(core);
      expect(cells.some((cell) => cell.includes(truth.meeting?.committee ?? '?')), 'the scan reads the decrypted rows').toBe(true);
      expect(cells.filter((cell) => cell.includes(password))).toEqual([]);
      expect(JSON.stringify(job)).not.toContain(password);
      expect(logged.filter((line) => line.includes(password))).toEqual([]);
    } finally {
      core.close();
    }
    // And no file in the data directory holds it, as stored (the database is encrypted at rest, so this is the files' own bytes).
    expect(everyFileHolding(core.dataDir, password)).toEqual([]);
  });

  it('keeps notes on it, exported as a document; drawing them into the PDF is refused by a translated code, not a crash', async () => {
    const core = takingTurns(openCore({ dataDir: makeTempDir(), distDir }));
    try {
      const job = await importThroughContract(core, password);
      const meetingId = job.result?.meetingId ?? '';
      await value(core.call('createAnnotation', { actingMemberId: 'aled', annotation: { meetingId, kind: 'note', colour: '#ffd60a', pageIndex: 0, rects: [{ x: 72, y: 72, width: 16, height: 16 }], body: 'Ask about the timetable' } }));
      const notes = await value(core.call('exportAnnotations', { actingMemberId: 'aled', meetingId, format: 'md' }));
      expect(Buffer.from(notes.data, 'base64').toString('utf8')).toContain('Ask about the timetable');
      expect(await core.call('exportAnnotations', { actingMemberId: 'aled', meetingId, format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'PACK_PASSWORD_PROTECTED' } });
    } finally {
      core.close();
    }
  });
});
