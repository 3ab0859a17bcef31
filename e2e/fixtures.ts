import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, _electron, chromium, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { findElectronBinary } from '../scripts/electron-binary.mjs';
import { openCore } from '../electron/core/core';
import { osKeyringEnv, passphraseEnv } from '../electron/core/security/keyStore';
import { spawnBrowserHost } from '../electron/host/spawnHost';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
// The data is encrypted; journeys unlock it with a passphrase, as a member without a keyring does.
// Set on this process so every host a test starts, by the fixture or by hand, inherits it.
process.env[passphraseEnv] ??= 'e2e passphrase';
process.env[osKeyringEnv] ??= 'off';


/** What a journey needs, whichever shell runs the app. */
export interface ChamberApp {
  page: Page;
  dataDir: string;
  /** Where the browser host serves from (null in Electron). */
  origin: string | null;
}

/**
 * Journeys start as a returning member would, past the first-run welcome, unless they set
 * `test.use({ firstRun: true })` to start from an empty data directory.
 */
async function markSetUp(dataDir: string): Promise<void> {
  const core = openCore({ dataDir, distDir: path.join(root, 'dist'), passphrase: process.env[passphraseEnv] });
  try {
    const saved = await core.call('updateSettings', { onboarded: true });
    if (!saved.ok) throw new Error(saved.error.message);
  } finally {
    core.close();
  }
}

export const test = base.extend<{ app: ChamberApp; firstRun: boolean }>({
  firstRun: [false, { option: true }],
  app: async ({ firstRun }, use, testInfo) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-e2e-'));
    if (!firstRun) await markSetUp(dataDir);
    const env = { ...process.env, CHAMBER_DATA_DIR: dataDir };
    if (testInfo.project.metadata.host === 'electron') {
      const binary = findElectronBinary();
      if (!binary.found) {
        const reason = `Electron project skipped: ${binary.reason}. The same journeys ran against the browser host.`;
        console.warn(reason);
        testInfo.skip(true, reason);
        return;
      }
      const electronApp = await _electron.launch({
        executablePath: binary.path,
        args: [root],
        env,
      });
      const page = await electronApp.firstWindow();
      await use({ page, dataDir, origin: null });
      await electronApp.close();
      return;
    }

    const host = await spawnBrowserHost(path.join(root, 'dist'), dataDir, undefined, env);
    const browser = await chromium.launch(chromiumLaunchOptions);
    const page = await (await browser.newContext()).newPage();
    await page.goto(host.url);
    await use({ page, dataDir, origin: host.origin });
    await browser.close();
    await host.stop();
  },
});

/**
 * Fails with the list of violations, so a reader sees what to fix. Every screen checked here is also
 * photographed into test-results/screenshots/ (kept as a CI artifact, never committed), so a
 * reviewer can look at each screen in each language without running the app.
 */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const slug = screen.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  await page.screenshot({ path: path.join(root, 'test-results', 'screenshots', `${slug}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

export { chromiumLaunchOptions, expect };
