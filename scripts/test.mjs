// `npm test`: sets up what is missing, then runs typecheck, lint, unit/integration (Vitest) and
// end-to-end (Playwright, browser host in Debian's Chromium; Electron where a binary exists), and
// closes with one "N passed, N failed" line that counts all of them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args, options = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status === 0;
}

function step(label, command, args) {
  const ok = run(label, command, args);
  results[ok ? 'passed' : 'failed'] += 1;
  if (!ok) failures.push(label);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// Set-up, so `npm test` works straight after cloning.
if (!fs.existsSync('node_modules/.package-lock.json')) {
  if (!run('install dependencies (npm ci)', 'npm', ['ci'])) process.exit(1);
}
const sqliteLoads = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { stdio: 'pipe' });
if (sqliteLoads.status !== 0) {
  // `npm start` rebuilds better-sqlite3 for Electron's ABI; tests run under Node's.
  if (!run('rebuild better-sqlite3 for Node', 'npm', ['rebuild', 'better-sqlite3'])) process.exit(1);
}
if (!run('build', process.execPath, ['scripts/build.mjs'])) process.exit(1);

step('typecheck', process.execPath, ['scripts/typecheck.mjs']);
step('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '--max-warnings', '0', '.']);
step('electron security scan (electronegativity)', process.execPath, ['scripts/electronegativity.mjs']);

fs.mkdirSync('test-results', { recursive: true });
const unitReport = 'test-results/unit-results.json';
fs.rmSync(unitReport, { force: true });
run('unit and integration tests (vitest)', process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${unitReport}`], {
  env: { ...process.env, CHAMBER_SKIP_BUILD: '1' },
});
const unit = readJson(unitReport);
if (unit) {
  results.passed += unit.numPassedTests;
  results.failed += unit.numFailedTests + suitesThatFailedToRun(unit);
  results.skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  if (unit.numFailedTests > 0 || !unit.success) failures.push('vitest');
} else {
  results.failed += 1;
  failures.push('vitest (no report)');
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const e2eReport = 'test-results/e2e-results.json';
fs.rmSync(e2eReport, { force: true });
if (!fs.existsSync(chromiumPath)) {
  console.error(`\n✖ end-to-end tests need Chromium at ${chromiumPath}. Install it with: sudo apt-get install chromium (or set CHROMIUM_PATH).`);
  results.failed += 1;
  failures.push('e2e (no Chromium)');
} else {
  run('end-to-end tests (playwright)', process.execPath, ['node_modules/@playwright/test/cli.js', 'test']);
  const e2e = readJson(e2eReport);
  if (e2e) {
    results.passed += e2e.stats.expected + e2e.stats.flaky;
    results.failed += e2e.stats.unexpected;
    results.skipped += e2e.stats.skipped;
    if (e2e.stats.unexpected > 0) failures.push('playwright');
    for (const reason of skipReasons(e2e)) console.log(`skipped: ${reason}`);
  } else {
    results.failed += 1;
    failures.push('playwright (no report)');
  }
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\ntests: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(results.failed > 0 ? 1 : 0);

/** A test file that fails to load has no failed tests of its own; count each such file once. */
function suitesThatFailedToRun(report) {
  return report.testResults.filter((suite) => suite.status === 'failed' && !suite.assertionResults.some((a) => a.status === 'failed')).length;
}

function skipReasons(report) {
  const reasons = new Set();
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        for (const a of test.annotations ?? []) if (a.type === 'skip' && a.description) reasons.add(`[${test.projectName}] ${a.description}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return reasons;
}
