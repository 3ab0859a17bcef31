import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from '../fixtures';

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `limit`. */
async function tabTo(page: Page, matches: (el: { tag: string; name: string | null; text: string; type: string | null }) => boolean, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { tag: el?.tagName.toLowerCase() ?? '', name: el?.getAttribute('name') ?? null, text: el?.textContent?.trim() ?? '', type: el?.getAttribute('type') ?? null };
    });
    if (matches(focused)) return;
  }
  throw new Error('never reached the control with Tab');
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1);

test.describe('first run', () => {
  test.use({ firstRun: true });

  test('from an empty data directory to reading the sample pack, in Welsh, by keyboard alone', async ({ app }) => {
    const { page } = app;
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Chamber' })).toBeVisible();

    // Language first: the welcome switches to Welsh the moment Cymraeg is chosen.
    await tabTo(page, (el) => el.name === 'welcome-language');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('heading', { level: 1, name: 'Croeso i Chamber' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Cymraeg' })).toBeChecked();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
    await expectNoAxeViolations(page, 'first run (cy)');

    // Larger text, from the next group.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Mawr (125%)' })).toBeChecked();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.textSize)).toBe('large');

    // Papers: on this device only (the default), then Start.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('radio', { name: /Ar y ddyfais hon yn unig/ })).toBeFocused();
    await expect(page.getByRole('radio', { name: /Ar y ddyfais hon yn unig/ })).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Dechrau' })).toBeFocused();
    await page.keyboard.press('Enter');

    // Home, in Welsh, with the sample pack on offer.
    await expect(page.getByRole('heading', { level: 1, name: 'Cyfarfodydd' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Ar y gweill' })).toBeVisible();
    await expectNoAxeViolations(page, 'home (cy)');
    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Agor y pecyn enghreifftiol');
    await page.keyboard.press('Enter');

    // The meeting, then its papers in the reader.
    await expect(page.getByRole('link', { name: 'Agor y pecyn' })).toBeVisible({ timeout: 60_000 });
    await expectNoAxeViolations(page, 'meeting with its pack (cy)');
    await tabTo(page, (el) => el.tag === 'a' && el.text === 'Agor y pecyn');
    await page.keyboard.press('Enter');
    await expect(page.locator('.page-indicator')).toContainText('Tudalen 1 o');
    await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready');
    await expectNoAxeViolations(page, 'reader (cy)');

    // The choices stay: a reload is still Welsh, larger text, and goes home rather than to the welcome.
    await page.goto(`${app.origin ?? ''}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Cyfarfodydd' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.dataset.textSize)).toBe('large');
  });

  test('the sample pack from the welcome, and the home screen, in English', async ({ app }) => {
    const { page } = app;
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Chamber' })).toBeVisible();
    await expect(page.getByRole('radiogroup', { name: 'How will you get your papers?' }).or(page.getByRole('group', { name: 'How will you get your papers?' }))).toBeVisible();
    await expectNoAxeViolations(page, 'first run (en-GB)');
    await page.getByRole('button', { name: 'Try the sample pack' }).click();
    await expect(page.getByRole('link', { name: 'Open pack' })).toBeVisible({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Meetings', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Coming up' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'My questions to ask' })).toBeVisible();
    await expectNoAxeViolations(page, 'home (en-GB)');

    // Settings shows where the data lives and what the sample's papers take.
    await page.getByRole('link', { name: 'Settings' }).click();
    const storage = page.getByRole('table', { name: "Space used by each meeting's papers, largest first" });
    await expect(storage.getByRole('row')).toHaveCount(2);
    await expect(storage).toContainText(/\d+\.\d MB/);
    await expect(page.locator('.data-location')).toHaveText(app.dataDir);

    // The reader: large print shows the page's own words, and follows the page; C says when nothing is being taken.
    await page.goBack();
    await page.getByRole('link', { name: 'Meetings', exact: true }).click();
    await page.getByRole('table', { name: 'Meetings, soonest first' }).getByRole('link').first().click();
    await page.getByRole('link', { name: 'Open pack' }).click();
    await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready');
    await page.getByRole('button', { name: 'Large print' }).click();
    await expect(page.getByRole('button', { name: 'Large print' })).toHaveAttribute('aria-pressed', 'true');
    const large = page.getByRole('region', { name: 'Page 1 in large print' });
    await expect(large).toContainText('Corporate and Communities Overview and Scrutiny Panel');
    await page.getByRole('region', { name: 'Pack pages' }).focus();
    await page.keyboard.press('PageDown');
    await expect(page.getByRole('region', { name: 'Page 2 in large print' })).toBeVisible();
    await expectNoAxeViolations(page, 'reader, large print (en-GB)');
    await page.keyboard.press('c');
    await expect(page.locator('.current-item-note')).toHaveText('No item is being taken at the moment.');
    // Large print stays on for the next pack read on this device.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Large print' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('usable at 200% zoom: no sideways scrolling on the welcome, home and settings', async ({ app }) => {
    const { page } = app;
    // 200% zoom of a 1280×800 window leaves 640×400 CSS pixels.
    await page.setViewportSize({ width: 640, height: 400 });
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Chamber' })).toBeVisible();
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    expect(await noHorizontalScroll(page)).toBe(true);
    await expectNoAxeViolations(page, 'settings at 200% zoom (en-GB)');
  });
});
