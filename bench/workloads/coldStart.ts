import { spawnBrowserHost, type SpawnedHost } from '../../electron/host/spawnHost';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import type { Workload } from '../harness';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const dist = path.resolve(__dirname, '..');

/**
 * Cold start of the browser host to an interactive meetings list: Node starts the host, the core
 * worker opens and migrates a new database, Chromium launches and the renderer asks the core for
 * meetings. Baseline: the same Chromium launch loading a one-line page from a bare Node server, so
 * the ratio is Chamber's own share of start-up.
 */
export function coldStart(): Workload {
  let browser: Browser | null = null;
  let host: SpawnedHost | null = null;
  let server: http.Server | null = null;
  return {
    name: 'cold-start',
    description: 'browser host start (new data dir) + Chromium launch until the meetings list is ready, vs Chromium launch loading a static one-line page from a bare Node http server.',
    repeats: Number(process.env.BENCH_REPEATS_START ?? 5),
    baseline: {
      name: 'Chromium + static page',
      run: async () => {
        server = http.createServer((_req, res) => res.end('<!doctype html><title>x</title><main data-state="ready">ready</main>'));
        await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        browser = await chromium.launch(chromiumLaunchOptions);
        const page = await (await browser.newContext()).newPage();
        await page.goto(`http://127.0.0.1:${port}/`);
        await page.locator('[data-state="ready"]').waitFor();
      },
      teardown: async () => {
        await browser?.close();
        await new Promise((resolve) => server?.close(resolve));
      },
    },
    subject: {
      name: 'Chamber browser host',
      run: async () => {
        const started = await spawnBrowserHost(dist, fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-bench-')));
        host = started;
        browser = await chromium.launch(chromiumLaunchOptions);
        const page = await (await browser.newContext()).newPage();
        await page.goto(started.url);
        await page.locator('section[data-state="ready"]').waitFor();
      },
      teardown: async () => {
        await browser?.close();
        await host?.stop();
      },
    },
  };
}
