import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maxChunkBytes, maxUploadBytes } from '../../../shared/domain/import';
import { errorCodes } from '../../../shared/result';
import { pdfjsHardening } from '../../../shared/security/pdfjs';
import enGB from '../../../resources/locales/en-GB.json';
import cy from '../../../resources/locales/cy.json';
import { startBrowserHost, type BrowserHost } from '../../host/server';
import { type Core, type CoreOptions } from '../core';
import { extractorDocumentOptions } from '../packs/extract';
import { importErrorCodes } from '../packs/importError';
import { passphraseEnv } from './keyStore';
import { corruptPdf, embeddedFilePdf, encryptedPdf, hostileMarker, javascriptPdf, truncatedPdf } from '../testing/badPdfs';
import { openDataDatabase } from '../testing/dataDatabase';
import { startModernGovSite, type ModernGovTestSite } from '../testing/modernGovSite';
import { january2022, samplePackDir } from '../testing/samplePacks';
import { distDir, makeTempDir } from '../testing/tempDir';
import { openTestCore, value } from '../testing/harness';

/**
 * Issue 9: every kind of bad input Chamber meets, each through the entry point that meets it in
 * use (the contract's upload and import operations, the Modern.gov fetch against the local test
 * site, the dispatcher and the browser host), and after each: a known error code the app
 * translates in English and Welsh, and a database and document store with nothing half-written.
 */

type Locale = Record<string, unknown>;
const locales: Record<string, Locale> = { 'en-GB': enGB, cy };

function lookup(locale: Locale, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), locale);
}

/**
 * The renderer's own choice of key (import/PackImport.tsx for import jobs, errors.<code> for the
 * rest): an import code must have its own importErrors entry, not fall back to the generic one.
 */
function expectTranslated(code: string, kind: 'import' | 'api'): void {
  const key = kind === 'import' ? `importErrors.${code}` : `errors.${code}`;
  if (kind === 'import') expect(importErrorCodes as readonly string[]).toContain(code);
  else expect(errorCodes as readonly string[]).toContain(code);
  const texts = Object.entries(locales).map(([name, locale]) => {
    const text = lookup(locale, key);
    expect(typeof text === 'string' && text.trim().length > 0, `${key} in ${name}`).toBe(true);
    return String(text);
  });
  expect(new Set(texts).size, `${key} is translated, not copied`).toBe(texts.length);
}

const documentFile = /^[0-9a-f]{2}[/\\]([0-9a-f]{64})\.pdf$/;

/** Everything stored is whole: SQLite's own checks, no rows or files without their other half. */
function expectConsistent(dataDir: string): void {
  const db = openDataDatabase(dataDir, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const rows = (sql: string) => db.prepare(sql).all();
    expect(rows('SELECT id FROM packs WHERE id NOT IN (SELECT pack_id FROM pack_pages)'), 'packs without pages').toEqual([]);
    expect(rows('SELECT p.id FROM packs p JOIN documents d ON d.sha256 = p.document_sha256 WHERE (SELECT count(*) FROM pack_pages WHERE pack_id = p.id) <> d.page_count'), 'packs missing pages').toEqual([]);
    expect(rows('SELECT id FROM packs WHERE id NOT IN (SELECT pack_id FROM pack_page_geometry)'), 'packs without page geometry').toEqual([]);
    expect(rows(`SELECT sha256 FROM documents WHERE sha256 NOT IN (SELECT document_sha256 FROM packs)
                 AND sha256 NOT IN (SELECT document_sha256 FROM moderngov_documents WHERE document_sha256 IS NOT NULL)`), 'documents nothing uses').toEqual([]);
    expect(rows('SELECT id FROM pack_pages WHERE id NOT IN (SELECT rowid FROM pack_pages_fts)'), 'pages missing from search').toEqual([]);

    const stored = new Set((db.prepare('SELECT sha256 FROM documents').all() as { sha256: string }[]).map((r) => r.sha256));
    const docs = path.join(dataDir, 'documents');
    const files = fs.existsSync(docs) ? fs.readdirSync(docs, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(docs, path.join(e.parentPath, e.name))) : [];
    for (const file of files) {
      const sha = documentFile.exec(file)?.[1];
      expect(sha, `${file} is named by its hash`).toBeDefined();
      expect(stored.has(sha ?? ''), `${file} has a documents row`).toBe(true);
    }
    expect(files.length, 'every documents row has its file').toBe(stored.size);
  } finally {
    db.close();
  }
  const uploads = path.join(dataDir, 'uploads');
  expect(fs.existsSync(uploads) ? fs.readdirSync(uploads) : [], 'leftover upload parts').toEqual([]);
  // Nothing named after a hostile file name was written anywhere under the data directory.
  const everything = fs.readdirSync(dataDir, { recursive: true }).map(String);
  expect(everything.filter((f) => /passwd|\.\./.test(f))).toEqual([]);
}

