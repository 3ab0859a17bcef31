import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateProtectedPack } from '../../../tools/sample-packs/generate';
import { storedLines } from '../annotations/geometry';
import { unreadablePagePdf } from '../testing/badPdfs';
import { sampleManifest, samplePackDir } from '../testing/samplePacks';
import { distDir, makeTempDir } from '../testing/tempDir';
import { extractPdf, type ExtractedPdf } from './extract';
import { ImportError } from './importError';
import { joinPdfs } from './join';
import { workerExtractor, type PoolOptions } from './runExtraction';

/**
 * Issue 23.4: extraction in a pool of workers, each reading page ranges of its own copy of the
 * PDF, gives exactly what one worker (and the in-process extractor) gives: every page once, in
 * page order, the same text, lines and sizes. The pack is a real multi-part one: every sample pack
 * the build typesets (different fonts, tables, Welsh), joined into one PDF as a publisher's papers are.
 */

const workerFile = path.join(distDir, 'core', 'extract-worker.mjs');
// One worker per page is allowed, so even a short pack is split between as many workers as asked.
const pooled = (maxWorkers: number): PoolOptions => ({ maxWorkers, pagesPerWorker: 1 });
const single: PoolOptions = { maxWorkers: 1 };

let multiPart: Uint8Array;
let partPages: number[];

beforeAll(async () => {
  const parts = sampleManifest().packs.map((pack) => ({ key: pack.file, bytes: new Uint8Array(fs.readFileSync(path.join(samplePackDir, pack.file))) }));
  const joined = await joinPdfs(parts, 'Every sample pack, joined');
  multiPart = joined.bytes;
  partPages = [...joined.ranges.values()].map((r) => r.to - r.from + 1);
});

interface Run {
  result: ExtractedPdf;
  progress: [number, number][];
}

async function run(bytes: Uint8Array, pool: PoolOptions, password?: string): Promise<Run> {
  const progress: [number, number][] = [];
  const extractor = workerExtractor(workerFile, 5000, pool);
  try {
    const result = await extractor(bytes, (done, total) => progress.push([done, total]), new AbortController().signal, password);
    return { result, progress };
  } finally {
    extractor.close();
  }
}

/** What the workers add for the geometry store, taken off so the rest compares with the in-process extractor. */
function withoutStoredLines(result: ExtractedPdf): ExtractedPdf {
  return { ...result, pages: result.pages.map(({ storedLines: _stored, ...page }) => page) };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'extracted',
    (error: unknown) => (error instanceof ImportError ? error.code : String(error)),
  );
}

