import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openCore, type Core } from '../../electron/core/core';
import type { Db } from '../../electron/core/db/database';
import { openDataDatabase } from '../../electron/core/testing/dataDatabase';
import { extractPdf } from '../../electron/core/packs/extract';
import { availableCores, poolSize } from '../../electron/core/packs/runExtraction';
import { CoreClient } from '../../electron/core/process/client';
import { startCoreWorker } from '../../electron/core/process/workerChannel';
import { PackSearch, toFtsQuery } from '../../electron/core/repositories/packSearch';
import { generateLargePack } from '../../tools/sample-packs/generate';
import { median, type Workload } from '../harness';
import { buildSearchCorpus, type SearchCorpus } from './searchCorpus';

const dist = path.resolve(__dirname, '..');
const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-bench-'));
const largePages = Number(process.env.BENCH_PACK_PAGES ?? 300);
let largePackFile: string | null = null;

async function largePack(): Promise<string> {
  if (!largePackFile) {
    largePackFile = path.join(fresh(), `large-${largePages}.pdf`);
    await generateLargePack(largePackFile, largePages);
  }
  return largePackFile;
}

/** Extra numbers a workload reports besides its timed medians (pages/s, p95, stalls). */
export const notes: string[] = [];

/**
 * The core's own event loop while something runs on it: monitorEventLoopDelay's max and p99, and
 * the longest gap between two ticks of a 1 ms interval, which also catches a single long block that
 * the histogram's sampling can miss.
 */
async function watchEventLoop<T>(work: () => Promise<T>): Promise<{ value: T; maxMs: number; p99Ms: number; longestGapMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let longestGapMs = 0;
  const ticks = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 1);
  histogram.enable();
  try {
    const value = await work();
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    return { value, maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, longestGapMs };
  } finally {
    histogram.disable();
    clearInterval(ticks);
  }
}

/**
 * Import throughput: the whole import of a 300-page pack (extraction in a pool of worker threads,
 * structure, content-addressed store, one transaction with pages, FTS index and outbox) against
 * pdf.js extracting the same text in-process on one thread with nothing else, the floor any
 * single-threaded importer stands on. The core runs on this thread, so its event loop is watched
 * during every import.
 */
export function packImport(): Workload {
  let core: Core | null = null;
  let file = '';
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  const pagesPerSecond: number[] = [];
  const barePagesPerSecond: number[] = [];
  const stalls: { maxMs: number; p99Ms: number; longestGapMs: number }[] = [];
  const loads: number[] = [];
  return {
    name: 'pack-import',
    description: `import of a ${largePages}-page generated pack through one open core, into a new meeting each run (extraction in a pool of ${poolSize(largePages)} worker thread(s) by page range, kept warm between imports; structure, store, pages + FTS + outbox in one transaction) vs pdf.js text extraction of the same file in-process on one thread alone. Goal ≤ 1.0×, the core's event loop never stalled 50 ms or more.`,
    repeats,
    baseline: {
      name: 'pdf.js extraction only, one thread',
      setup: async () => {
        file = await largePack();
      },
      run: async () => {
        const started = performance.now();
        const result = await extractPdf(fs.readFileSync(file));
        barePagesPerSecond.push(result.pageCount / ((performance.now() - started) / 1000));
      },
    },
    subject: {
      name: 'importPackFile',
      // One core for every run, as the app keeps one: its extraction workers are cold for the first
      // import only. Each run imports into a new meeting, so each is a whole import, not a repeat.
      setup: () => {
        core ??= openCore({ dataDir: fresh(), distDir: dist });
      },
      run: async () => {
        const made = await core?.call('createMeeting', { title: `Bench ${pagesPerSecond.length}`, committee: 'Bench Panel', date: '2026-12-01', startTime: '10:00', venue: 'County Hall' });
        if (!made?.ok) throw new Error('could not create the meeting to import into');
        loads.push(os.loadavg()[0] ?? 0);
        const started = performance.now();
        const watched = await watchEventLoop(async () => core?.importPackFile(file, { meetingId: made.value.id }));
        if (watched.value?.alreadyImported !== false) throw new Error('the import was not a whole import');
        pagesPerSecond.push((watched.value.pageCount ?? 0) / ((performance.now() - started) / 1000));
        stalls.push(watched);
      },
      teardown: () => {
        if (pagesPerSecond.length !== repeats) return;
        core?.close();
        const worst = (pick: (s: (typeof stalls)[number]) => number) => Math.max(...stalls.map(pick)).toFixed(1);
        notes.push(
          `pack-import: ${median(pagesPerSecond).toFixed(0)} pages/s imported vs ${median(barePagesPerSecond).toFixed(0)} pages/s bare pdf.js extraction (medians of ${repeats}); ` +
            `pool of ${poolSize(largePages)} worker(s) on ${availableCores()} cores; core event loop during import, worst of ${repeats}: monitorEventLoopDelay max ${worst((s) => s.maxMs)} ms, p99 ${worst((s) => s.p99Ms)} ms, ` +
            `longest gap between 1 ms ticks ${worst((s) => s.longestGapMs)} ms (per run: ${stalls.map((s) => s.longestGapMs.toFixed(0)).join(', ')} ms); first import (cold workers) ${pagesPerSecond[0]?.toFixed(0) ?? '?'} pages/s; ` +
            `load average ${loads.map((l) => l.toFixed(1)).join(', ')} at the imports' start`,
        );
      },
    },
  };
}

