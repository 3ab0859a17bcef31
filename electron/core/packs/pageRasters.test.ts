import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProtectedPack } from '../../../tools/sample-packs/generate';
import { openCore, type Core } from '../core';
import { january2022, november2019 } from '../testing/samplePacks';
import { syncFixture, type SyncFixture } from '../testing/syncClients';
import { distDir, makeTempDir } from '../testing/tempDir';
import { DocumentStore } from './documentStore';

/**
 * Issue 23 goal 1: a picture of page 1 (and of the page a member left) is made after import, so the
 * reader shows the page before pdf.js has parsed the pack. It is council paper like the PDF: sealed
 * on disk, served under the same gate, never made of a password-protected pack, gone with its document.
 */

const webp = (bytes: Buffer) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';

/** Every file under `dir` whose bytes hold `needle`. */
function filesHolding(dir: string, needle: Buffer): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => fs.readFileSync(file).includes(needle));
}

async function ok<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('page pictures made after import', () => {
  let core: Core;
  let dataDir: string;
  beforeAll(() => {
    dataDir = makeTempDir();
    core = openCore({ dataDir, distDir });
  });
  afterAll(() => core?.close());

  it('draws page 1 after the import, serves it as WebP with the page size, and keeps it sealed on disk', async () => {
    const imported = await core.importPackFile(january2022().path);
    const pack = await ok(core.call('getMeetingPack', { meetingId: imported.meetingId }));
    const sha256 = pack?.documentSha256 ?? '';
    await core.pagePictures();
    const raster = await ok(core.call('readPageRaster', { sha256, page: 1 }));
    expect(raster).toMatchObject({ mime: 'image/webp', width: 1200 });
    expect(raster?.pageWidth).toBeCloseTo(595.28, 1);
    const image = Buffer.from(raster?.data ?? '', 'base64');
    expect(webp(image)).toBe(true);
    expect(image.length).toBeGreaterThan(5000);
    // On disk, beside the document and under the data key: neither the image nor its header in the clear.
    const documents = path.join(dataDir, 'documents');
    expect(fs.readdirSync(path.join(documents, sha256.slice(0, 2)))).toContain(`${sha256}.page-1.raster`);
    expect(filesHolding(documents, Buffer.from('WEBP'))).toEqual([]);
    expect(filesHolding(documents, image.subarray(40, 120))).toEqual([]);
    expect(filesHolding(documents, Buffer.from('pageWidth'))).toEqual([]);
    // No picture of a page that was never drawn.
    expect(await ok(core.call('readPageRaster', { sha256, page: 3 }))).toBeNull();
  });

  it('draws the page a member settles on, keeping page 1 and only the latest such page', async () => {
    const meetings = await ok(core.call('listMeetings', {}));
    const pack = await ok(core.call('getMeetingPack', { meetingId: meetings[0]?.id ?? '' }));
    const sha256 = pack?.documentSha256 ?? '';
    const packId = pack?.packId ?? '';
    for (const page of [4, 6]) {
      await ok(core.call('saveReadingPlace', { packId, page }));
      await new Promise((resolve) => setTimeout(resolve, 1_700));
      await core.pagePictures();
    }
    expect(await ok(core.call('readPageRaster', { sha256, page: 6 }))).toMatchObject({ mime: 'image/webp' });
    expect(await ok(core.call('readPageRaster', { sha256, page: 4 }))).toBeNull();
    expect(await ok(core.call('readPageRaster', { sha256, page: 1 }))).not.toBeNull();
  });

  it('makes no picture of a password-protected pack (it would show its pages without the password)', async () => {
    const lockedFile = path.join(makeTempDir(), 'ccosp-2019-11-05-agenda-protected.pdf');
    const password = 'Quill-7f3e9a-Lantern';
    await generateProtectedPack(lockedFile, { user: password, owner: 'owner-Harbour-51c2' });
    const own = openCore({ dataDir: makeTempDir(), distDir });
    try {
      const imported = await own.importPackFile(lockedFile, { password });
      await own.pagePictures();
      const pack = await ok(own.call('getMeetingPack', { meetingId: imported.meetingId }));
      expect(await ok(own.call('readPageRaster', { sha256: pack?.documentSha256 ?? '', page: 1 }))).toBeNull();
    } finally {
      own.close();
    }
  });

  it('removes a document’s pictures with the document', () => {
    const store = new DocumentStore(makeTempDir(), randomBytes(32));
    const sha256 = 'ab'.repeat(32);
    store.put(sha256, Buffer.from('%PDF-1.7 stand-in'));
    const meta = { mime: 'image/webp' as const, width: 10, height: 14, pageWidth: 595, pageHeight: 842 };
    store.putRaster(sha256, 1, meta, Buffer.from('picture one'));
    store.putRaster(sha256, 9, meta, Buffer.from('picture nine'));
    expect(store.readRaster(sha256, 9)).toEqual({ meta, image: Buffer.from('picture nine') });
    expect(store.rasterPages(sha256).sort()).toEqual([1, 9]);
    store.remove(sha256);
    expect(store.rasterPages(sha256)).toEqual([]);
    expect(store.readRaster(sha256, 1)).toBeNull();
  });
});

describe('a restricted paper’s page picture', () => {
  const member = { name: 'Cllr Elin Rhys', email: 'elin@council.example', role: 'councillor' as const, password: 'elin password 12', committees: ['Planning Panel'] };
  let fixture: SyncFixture;
  beforeAll(async () => {
    fixture = await syncFixture(member);
  }, 120_000);
  afterAll(() => fixture?.close());

  it('is refused, as the paper is, once the device has been offline too long, and served again after a sign-in', async () => {
    const { endpoint, meetingId } = fixture;
    const restricted = await endpoint.publish(
      { committee: 'Planning Panel', title: 'Planning Panel', date: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10), startTime: '14:00', venue: 'County Hall', items: [] },
      { file: november2019().path, kind: 'pack', restricted: true },
    );
    let now = Date.now();
    const tablet = await fixture.device({ clock: () => new Date(now) });
    await tablet.call('configureSync', { offlineExpiryDays: 30 });
    await tablet.call('syncNow', {});
    await tablet.core.pagePictures();
    const open = await tablet.call('getMeetingPack', { meetingId });
    const picture = (sha256: string) => tablet.core.call('readPageRaster', { sha256, page: 1 });
    const secret = restricted.document?.sha256 ?? '';
    expect(await picture(secret)).toMatchObject({ ok: true, value: { mime: 'image/webp' } });

    now += 31 * 86_400_000;
    expect(await picture(secret)).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    // An ordinary paper's picture stays available offline.
    expect(await picture(open?.documentSha256 ?? '')).toMatchObject({ ok: true, value: { mime: 'image/webp' } });

    await tablet.call('signInToEndpoint', { endpoint: fixture.proxy.url, email: member.email, password: member.password });
    expect(await picture(secret)).toMatchObject({ ok: true, value: { mime: 'image/webp' } });
  });
});
