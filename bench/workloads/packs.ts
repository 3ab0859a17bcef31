import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openCore, type Core } from '../../electron/core/core';
import type { Db } from '../../electron/core/db/database';
import { openDataDatabase } from '../../electron/core/testing/dataDatabase';
import { extractPdf } from '../../electron/core/packs/extract';
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
 * Import throughput: the whole import of a 300-page pack (worker-thread extraction, structure,
 * content-addressed store, one transaction with pages, FTS index and outbox) against pdf.js
 * extracting the same text in-process with nothing else, the floor any importer stands on.
 */
export function packImport(): Workload {
  let core: Core | null = null;
  let file = '';
  const pagesPerSecond: number[] = [];
  return {
    name: 'pack-import',
    description: `import of a ${largePages}-page generated pack through the core (extraction in a worker thread, structure, store, pages + FTS + outbox in one transaction) vs pdf.js text extraction of the same file in-process alone.`,
    repeats: Number(process.env.BENCH_REPEATS ?? 3),
    baseline: {
      name: 'pdf.js extraction only',
      setup: async () => {
        file = await largePack();
      },
      run: async () => {
        await extractPdf(fs.readFileSync(file));
      },
    },
    subject: {
      name: 'importPackFile',
      setup: () => {
        core = openCore({ dataDir: fresh(), distDir: dist });
      },
      run: async () => {
        const started = performance.now();
        const result = await core?.importPackFile(file);
        pagesPerSecond.push((result?.pageCount ?? 0) / ((performance.now() - started) / 1000));
      },
      teardown: () => {
        core?.close();
        if (pagesPerSecond.length === Number(process.env.BENCH_REPEATS ?? 3)) notes.push(`pack-import: ${median(pagesPerSecond).toFixed(0)} pages/s (median of ${pagesPerSecond.length})`);
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