const count = (dataDir: string, table: string): number => {
  const db = openDataDatabase(dataDir, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** The renderer's import path: chunked upload over the contract, then an import job, polled. */
async function importThroughContract(core: Core, bytes: Uint8Array, fileName = 'pack.pdf') {
  const { uploadId } = await value(core.call('beginUpload', { fileName, byteSize: bytes.length }));
  for (let offset = 0; offset < bytes.length; offset += maxChunkBytes) {
    await value(core.call('uploadChunk', { uploadId, offset, data: Buffer.from(bytes.subarray(offset, offset + maxChunkBytes)).toString('base64') }));
  }
  const { jobId } = await value(core.call('startPackImport', { uploadId }));
  for (;;) {
    const job = await value(core.call('getJob', { jobId }));
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const cores: Core[] = [];
function fresh(options: Partial<CoreOptions> = {}): Core {
  const core = openTestCore({ ...options });
  cores.push(core);
  return core;
}
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

describe('bad PDFs through the contract import', () => {
  const refused: [string, (dir: string) => Promise<string> | string, string, Partial<CoreOptions>?][] = [
    ['a text file named .pdf', (dir) => { const f = path.join(dir, 'minutes.pdf'); fs.writeFileSync(f, 'These are not the minutes you are looking for'); return f; }, 'NOT_A_PDF'],
    ['a corrupt PDF', corruptPdf, 'PDF_CORRUPT'],
    ['a truncated PDF', (dir) => truncatedPdf(january2022().path, dir), 'PDF_CORRUPT'],
    ['a password-protected PDF', encryptedPdf, 'PDF_PASSWORD_REQUIRED'],
    // The real limit is 512 MiB (the contract's maxUploadBytes); the core takes a lower one so a real pack can cross it.
    ['a PDF over the size limit', () => january2022().path, 'FILE_TOO_LARGE', { maxPackBytes: 32 * 1024 }],
  ];

  it.each(refused)('refuses %s with a translated error and leaves nothing half-written', async (_label, make, code, options) => {
    const core = fresh(options);
    const job = await importThroughContract(core, fs.readFileSync(await make(makeTempDir())));
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe(code);
    expect(job.error?.message.length).toBeGreaterThan(0);
    expectTranslated(code, 'import');
    for (const table of ['meetings', 'packs', 'pack_pages', 'agenda_items', 'documents', 'outbox']) expect(count(core.dataDir, table), table).toBe(0);
    expectConsistent(core.dataDir);
  });

  it('imports a pack carrying JavaScript and an attachment, reading neither', async () => {
    const core = fresh();
    const tmp = makeTempDir();
    for (const make of [javascriptPdf, embeddedFilePdf]) {
      const file = await make(january2022().path, tmp);
      const job = await importThroughContract(core, fs.readFileSync(file), path.basename(file));
      expect(job.state, path.basename(file)).toBe('succeeded');
      expect(job.result?.pageCount).toBe(january2022().pageCount);
      expect(job.result?.structure.items.length).toBe(january2022().items.length);
    }
    // Neither the script's source nor the attachment's text became words of the pack.
    expect(await value(core.call('searchPacks', { query: hostileMarker }))).toEqual([]);
    // Each import stored its one PDF as it came; the attachment was never unpacked into a file of its own.
    expect(count(core.dataDir, 'documents')).toBe(2);
    expectConsistent(core.dataDir);
  });

  it('opens PDFs with pdf.js eval and XFA off, and never loads pdf.js scripting', () => {
    expect(pdfjsHardening).toEqual({ isEvalSupported: false, enableXfa: false });
    expect(extractorDocumentOptions).toMatchObject(pdfjsHardening);
    // (The reader's options are checked in renderer/src/reader/pdfOptions.test.ts.) Document
    // JavaScript runs only through pdf.js's scripting sandbox and viewer; no Chamber code imports them.
    const root = path.resolve(import.meta.dirname, '../../..');
    const sources = ['electron', 'renderer/src', 'shared'].flatMap((dir) =>
      fs.readdirSync(path.join(root, dir), { recursive: true }).map(String).filter((f) => /\.(ts|tsx|mjs)$/.test(f)).map((f) => path.join(root, dir, f)),
    ).filter((f) => f !== import.meta.filename);
    expect(sources.length).toBeGreaterThan(100);
    const scripting = sources.filter((f) => /from ['"]pdfjs-dist\/(?:legacy\/)?(?:build\/pdf\.sandbox|web\/)|pdf_scripting|enableScripting\s*:\s*true/.test(fs.readFileSync(f, 'utf8')));
    expect(scripting).toEqual([]);
  });
});

describe('oversized and wrongly typed payloads', () => {
  it('refuses them at the dispatcher with INVALID_INPUT or UNKNOWN_OPERATION, storing nothing', async () => {
    const core = fresh();
    const meeting = { title: 'Work Programme', committee: 'Panel', date: '2022-01-17', startTime: '12:10', venue: 'County Hall' };
    const refused: [unknown, unknown, string, string[]?][] = [
      ['createMeeting', { ...meeting, date: 20220117, venue: ['x'] }, 'INVALID_INPUT', ['date', 'venue']],
      ['createMeeting', { ...meeting, title: 'x'.repeat(1024 * 1024) }, 'INVALID_INPUT', ['title']],
      ['createMeeting', null, 'INVALID_INPUT'],
      ['createMeeting', 'createMeeting', 'INVALID_INPUT'],
      ['createMeeting', [meeting], 'INVALID_INPUT'],
      ['beginUpload', { fileName: 'pack.pdf', byteSize: maxUploadBytes + 1 }, 'INVALID_INPUT', ['byteSize']],
      ['beginUpload', { fileName: 'pack.pdf', byteSize: '1024' }, 'INVALID_INPUT', ['byteSize']],
      ['beginUpload', { fileName: 'pack.pdf', byteSize: 1.5 }, 'INVALID_INPUT', ['byteSize']],
      ['beginUpload', { fileName: 'x'.repeat(100_000), byteSize: 10 }, 'INVALID_INPUT', ['fileName']],
      ['uploadChunk', { uploadId: '../../etc/passwd', offset: 0, data: 'AAAA' }, 'INVALID_INPUT', ['uploadId']],
      ['readDocument', { sha256: '../../../etc/passwd', offset: 0, length: 10 }, 'INVALID_INPUT', ['sha256']],
      ['recordDeclaration', { actingMemberId: 1, declaration: 'I have none' }, 'INVALID_INPUT'],
      [42, {}, 'UNKNOWN_OPERATION'],
      ['constructor', {}, 'UNKNOWN_OPERATION'],
      ['__proto__', {}, 'UNKNOWN_OPERATION'],
      ['deleteEverything', {}, 'UNKNOWN_OPERATION'],
    ];
    for (const [name, input, code, paths] of refused) {
      const answer = await core.dispatch(name, input);
      const label = `${String(name)} ${JSON.stringify(input)?.slice(0, 60)}`;
      expect(answer.ok ? 'accepted' : answer.error.code, label).toBe(code);
      if (answer.ok) continue;
      expect(answer.error.message.length, label).toBeLessThan(200);
      if (paths) expect([...new Set(answer.error.issues?.map((i) => i.path.join('.')))].sort(), label).toEqual(paths);
      expectTranslated(code, 'api');
    }
    // A payload that tries to pollute prototypes is refused (strict objects) and pollutes nothing.
    const polluting = JSON.parse(`{"__proto__": {"polluted": true}, "title": "x", "committee": "y", "date": "2022-01-17", "startTime": "10:00", "venue": "z"}`) as unknown;
    const answer = await core.dispatch('createMeeting', polluting);
    expect(answer.ok ? 'accepted' : answer.error.code).toBe('INVALID_INPUT');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(count(core.dataDir, 'meetings')).toBe(0);
    expectConsistent(core.dataDir);
  });

  it('keeps an upload usable after a contract-refused chunk, and discards one sent beyond its announced size', async () => {
    const core = fresh();
    const bytes = fs.readFileSync(january2022().path);
    const { uploadId } = await value(core.call('beginUpload', { fileName: 'pack.pdf', byteSize: bytes.length }));
    // One base64 character over a whole chunk: the contract refuses it before the core sees it.
    const tooBig = await core.dispatch('uploadChunk', { uploadId, offset: 0, data: 'A'.repeat(Math.ceil((maxChunkBytes * 4) / 3) + 5) });
    expect(tooBig.ok ? 'accepted' : tooBig.error.code).toBe('INVALID_INPUT');
    const job = await importThroughContract(core, bytes);
    expect(job.state).toBe('succeeded');
    // The first upload is still open (a client may retry a refused chunk); sending past its size ends it.
    const beyond = await core.call('uploadChunk', { uploadId, offset: 0, data: Buffer.concat([bytes.subarray(0, 1000), Buffer.alloc(bytes.length)]).subarray(0, maxChunkBytes).toString('base64') });
    expect(bytes.length).toBeLessThan(maxChunkBytes);
    expect(beyond.ok ? 'accepted' : beyond.error.code).toBe('INVALID_INPUT');
    expectTranslated('INVALID_INPUT', 'api');
    const after = await core.call('uploadChunk', { uploadId, offset: 0, data: 'AAAA' });
    expect(after.ok ? 'accepted' : after.error.code).toBe('NOT_FOUND');
    expectConsistent(core.dataDir);
  });

  it('treats a path in an uploaded file name as a name, writing nothing outside the document store', async () => {
    const core = fresh();
    const job = await importThroughContract(core, fs.readFileSync(january2022().path), '../../../../etc/passwd');
    expect(job.state).toBe('succeeded');
    expectConsistent(core.dataDir);
    expect(fs.existsSync(path.resolve(core.dataDir, 'uploads', '../../../../etc/passwd.part'))).toBe(false);
  });

  describe('through the browser host', () => {
    const hosts: BrowserHost[] = [];
    afterEach(async () => {
      await Promise.all(hosts.splice(0).map((h) => h.close()));
    });

    it('answers oversized, malformed and wrongly typed bodies with typed, translated errors', async () => {
      const dataDir = makeTempDir();
      const host = await startBrowserHost({
        dataDir,
        rendererDir: makeTempDir('chamber-renderer-'),
        coreEntry: path.join(distDir, 'core', 'worker.cjs'),
        unlock: { passphrase: process.env[passphraseEnv] ?? 'unset' },
        bodyLimitBytes: 64 * 1024,
      });
      hosts.push(host);
      const post = async (op: string, body: string, contentType = 'application/json') => {
        const response = await fetch(`${host.origin}/api/${op}`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${host.token}` }, body });
        return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { code: string } } };
      };
      const cases: [string, string, string | undefined, number, string][] = [
        ['createMeeting', JSON.stringify({ title: 'x'.repeat(100 * 1024) }), undefined, 413, 'PAYLOAD_TOO_LARGE'],
        ['uploadChunk', JSON.stringify({ uploadId: '00000000-0000-4000-8000-000000000000', offset: 0, data: 'A'.repeat(200 * 1024) }), undefined, 413, 'PAYLOAD_TOO_LARGE'],
        ['createMeeting', '{"title":', undefined, 400, 'INVALID_INPUT'],
        ['createMeeting', '<meeting/>', 'application/xml', 415, 'INVALID_INPUT'],
        ['createMeeting', JSON.stringify({ title: 7, date: [] }), undefined, 200, 'INVALID_INPUT'],
        ['createMeeting', 'null', undefined, 200, 'INVALID_INPUT'],
        ['beginUpload', JSON.stringify({ fileName: 'pack.pdf', byteSize: -1 }), undefined, 200, 'INVALID_INPUT'],
      ];
      for (const [op, body, contentType, status, code] of cases) {
        const answer = await post(op, body, contentType);
        expect(answer.status, `${op} ${body.slice(0, 40)}`).toBe(status);
        expect(answer.body.error?.code, `${op} ${body.slice(0, 40)}`).toBe(code);
        expectTranslated(code, 'api');
      }
      await host.close();
      hosts.length = 0;
      expect(count(dataDir, 'meetings')).toBe(0);
      expectConsistent(dataDir);
    });
  });
});

describe('hostile Modern.gov sites', () => {
  const today = '2026-11-23';
  const clock = () => new Date(`${today}T09:00:00Z`);
  let site: ModernGovTestSite;
  beforeEach(async () => {
    site = await startModernGovSite({ samplePackDir, today });
  });
  afterEach(() => site.close());

  async function refresh(core: Core, siteId: string) {
    const { refreshId } = await value(core.call('startModernGovRefresh', { siteId }));
    for (;;) {
      const state = await value(core.call('getModernGovRefresh', { refreshId }));
      if (state.state !== 'running') return state;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it.each([
    ['an external entity (XXE)', 'hostile', {}, 'MODERNGOV_BAD_XML'],
    ['an entity bomb (billion laughs)', 'bomb', {}, 'MODERNGOV_BAD_XML'],
    ['malformed XML', 'broken', {}, 'MODERNGOV_BAD_XML'],
    ['an answer over the size limit', 'council', { moderngovHttp: { maxXmlBytes: 200 } }, 'MODERNGOV_TOO_LARGE'],
  ] as const)('refuses a site answering with %s, saving nothing', async (_label, name, options, code) => {
    const core = fresh({ clock, ...options });
    const answer = await core.call('addModernGovSite', { url: site.siteUrl(name) });
    expect(answer.ok ? 'accepted' : answer.error.code).toBe(code);
    if (!answer.ok) expect(answer.error.message).not.toMatch(/root:|lollol/);
    expectTranslated(code, 'api');
    expect(count(core.dataDir, 'moderngov_sites')).toBe(0);
    expectConsistent(core.dataDir);
  });

  // Issue 20: a hostile meeting is that meeting's failure, named with its reason; the refresh carries on.
  it.each(['xxe', 'bomb'] as const)('refuses a meeting answered with %s, keeping what was whole', async (hostile) => {
    const core = fresh({ clock });
    const added = await value(core.call('addModernGovSite', { url: site.url }));
    await value(core.call('updateModernGovSite', { siteId: added.id, chosenCommitteeIds: [site.ids.committee] }));
    const recent = site.meetings.find((m) => m.id === site.ids.recent);
    if (!recent) throw new Error('no recent meeting');
    recent.hostile = hostile;
    const state = await refresh(core, added.id);
    expect(state.state).toBe('succeeded');
    const failure = state.result?.failures.find((f) => f.kind === 'meeting');
    expect(failure).toMatchObject({ meetingModernGovId: site.ids.recent, code: 'MODERNGOV_BAD_XML' });
    expect(failure?.message).not.toMatch(/root:|lollol/);
    expectTranslated('MODERNGOV_BAD_XML', 'api');
    // The meeting before it arrived whole (its own transaction); the hostile one left nothing.
    expect(count(core.dataDir, 'moderngov_meetings')).toBe(1);
    expectConsistent(core.dataDir);
  });

  it('fetches nothing to a path taken from a document link or title', async () => {
    const core = fresh({ clock });
    const soon = site.meetings.find((m) => m.id === site.ids.soon);
    const item = soon?.items[0];
    if (!item) throw new Error('no item');
    const published = '16/11/2026 16:22:05';
    item.documents.push(
      { attachmentId: 9001, title: '../../../etc/passwd', url: '../../../../etc/passwd', publicationDate: published },
      { attachmentId: 9002, title: '..\\..\\Windows\\win.ini', url: 'documents/s9002/..%2F..%2F..%2Fetc%2Fpasswd', publicationDate: published },
      { attachmentId: 9003, title: 'Local file', url: 'file:///etc/passwd', publicationDate: published },
    );
    const added = await value(core.call('addModernGovSite', { url: site.url }));
    await value(core.call('updateModernGovSite', { siteId: added.id, chosenCommitteeIds: [site.ids.committee] }));
    const state = await refresh(core, added.id);
    expect(state.state).toBe('succeeded');
    const failures = new Map(state.result?.failures.map((f) => [f.attachmentId, f.code]));
    expect(failures.get(9001)).toBe('MODERNGOV_UNREACHABLE');
    expect(failures.get(9002)).toBe('MODERNGOV_UNREACHABLE');
    expect(failures.get(9003)).toBe('MODERNGOV_OFF_SITE');
    for (const code of failures.values()) expectTranslated(code, 'api');
    // The rest of the meeting arrived; the hostile links have rows that say why, and no file.
    const db = openDataDatabase(core.dataDir, { readonly: true });
    expect(db.prepare('SELECT mg_attachment_id AS id, document_sha256 AS sha, fetch_error AS error FROM moderngov_documents WHERE mg_attachment_id > 9000 ORDER BY 1').all()).toEqual([
      { id: 9001, sha: null, error: 'MODERNGOV_UNREACHABLE' },
      { id: 9002, sha: null, error: 'MODERNGOV_UNREACHABLE' },
      { id: 9003, sha: null, error: 'MODERNGOV_OFF_SITE' },
    ]);
    db.close();
    expect(count(core.dataDir, 'packs')).toBeGreaterThan(0);
    expectConsistent(core.dataDir);
  });
});
