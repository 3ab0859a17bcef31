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
import { toFtsQuery } from '../../electron/core/repositories/packs';
import { generateLargePack } from '../../tools/sample-packs/generate';
import { median, type Workload } from '../harness';

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
 * FTS5 against a LIKE scan over 100 packs × 300 pages (the page texts of the generated pack,
 * stored 100 times as different meetings), for a handful of realistic queries.
 */
export function packSearch(): Workload {
  const packs = Number(process.env.BENCH_SEARCH_PACKS ?? 100);
  const queries = ['budget', 'data sharing', 'west mercia energy', 'scrutiny panel', 'information governance'];
  let db: Db | null = null;
  let core: Core | null = null;
  const ftsTimes: number[] = [];
  const likeTimes: number[] = [];
  const prepare = async () => {
    if (core) return;
    const dataDir = fresh();
    core = openCore({ dataDir, distDir: dist });
    const first = await core.importPackFile(await largePack());
    db = openDataDatabase(dataDir);
    // Clone the imported pack as many meetings' packs, straight in SQL: the same text, indexed.
    const clone = db.transaction((n: number) => {
      for (let i = 1; i < n; i++) {
        const meetingId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        const packId = `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        db?.prepare(`INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) SELECT ?, title || ' ' || ?, committee, date, start_time, venue, created_at, updated_at FROM meetings WHERE id = ?`).run(meetingId, i, first.meetingId);
        db?.prepare(`INSERT INTO packs (id, meeting_id, version, document_sha256, source_name, structure_source, warnings, imported_at) SELECT ?, ?, 1, document_sha256, source_name, structure_source, warnings, imported_at FROM packs WHERE id = ?`).run(packId, meetingId, first.packId);
        db?.prepare(`INSERT INTO pack_pages (pack_id, page_index, printed_page, text) SELECT ?, page_index, printed_page, text FROM pack_pages WHERE pack_id = ?`).run(packId, first.packId);
      }
    });
    clone(packs);
  };
  const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;
  return {
    name: 'pack-search',
    description: `${queries.length} queries over ${packs} packs × ${largePages} pages: FTS5 via searchPacks (external content, bm25-ranked top 50 with snippets and items) vs a LIKE scan finding every page that contains the text (unranked, no snippets).`,
    repeats: Number(process.env.BENCH_REPEATS_SEARCH ?? 20),
    baseline: {
      name: 'LIKE scan',
      setup: prepare,
      run: () => {
        for (const q of queries) {
          const started = performance.now();
          db?.prepare('SELECT id FROM pack_pages WHERE text LIKE ?').all(`%${q}%`);
          likeTimes.push(performance.now() - started);
        }
      },
    },
    subject: {
      name: 'FTS5 searchPacks',
      run: async () => {
        for (const q of queries) {
          if (!toFtsQuery(q)) throw new Error('bad query');
          const started = performance.now();
          const result = await core?.call('searchPacks', { query: q, limit: 50 });
          if (!result?.ok) throw new Error('search failed');
          ftsTimes.push(performance.now() - started);
        }
      },
      teardown: () => {
        if (ftsTimes.length === queries.length * Number(process.env.BENCH_REPEATS_SEARCH ?? 20)) {
          notes.push(
            `pack-search per query: FTS5 median ${median(ftsTimes).toFixed(2)} ms, p95 ${p95(ftsTimes).toFixed(2)} ms; LIKE median ${median(likeTimes).toFixed(2)} ms, p95 ${p95(likeTimes).toFixed(2)} ms`,
          );
          db?.close();
          core?.close();
        }
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
