import { spawnSync } from 'node:child_process';
import { spawnBrowserHost, type SpawnedHost } from '../../electron/host/spawnHost';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { openCore } from '../../electron/core/core';
import { joinPdfs } from '../../electron/core/packs/join';
import { generateLargePack } from '../../tools/sample-packs/generate';
import type { Workload } from '../harness';
import { notes } from './packs';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { servePdfjsAlone, type PdfjsAlone } from './pdfjsAlone';

const dist = path.resolve(__dirname, '..');
const root = path.resolve(dist, '..');
/** The pack: a 68-page pack typeset from a council's agenda text, joined eight times with pdf-lib. */
const partPages = Number(process.env.BENCH_READER_PART_PAGES ?? 68);
const parts = Number(process.env.BENCH_READER_PARTS ?? 8);
const bigPages = partPages * parts;
const jumpTarget = Math.floor(bigPages / 2);
const repeats = () => Number(process.env.BENCH_REPEATS_READER ?? 7);
let bigPackFile: Promise<string> | null = null;

function bigPack(): Promise<string> {
  bigPackFile ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-bench-'));
    const part = path.join(dir, `part-${partPages}.pdf`);
    await generateLargePack(part, partPages);
    const bytes = fs.readFileSync(part);
    const joined = await joinPdfs(Array.from({ length: parts }, (_, key) => ({ key, bytes })), `Synthetic ${bigPages}-page pack`);
    const file = path.join(dir, `large-${bigPages}.pdf`);
    fs.writeFileSync(file, joined.bytes);
    return file;
  })();
  return bigPackFile;
}

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
  // A returning member's device, past the first-run welcome: without it the home page redirects to
  // /welcome and is ready only when the meetings list wins a race against the settings.
  const core = openCore({ dataDir, distDir: dist });
  try {
    const saved = await core.call('updateSettings', { onboarded: true });
    if (!saved.ok) throw new Error(saved.error.message);
  } finally {
    core.close();
  }
  const host = await spawnBrowserHost(dist, dataDir);
  const url = host.url;
  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  // Load the app once (token into session storage, bundles warm in the HTTP cache as after a first run).
  await page.goto(url);
  await page.locator('section[data-state="ready"]').waitFor({ timeout: 90_000 });
  return { host, browser, page, readerUrl: `${new URL(url).origin}/#/meetings/${meetingId}/pack?page=1` };
}

async function close(opened: Opened | null): Promise<void> {
  if (!opened) return;
  await opened.browser.close();
  await opened.host.stop();
}

/** A browser on pdf.js alone, serving the same pack file. */
interface Alone {
  server: PdfjsAlone;
  browser: Browser;
  page: Page;
  readerUrl: string;
}

async function prepareAlone(pdf: string): Promise<Alone> {
  const server = await servePdfjsAlone(root, pdf);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  // pdf.js's scripts warm in the HTTP cache, as the app's bundle is for the reader.
  await page.goto(server.url);
  await page.locator('.pdf-page[data-page="1"][data-state="ready"]').waitFor({ timeout: 60_000 });
  return { server, browser, page, readerUrl: server.url };
}

async function closeAlone(alone: Alone | null): Promise<void> {
  if (!alone) return;
  await alone.browser.close();
  await alone.server.close();
}

/**
 * Resolves in the first frame where page N is painted and on screen. Checked in the page every
 * frame, not by Playwright's locator polling, which retries 0, 20, 50, 100, 100, then every 500 ms:
 * a page ready at 300 ms was timed at up to 770 ms, on either side of the comparison.
 */
async function painted(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (selector) => {
      // Typed by hand: this project's Node code has no DOM types (and the app's CSP refuses a string).
      const element = (globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): { height: number } } | null } }).document.querySelector(selector);
      return element !== null && element.getBoundingClientRect().height > 0;
    },
    `.pdf-page[data-page="${n}"][data-state="ready"]`,
    { polling: 'raf', timeout: 60_000 },
  );
}

async function openAndPaint(opened: { page: Page; readerUrl: string }): Promise<number> {
  const { page } = opened;
  await page.goto('about:blank');
  const started = Date.now();
  await page.goto(opened.readerUrl);
  await painted(page, 1);
  return Date.now() - started;
}

async function jumpAndPaint(opened: { page: Page }, target: number): Promise<number> {
  const { page } = opened;
  const field = page.getByLabel('Go to page');
  await field.fill(String(target));
  const started = Date.now();
  await field.press('Enter');
  await painted(page, target);
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
 * Opening a pack in the reader: navigation to page 1 painted, Chamber's reader against pdf.js
 * alone rendering page 1 of the same file with range loading (Range, no caching, same viewport).
 */
export function readerOpen(): Workload {
  let alone: Alone | null = null;
  let chamber: Opened | null = null;
  let runs = 0;
  return {
    name: 'reader-open',
    description: `time from navigating to page 1 painted, ${bigPages}-page pack (${partPages} pages joined ${parts}× with pdf-lib): Chamber's reader (browser host, Chromium 1280×900, warm app bundle) vs pdf.js alone on a bare page (range loading, Range and no-store, same viewport). Goal ≤ 0.5×.`,
    repeats: repeats(),
    baseline: {
      name: 'pdf.js alone',
      setup: async () => {
        alone ??= await prepareAlone(await bigPack());
      },
      run: () => openAndPaint(alone as Alone),
    },
    subject: {
      name: "Chamber's reader",
      setup: async () => {
        chamber ??= await prepare(await bigPack());
      },
      run: () => openAndPaint(chamber as Opened),
      teardown: async () => {
        if (++runs < repeats()) return;
        await closeAlone(alone);
        await close(chamber);
      },
    },
  };
}

/** Jumping to the middle page of the big pack, against pdf.js alone doing the same; memory after. */
export function readerJump(): Workload {
  let alone: Alone | null = null;
  let chamber: Opened | null = null;
  let runs = 0;
  return {
    name: 'reader-jump',
    description: `time from "Go to page" to page ${jumpTarget} painted, ${bigPages}-page pack opened afresh at page 1 before each jump: Chamber's reader vs pdf.js alone (same file, served the same way). Goal ≤ 1.0×.`,
    repeats: repeats(),
    baseline: {
      name: 'pdf.js alone',
      setup: async () => {
        alone ??= await prepareAlone(await bigPack());
        await openAndPaint(alone);
      },
      run: () => jumpAndPaint(alone as Alone, jumpTarget),
    },
    subject: {
      name: "Chamber's reader",
      setup: async () => {
        chamber ??= await prepare(await bigPack());
        await openAndPaint(chamber);
      },
      run: () => jumpAndPaint(chamber as Opened, jumpTarget),
      teardown: async () => {
        if (++runs < repeats()) return;
        const mine = await heapMb((chamber as Opened).page);
        const theirs = await heapMb((alone as Alone).page);
        notes.push(
          `reader memory after the jump (${bigPages}-page pack): Chamber JS heap ${mine.heap.toFixed(1)} MiB (${mine.canvases} live page canvases) vs pdf.js alone ${theirs.heap.toFixed(1)} MiB: ${(mine.heap / theirs.heap).toFixed(2)}× (goal ≤ 1.3×)`,
        );
        await closeAlone(alone);
        await close(chamber);
      },
    },
  };
}
