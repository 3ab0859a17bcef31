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
  { entry: 'electron/host/main.ts', out: 'host/server.cjs' },
  { entry: 'electron/cli/main.ts', out: 'cli/chamber.cjs' },
  { entry: 'bench/run.ts', out: 'bench/run.cjs' },
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
        format: 'cjs',
        target: t.electron ? 'node22' : 'node20',
        sourcemap: true,
        // Native and Electron modules stay outside the bundle; everything else is inlined so the
        // sandboxed preload and the packaged app need no node_modules lookups for our code.
        external: ['electron', 'better-sqlite3', 'playwright-core', '@playwright/test', 'chromium-bidi'],
        define: { __CHAMBER_VERSION__: JSON.stringify(pkg.version) },
        logLevel: 'warning',
      }),
    ),
  );
}

async function buildRenderer() {
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), configLoader: 'runner', logLevel: 'warn' });
}

const steps = { node: buildNode, renderer: buildRenderer };
for (const [name, step] of Object.entries(steps)) {
  if (only.length === 0 || only.includes(name)) await step();
}
