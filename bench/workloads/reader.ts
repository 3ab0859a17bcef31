import { spawnSync } from 'node:child_process';
import { spawnBrowserHost, type SpawnedHost } from '../../electron/host/spawnHost';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { generateLargePack } from '../../tools/sample-packs/generate';
import { median, type Workload } from '../harness';
import { notes } from './packs';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const dist = path.resolve(__dirname, '..');
const root = path.resolve(dist, '..');
const bigPages = Number(process.env.BENCH_READER_PAGES ?? 500);

interface Opened {
  host: SpawnedHost;
  browser: Browser;
  page: Page;
  readerUrl: string;
}

/** A host on a fresh data dir holding one imported pack, and a browser ready to open its reader. */
async function prepare(pdf: string): Promise<Opened> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-bench-'));
  const imported = spawnSync(process.execPath, [path.join(root, 'bin', 'chamber.cjs'), 'import-pack', pdf, '--json', '--data-dir', dataDir], { encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(imported.stderr);
  const meetingId = (JSON.parse(imported.stdout) as { meeting: { id: string } }).meeting.id;
  const host = await spawnBrowserHost(dist, dataDir);
  const url = host.url;
  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  // Load the app once (token into session storage, bundles warm in the HTTP cache as after a first run).
  await page.goto(url);
  await page.locator('section[data-state="ready"]').waitFor();
  return { host, browser, page, readerUrl: `${new URL(url).origin}/#/meetings/${meetingId}/pack?page=1` };
}

async function close(opened: Opened | null): Promise<void> {
  if (!opened) return;
  await opened.browser.close();
  await opened.host.stop();
}

async function openAndPaint(opened: Opened): Promise<number> {
  const { page } = opened;
  await page.goto('about:blank');
  const started = Date.now();
  await page.goto(opened.readerUrl);
  await page.locator('.pdf-page[data-page="1"][data-state="ready"]').waitFor({ timeout: 60_000 });
  return Date.now() - started;
}

async function jumpAndPaint(opened: Opened, target: number): Promise<number> {
  const { page } = opened;
  const field = page.getByLabel('Go to page');
  await field.fill(String(target));
  const started = Date.now();
  await field.press('Enter');
  await page.locator(`.pdf-page[data-page="${target}"][data-state="ready"]`).waitFor({ timeout: 60_000 });
  return Date.now() - started;
}

async function heapMb(page: Page): Promise<{ heap: number; canvases: number }> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  await session.send('HeapProfiler.collectGarbage');
  const { metrics } = await session.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const canvases = await page.locator('.pdf-page canvas').evaluateAll((list) => list.filter((c) => (c as unknown as { width: number }).width > 0).length);
  return { heap: heap / 2 ** 20, canvases };
}

/**
 * Opening a pack in the reader: navigation to page 1 painted, for a 500-page pack against the
 * 40-page sample pack in the same run. With virtualised pages and range loading the ratio should
 * stay near 1 however long the pack.
 */
export function readerOpen(): Workload {
  let small: Opened | null = null;
  let big: Opened | null = null;
  const repeats = Number(process.env.BENCH_REPEATS_READER ?? 5);
  let runs = 0;
  return {
    name: 'reader-open',
    description: `time from navigating to the reader until page 1 is painted: ${bigPages}-page generated pack vs the 40-page sample pack (browser host, Chromium, warm app bundle).`,
    repeats,
    baseline: {
      name: '40-page sample pack',
      setup: async () => {
        small ??= await prepare(path.join(dist, 'sample-packs', 'ccosp-2022-01-17-agenda.pdf'));
      },
      run: () => openAndPaint(small as Opened),
    },
    subject: {
      name: `${bigPages}-page pack`,
      setup: async () => {
        if (!big) {
          const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-bench-')), `large-${bigPages}.pdf`);
          await generateLargePack(file, bigPages);
          big = await prepare(file);
        }
      },
      run: () => openAndPaint(big as Opened),
      teardown: async () => {
        if (++runs < repeats) return;
        await close(small);
        await close(big);
      },
    },
  };
}

/** Jumping to page 250 of the 500-page pack vs page 35 of the 40-page pack, and memory after. */
export function readerJump(): Workload {
  let small: Opened | null = null;
  let big: Opened | null = null;
  const bigTimes: number[] = [];
  return {
    name: 'reader-jump',
    description: `time from "Go to page" to that page painted: page ${Math.floor(bigPages / 2)} of the ${bigPages}-page pack vs page 35 of the 40-page sample pack (reader already open at page 1).`,
    repeats: Number(process.env.BENCH_REPEATS_READER ?? 5),
    baseline: {
      name: 'page 35 of 40',
      setup: async () => {
        small ??= await prepare(path.join(dist, 'sample-packs', 'ccosp-2022-01-17-agenda.pdf'));
        await openAndPaint(small);
      },
      run: () => jumpAndPaint(small as Opened, 35),
    },
    subject: {
      name: `page ${Math.floor(bigPages / 2)} of ${bigPages}`,
      setup: async () => {
        if (!big) {
          const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-bench-')), `large-${bigPages}.pdf`);
          await generateLargePack(file, bigPages);
          big = await prepare(file);
        }
        await openAndPaint(big);
      },
      run: async () => {
        const ms = await jumpAndPaint(big as Opened, Math.floor(bigPages / 2));
        bigTimes.push(ms);
        return ms;
      },
      teardown: async () => {
        if (bigTimes.length < Number(process.env.BENCH_REPEATS_READER ?? 5)) return;
        const memory = await heapMb((big as Opened).page);
        const smallMemory = await heapMb((small as Opened).page);
        notes.push(
          `reader memory after the jump: ${bigPages}-page pack JS heap ${memory.heap.toFixed(1)} MiB with ${memory.canvases} live page canvases; 40-page pack ${smallMemory.heap.toFixed(1)} MiB with ${smallMemory.canvases} (median jump ${median(bigTimes).toFixed(0)} ms)`,
        );
        await close(small);
        await close(big);
      },
    },
  };
}
