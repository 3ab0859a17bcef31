// Runs Doyensec's Electronegativity over the built Electron shell (dist/electron and the renderer's
// index.html, with package.json for the Electron version) and fails on any high or medium finding
// that is not suppressed below with a reason.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js');

/** Finding id → why it does not apply. Keep this short and argued. */
const suppressions = {
  // The one call (electron/main/security.ts, the window-open handler) passes only URLs accepted by
  // isSafeExternalUrl: https, no credentials, no other scheme; senderPolicy.test.ts covers it with
  // file:, javascript:, http:, smb: and user:pass@ URLs. The check flags every non-literal argument.
  OPEN_EXTERNAL_JS_CHECK: 'guarded by isSafeExternalUrl (https only, no credentials), unit-tested',
};

// Electronegativity reads .js/.ts/.html only; the bundles are .cjs, so they are staged under .js
// names. Nothing else changes: these are the exact files Electron loads.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-electronegativity-'));
try {
  for (const name of ['main', 'preload']) {
    const built = path.join(root, 'dist', 'electron', `${name}.cjs`);
    if (!fs.existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
    fs.mkdirSync(path.join(stage, 'dist', 'electron'), { recursive: true });
    fs.copyFileSync(built, path.join(stage, 'dist', 'electron', `${name}.js`));
  }
  fs.mkdirSync(path.join(stage, 'dist', 'renderer'), { recursive: true });
  fs.copyFileSync(path.join(root, 'dist', 'renderer', 'index.html'), path.join(stage, 'dist', 'renderer', 'index.html'));
  fs.copyFileSync(path.join(root, 'package.json'), path.join(stage, 'package.json'));

  const output = path.join(root, 'test-results', 'electronegativity.csv');
  fs.mkdirSync(path.dirname(output), { recursive: true });
  const result = await run({ input: stage, output, isSarif: false, customScan: [], excludeFromScan: [], isRelative: true, parserPlugins: [] });
  const findings = result.issues ?? [];
  const serious = findings.filter((f) => ['HIGH', 'MEDIUM'].includes(f.severity?.name) && !(f.id in suppressions));
  const unique = new Map(serious.map((f) => [`${f.id} ${f.file}:${f.location?.line}`, f]));
  const parseErrors = result.errors.filter((e) => !e.tolerable);
  for (const e of parseErrors) console.error(`electronegativity could not parse ${e.file}: ${e.message}`);
  for (const f of unique.values()) console.error(`${f.severity.name} ${f.id} ${f.file}:${f.location?.line ?? 0} ${f.description}`);
  console.log(`electronegativity: ${result.globalChecks + result.atomicChecks} checks, ${unique.size} high/medium finding(s), ${findings.length - serious.length} low/informational or suppressed (report: ${path.relative(root, output)})`);
  process.exitCode = unique.size > 0 || parseErrors.length > 0 ? 1 : 0;
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