describe('extraction in a pool of workers', () => {
  it('gives every page of a multi-part pack once, in page order, identical to one worker and to the in-process extractor', async () => {
    const one = await run(multiPart, single);
    const two = await run(multiPart, pooled(2));
    const three = await run(multiPart, pooled(3));
    // A file this size starts three workers at once; the page count then keeps one and stops the rest.
    const startedThreeKeptOne = await run(multiPart, { maxWorkers: 3, pagesPerWorker: 100_000 });
    const inProcess = await extractPdf(multiPart);

    const pageCount = partPages.reduce((a, b) => a + b, 0);
    expect(partPages.length).toBeGreaterThan(3);
    expect(inProcess.pageCount).toBe(pageCount);
    expect(multiPart.length).toBeGreaterThan(128 * 1024);
    for (const { result } of [one, two, three, startedThreeKeptOne]) {
      expect(result.pageCount).toBe(pageCount);
      // Each page once and in order: a missing, doubled or swapped page fails here by its index.
      expect(result.pages.map((p) => p.index)).toEqual(Array.from({ length: pageCount }, (_, i) => i));
      expect(result.unreadablePages).toEqual([]);
    }
    expect(two.result.pages.map((p) => p.text)).toEqual(one.result.pages.map((p) => p.text));
    expect(three.result).toEqual(one.result);
    expect(two.result).toEqual(one.result);
    expect(startedThreeKeptOne.result).toEqual(one.result);
    expect(withoutStoredLines(one.result)).toEqual(inProcess);
    // The geometry the workers precompute is what the store would have worked out itself.
    expect(one.result.pages.map((p) => p.storedLines)).toEqual(inProcess.pages.map((p) => storedLines(p)));
    // A pool whose workers each read whole parts would pass even if parts were swapped; the texts
    // differ from part to part, so the order above is checked across the joins too.
    expect(new Set(one.result.pages.map((p) => p.text)).size).toBeGreaterThan(pageCount / 2);
  });

  it('reports progress that only goes up, one step per page, whichever worker read it', async () => {
    const { result, progress } = await run(multiPart, pooled(3));
    expect(progress).toEqual(Array.from({ length: result.pageCount }, (_, i) => [i + 1, result.pageCount]));
  });

  it('keeps an unreadable page in its place, empty and sized like the page before, when its neighbour was read by another worker', async () => {
    const file = await unreadablePagePdf(makeTempDir());
    const bytes = new Uint8Array(fs.readFileSync(file));
    const one = await run(bytes, single);
    const three = await run(bytes, pooled(3));
    expect(three.result.unreadablePages).toEqual([2]);
    expect(three.result.pages.map((p) => p.text)).toEqual(['Report page 1 of the agenda pack', 'Report page 2 of the agenda pack', '']);
    expect(three.result).toEqual(one.result);
  });

  it('opens a password-protected pack in every worker with the password, and refuses a wrong one', async () => {
    const password = 'Quill-7f3e9a-Lantern';
    const file = path.join(makeTempDir(), 'protected.pdf');
    await generateProtectedPack(file, { user: password, owner: 'owner-Harbour-51c2' });
    const bytes = new Uint8Array(fs.readFileSync(file));
    const one = await run(bytes, single, password);
    const two = await run(bytes, pooled(2), password);
    expect(one.result.pageCount).toBeGreaterThan(2);
    expect(two.result).toEqual(one.result);
    expect(await codeOf(run(bytes, pooled(2)))).toBe('PDF_PASSWORD_REQUIRED');
    expect(await codeOf(run(bytes, pooled(2), 'not-the-password'))).toBe('PDF_PASSWORD_WRONG');
  });

  it('reuses its workers from one import to the next, keeping nothing of the last file or its password', async () => {
    const password = 'Quill-7f3e9a-Lantern';
    const file = path.join(makeTempDir(), 'protected.pdf');
    await generateProtectedPack(file, { user: password, owner: 'owner-Harbour-51c2' });
    const locked = new Uint8Array(fs.readFileSync(file));
    const expected = (await run(multiPart, single)).result;
    const lockedExpected = (await run(locked, single, password)).result;
    const extractor = workerExtractor(workerFile, 5000, pooled(2));
    const extract = (bytes: Uint8Array, withPassword?: string) => extractor(bytes, () => undefined, new AbortController().signal, withPassword);
    try {
      expect(await extract(multiPart)).toEqual(expected);
      expect(await extract(locked, password)).toEqual(lockedExpected);
      // The same warm workers: the file they opened last with its password is not open to this one.
      expect(await codeOf(extract(locked))).toBe('PDF_PASSWORD_REQUIRED');
      expect(await extract(multiPart)).toEqual(expected);
      expect(await extract(locked, password)).toEqual(lockedExpected);
    } finally {
      extractor.close();
    }
  });

  it('answers CANCELLED on cancel and reports no page after it', async () => {
    const controller = new AbortController();
    let seen = 0;
    const extraction = workerExtractor(workerFile, 5000, pooled(2))(
      multiPart,
      () => {
        seen += 1;
        if (seen === 3) controller.abort();
      },
      controller.signal,
    );
    expect(await codeOf(extraction)).toBe('CANCELLED');
    // Nothing more is reported once cancelled: the pool's later pages are dropped with its workers.
    expect(seen).toBe(3);
  });

  it('refuses a pack over the page limit before the pool starts reading', async () => {
    let progressed = false;
    const code = await codeOf(workerExtractor(workerFile, 10, pooled(2))(multiPart, () => (progressed = true), new AbortController().signal));
    expect(code).toBe('PDF_TOO_MANY_PAGES');
    expect(progressed).toBe(false);
  });
});
