import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core';
import { CoreError } from '../errors';
import { databaseFileName } from '../db/database';
import { migrate } from '../db/migrator';
import { migrations } from '../db/migrations';
import { sha256Hex } from '../packs/documentStore';
import { openDataDatabase } from '../testing/dataDatabase';
import { january2022 } from '../testing/samplePacks';
import { distDir, makeTempDir } from '../testing/tempDir';
import { defaultChunkSize, headerBytes, tagBytes } from './documentCipher';
import { keyFileName, passphraseEnv } from './keyStore';

// A phrase from the seed pack's minutes: it is indexed for search, so it sits in the database as text.
const phrase = 'Budget Scrutiny';
const opened: Core[] = [];
const open = (dataDir: string, passphrase?: string) => {
  const core = openCore({ dataDir, distDir, passphrase });
  opened.push(core);
  return core;
};
afterEach(() => {
  for (const core of opened.splice(0)) core.close();
});

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof CoreError ? error.code : String(error);
  }
  return undefined;
}

describe('encryption at rest', () => {
  it('leaves no pack text in the database files and no PDF bytes in the document store', async () => {
    const dataDir = makeTempDir();
    const core = open(dataDir);
    const pdf = fs.readFileSync(january2022().path);
    const imported = await core.importPackFile(january2022().path);

    // The phrase really is stored (so finding none of it on disk means something).
    const db = openDataDatabase(dataDir, { readonly: true });
    const pages = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM pack_pages WHERE text LIKE '%' || ? || '%'").get(phrase);
    db.close();
    expect(pages?.n).toBeGreaterThan(0);

    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith(databaseFileName))).toBe(true);
    const sample = pdf.subarray(4096, 4096 + 64);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(Buffer.from(phrase, 'utf8')), file).toBe(false);
      expect(bytes.includes(Buffer.from(phrase, 'utf16le')), file).toBe(false);
      expect(bytes.includes(Buffer.from('%PDF-')), file).toBe(false);
      expect(bytes.includes(sample), file).toBe(false);
    }

    // …and the reader still gets the exact original bytes back, in ranges across chunk boundaries.
    const pack = await core.call('getMeetingPack', { meetingId: imported.meetingId });
    if (!pack.ok) throw new Error(pack.error.message);
    const sha = sha256Hex(pdf);
    const slices: Buffer[] = [];
    for (let offset = 0; offset < pdf.length; offset += 30_000) {
      const answer = await core.call('readDocument', { sha256: sha, offset, length: 30_000 });
      if (!answer.ok) throw new Error(answer.error.message);
      expect(answer.value.total).toBe(pdf.length);
      slices.push(Buffer.from(answer.value.data, 'base64'));
    }
    expect(Buffer.concat(slices).equals(pdf)).toBe(true);
  });

  it('refuses to create data without a passphrase or key, writing nothing', () => {
    const dataDir = makeTempDir();
    const saved = process.env[passphraseEnv];
    delete process.env[passphraseEnv];
    try {
      expect(codeOf(() => openCore({ dataDir, distDir }))).toBe('KEY_REQUIRED');
    } finally {
      process.env[passphraseEnv] = saved;
    }
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a wrong passphrase and leaves the data as it was', async () => {
    const dataDir = makeTempDir();
    const core = open(dataDir, 'the right one');
    await core.call('createMeeting', { title: 'Panel', committee: 'Panel', date: '2022-01-17', startTime: '10:00', venue: 'County Hall' });
    core.close();
    const before = fs.readFileSync(path.join(dataDir, keyFileName));
    expect(codeOf(() => openCore({ dataDir, distDir, passphrase: 'a wrong one' }))).toBe('KEY_WRONG');
    expect(fs.readFileSync(path.join(dataDir, keyFileName)).equals(before)).toBe(true);
    const again = await open(dataDir, 'the right one').call('listMeetings', {});
    expect(again.ok && again.value.length).toBe(1);
  });

  it('encrypts a plaintext database and plaintext documents from before encryption, keeping everything', async () => {
    const dataDir = makeTempDir();
    // The layout an earlier Chamber wrote: a plain SQLite file and plain PDFs named by their hash.
    const plain = new Database(path.join(dataDir, databaseFileName));
    plain.pragma('journal_mode = WAL');
    migrate(plain, migrations);
    plain
      .prepare(
        `INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at)
         VALUES ('00000000-0000-4000-8000-000000000001', ?, 'Panel', '2022-01-17', '10:00', 'County Hall', '2022-01-01T09:00:00.000Z', '2022-01-01T09:00:00.000Z')`,
      )
      .run(`${phrase} of the year`);
    plain.close();
    const pdf = fs.readFileSync(january2022().path);
    const sha = sha256Hex(pdf);
    const documentFile = path.join(dataDir, 'documents', sha.slice(0, 2), `${sha}.pdf`);
    fs.mkdirSync(path.dirname(documentFile), { recursive: true });
    fs.writeFileSync(documentFile, pdf);
    expect(fs.readFileSync(path.join(dataDir, databaseFileName)).includes(Buffer.from(phrase))).toBe(true);

    const core = open(dataDir);
    const meetings = await core.call('listMeetings', {});
    if (!meetings.ok) throw new Error(meetings.error.message);
    expect(meetings.ok && meetings.value.map((m) => m.title)).toEqual([`${phrase} of the year`]);
    const read = await core.call('readDocument', { sha256: sha, offset: 0, length: pdf.length });
    expect(read.ok && Buffer.from(read.value.data, 'base64').equals(pdf)).toBe(true);
    core.close();

    for (const file of filesUnder(dataDir)) {
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(Buffer.from(phrase)), file).toBe(false);
      expect(bytes.includes(Buffer.from('%PDF-')), file).toBe(false);
    }
  });

  it('reports a stored document altered on disk instead of serving it', async () => {
    const dataDir = makeTempDir();
    const core = open(dataDir);
    await core.importPackFile(january2022().path);
    const sha = sha256Hex(fs.readFileSync(january2022().path));
    const file = path.join(dataDir, 'documents', sha.slice(0, 2), `${sha}.pdf`);
    const bytes = fs.readFileSync(file);
    // One byte inside the last sealed chunk (the pack spans several).
    const last = Math.ceil(fs.statSync(january2022().path).size / defaultChunkSize) - 1;
    expect(last).toBeGreaterThan(0);
    const at = headerBytes + last * (defaultChunkSize + tagBytes) + 10;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    fs.writeFileSync(file, bytes);
    const answer = await core.call('readDocument', { sha256: sha, offset: last * defaultChunkSize, length: 16 });
    expect(answer.ok ? 'ok' : answer.error.code).toBe('DOCUMENT_DAMAGED');
    // Chunks outside the damage still read: one flipped byte does not cost the whole pack.
    const first = await core.call('readDocument', { sha256: sha, offset: 0, length: 1024 });
    expect(first.ok).toBe(true);
  });
});