/**
 * FTS5 against a LIKE scan over a corpus of at least 30,000 varied pages (see searchCorpus.ts), for
 * the queries the Search page sends as a member types: rare and common words (the last word always
 * matches as a prefix), short prefixes, phrases and several words. Top 20 hits with snippets and
 * item names, as the first page of results the Search page shows.
 */
export function packSearch(): Workload {
  const targetPages = Number(process.env.BENCH_SEARCH_PAGES ?? 30000);
  const classes: Record<string, string[]> = {
    rare: [],
    common: [],
    prefix: ['co', 'bud', 'scru', 'inf', 'gover'],
    phrase: ['"data sharing"', '"information governance"', '"scrutiny panel"', '"the council"'],
    words: ['west mercia energy', 'budget scrutiny', 'council tax', 'children services'],
  };
  let db: Db | null = null;
  let core: Core | null = null;
  let corpus: SearchCorpus | null = null;
  const ftsTimes = new Map<string, number[]>();
  const likeTimes: number[] = [];
  const gateClosedTimes: number[] = [];
  const queries = () => Object.entries(classes).flatMap(([kind, qs]) => qs.map((q) => ({ kind, q })));
  const prepare = async () => {
    if (core) return;
    const dataDir = fresh();
    core = openCore({ dataDir, distDir: dist });
    db = openDataDatabase(dataDir);
    corpus = buildSearchCorpus(db, randomBytes(32).toString('hex'), targetPages);
    classes.rare = corpus.rareTerms;
    classes.common = corpus.commonTerms;
    // The first query of each warms the core's connection, as a member's first search would.
    for (const { q } of queries()) await core.call('searchPacks', { query: q, limit: 20 });
  };
  const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;
  const repeats = Number(process.env.BENCH_REPEATS_SEARCH ?? 10);
  let runs = 0;
  return {
    name: 'pack-search',
    description: `as-you-type queries over ${targetPages}+ varied generated pages: FTS5 via searchPacks (bm25-ranked top 20 with snippets and item names) vs a LIKE scan finding every page that contains the text (unranked, no snippets).`,
    repeats,
    baseline: {
      name: 'LIKE scan',
      setup: prepare,
      run: () => {
        for (const { q } of queries()) {
          const started = performance.now();
          db?.prepare('SELECT id FROM pack_pages WHERE text LIKE ?').all(`%${q.replace(/"/g, '')}%`);
          likeTimes.push(performance.now() - started);
        }
      },
    },
    subject: {
      name: 'FTS5 searchPacks',
      run: async () => {
        for (const { kind, q } of queries()) {
          if (!toFtsQuery(q)) throw new Error('bad query');
          const started = performance.now();
          const result = await core?.call('searchPacks', { query: q, limit: 20 });
          const elapsed = performance.now() - started;
          if (!result?.ok) throw new Error('search failed');
          if (result.value.length === 0) throw new Error(`no hits for ${q}`);
          const times = ftsTimes.get(kind) ?? [];
          times.push(elapsed);
          ftsTimes.set(kind, times);
          // The same query with the offline expiry gate closed, on the bench's own connection
          // (the core's gate opens only with sync state), so its filtering cost is seen too.
          if (db) {
            const closedStarted = performance.now();
            new PackSearch(db).search(q, { limit: 20, withoutRestricted: true });
            gateClosedTimes.push(performance.now() - closedStarted);
          }
        }
      },
      teardown: () => {
        if (++runs < repeats || !corpus) return;
        const all = [...ftsTimes.values()].flat();
        notes.push(
          `pack-search corpus: ${corpus.pages} pages (${corpus.searchablePages} in current versions) in ${corpus.packs} packs, ${corpus.distinctTerms} distinct terms; rare: ${corpus.rareTerms.join(', ')}; common: ${corpus.commonTerms.join(', ')}`,
          `pack-search per query (ms): ${[...ftsTimes].map(([kind, t]) => `${kind} p50 ${median(t).toFixed(2)} / p95 ${pct(t, 0.95).toFixed(2)}`).join('; ')}; all p50 ${median(all).toFixed(2)} / p95 ${pct(all, 0.95).toFixed(2)}; LIKE p50 ${median(likeTimes).toFixed(2)} / p95 ${pct(likeTimes, 0.95).toFixed(2)}; gate closed (all kinds) p50 ${median(gateClosedTimes).toFixed(2)} / p95 ${pct(gateClosedTimes, 0.95).toFixed(2)}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
        );
        db?.close();
        core?.close();
      },
    },
  };
}

/**
 * The longest stall of the host's own thread (the Electron main process or the browser host's
 * HTTP thread) while the core imports a pack in its worker, against the same host thread idle.
 */
export function importStall(): Workload {
  let client: CoreClient | null = null;
  const stall = async (work: () => Promise<void>) => {
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    await work();
    histogram.disable();
    return histogram.max / 1e6;
  };
  const stalls = { idle: [] as number[], importing: [] as number[] };
  return {
    name: 'import-stall',
    description: `longest event-loop stall of the host thread while the core (worker thread) imports a ${largePages}-page pack, vs the same thread idle for 2 s. The timed medians are wall time (upload + import vs 2 s idle); the stalls are in the notes.`,
    repeats: 3,
    baseline: {
      name: 'host thread idle',
      run: async () => {
        stalls.idle.push(await stall(() => new Promise((r) => setTimeout(r, 2000))));
      },
    },
    subject: {
      name: 'host thread during import',
      setup: async () => {
        client = new CoreClient(startCoreWorker(path.join(dist, 'core', 'worker.cjs'), fresh()), {});
        await client.ready;
      },
      run: async () => {
        const file = await largePack();
        const bytes = fs.readFileSync(file);
        stalls.importing.push(
          await stall(async () => {
            const begun = (await client?.call('beginUpload', { fileName: 'large.pdf', byteSize: bytes.length })) as { ok: true; value: { uploadId: string } };
            for (let offset = 0; offset < bytes.length; offset += 512 * 1024) {
              await client?.call('uploadChunk', { uploadId: begun.value.uploadId, offset, data: bytes.subarray(offset, offset + 512 * 1024).toString('base64') });
            }
            const job = (await client?.call('startPackImport', { uploadId: begun.value.uploadId })) as { ok: true; value: { jobId: string } };
            for (;;) {
              const state = (await client?.call('getJob', { jobId: job.value.jobId })) as { ok: true; value: { state: string } };
              if (state.value.state !== 'running') break;
              await new Promise((r) => setTimeout(r, 20));
            }
          }),
        );
      },
      teardown: async () => {
        await client?.close();
        if (stalls.importing.length === 3) notes.push(`import-stall: longest host-thread stall during import ${Math.max(...stalls.importing).toFixed(1)} ms (idle ${Math.max(...stalls.idle).toFixed(1)} ms)`);
      },
    },
  };
}
