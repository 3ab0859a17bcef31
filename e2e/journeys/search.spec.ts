import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from '../fixtures';

/** The parts of dist/sample-packs/manifest.json (written by tools/sample-packs) this journey reads. */
interface ManifestPack {
  file: string;
  meeting: { date: string } | null;
  revisions?: { baseFile: string };
}
const samples = path.resolve(import.meta.dirname, '..', '..', 'dist', 'sample-packs');
const manifest = JSON.parse(fs.readFileSync(path.join(samples, 'manifest.json'), 'utf8')) as { packs: ManifestPack[] };
const baseFile = manifest.packs.find((p) => p.revisions && p.meeting?.date === '2022-01-17')?.revisions?.baseFile;
if (!baseFile) throw new Error('dist/sample-packs/manifest.json has no 17 January 2022 pack; run node scripts/build.mjs');

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1);
/** Lets the page handle what has arrived: a response delivered is rendered by the next frame. */
const nextFrame = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
const searchQueryOf = (body: unknown) => (typeof body === 'object' && body !== null && 'query' in body ? String(body.query) : null);

test.describe('search as you type', () => {
  test('results appear while typing, a late answer to an older query never replaces the newer one, and more results load on request', async ({ app }) => {
    // Import, two axe passes and a language switch on a shared two-core machine.
    test.setTimeout(240_000);
    const { page } = app;
    await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
    await page.getByLabel('Import agenda pack', { exact: true }).setInputFiles(path.join(samples, baseFile));
    await expect(page.getByRole('status').filter({ hasText: 'Agenda pack imported (version 1).' })).toBeVisible({ timeout: 30_000 });

    // Hold the answer to "plaintext" until the newer query has been answered and shown.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let sent = () => {};
    const staleSent = new Promise<void>((resolve) => (sent = resolve));
    await page.route('**/api/searchPacks', async (route) => {
      if (searchQueryOf(route.request().postDataJSON()) === 'plaintext') {
        sent();
        await held;
      }
      await route.continue();
    });

    await page.getByRole('link', { name: 'Search' }).click();
    const field = page.getByRole('searchbox', { name: 'Words to find' });
    await expect(field).toBeFocused();
    await field.pressSequentially('plaintext');
    await staleSent;
    await field.pressSequentially(' to ciphertext');

    // No Enter: the newer query's answer is shown, and the address follows the field.
    const status = page.getByRole('status').filter({ hasText: /“plaintext/ });
    await expect(status).toHaveText(/match(es)? “plaintext to ciphertext”\.$/);
    await expect(page.getByRole('link', { name: /^Page \d+ \(printed page \d+\)/ }).first()).toBeVisible();
    await expect(page).toHaveURL(/[?&]q=plaintext(\+|%20)to(\+|%20)ciphertext/);

    const stale = page.waitForResponse((r) => r.url().endsWith('/api/searchPacks') && searchQueryOf(r.request().postDataJSON()) === 'plaintext');
    release();
    await stale;
    await nextFrame(page);
    await expect(status).toHaveText(/match(es)? “plaintext to ciphertext”\.$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Search agenda packs' })).toBeVisible();
    await page.unroute('**/api/searchPacks');

    // A common word: the first page of hits, then more from the keyboard.
    await field.fill('the');
    await expect(page.getByRole('status').filter({ hasText: /“the”/ })).toHaveText('The 20 pages that best match “the” are shown; there are more.');
    const hits = page.locator('.search-hit');
    await expect(hits).toHaveCount(20);
    const more = page.getByRole('button', { name: 'Show more results' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(hits).not.toHaveCount(20);
    expect(await hits.count()).toBeGreaterThan(20);
    await expect(page.getByRole('status').filter({ hasText: /“the”/ })).not.toHaveText(/The 20 pages/);
    await expectNoAxeViolations(page, 'search as you type with more results (en-GB)');

    // 200% zoom of a 1280×800 window leaves 640×400 CSS pixels: the results reflow.
    await page.setViewportSize({ width: 640, height: 400 });
    expect(await noHorizontalScroll(page)).toBe(true);

    await page.getByLabel('Language').selectOption('cy');
    const maes = page.getByRole('searchbox', { name: 'Geiriau i chwilio amdanynt' });
    await maes.fill('plaintext to ciphertext');
    await expect(page.getByRole('status').filter({ hasText: /“plaintext to ciphertext”/ })).toHaveText(/yn cyfateb i “plaintext to ciphertext”\.$/);
    await maes.fill('the');
    await expect(page.getByRole('button', { name: 'Dangos rhagor o ganlyniadau' })).toBeVisible();
    expect(await noHorizontalScroll(page)).toBe(true);
    await expectNoAxeViolations(page, 'search as you type at 200% zoom (cy)');
  });
});
