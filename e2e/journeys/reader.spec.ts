import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from '../fixtures';
import { selectText } from '../selectText';

interface Location {
  pdfPage: number;
  printedPage: number | null;
}
const samples = path.resolve(import.meta.dirname, '..', '..', 'dist', 'sample-packs');
const manifest = JSON.parse(fs.readFileSync(path.join(samples, 'manifest.json'), 'utf8')) as {
  packs: { pageCount: number; revisions?: { moved: { item: number; text: string; before: Location }[] } }[];
};
const sentence = manifest.packs.find((p) => p.revisions)?.revisions?.moved.find((m) => m.text.startsWith('In the 2021 calendar year'));
if (!sentence?.before.printedPage) throw new Error('dist/sample-packs/manifest.json has no moved passage with a printed page; run node scripts/build.mjs');
const { text: passage, before, item: passageItem } = sentence;
const printedPage = before.printedPage;

async function openSamplePack(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open sample pack' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Agenda pack' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Open pack' }).click();
  await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready');
}

/** Rows the toolbar's visible controls sit on (controls on one row share a vertical centre). */
async function toolbarRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const centres: number[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.reader-toolbar :is(button, input, .page-indicator, .zoom-level)')) {
      if (el.closest('.overflow-panel')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const centre = r.top + r.height / 2;
      if (!centres.some((c) => Math.abs(c - centre) < 10)) centres.push(centre);
    }
    return centres.length;
  });
}

/** Whether some find mark on the page covers the word's own box in the text layer. */
async function markCoversWord(page: Page, pageNumber: number, word: string): Promise<boolean> {
  return page.evaluate(
    ({ pageNumber, word }) => {
      const pageElement = document.querySelector(`.pdf-page[data-page="${pageNumber}"]`);
      if (!pageElement) return false;
      const marks = [...pageElement.querySelectorAll('.find-mark')].map((m) => m.getBoundingClientRect());
      const walker = document.createTreeWalker(pageElement.querySelector('.textLayer') ?? pageElement, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').toLowerCase().indexOf(word);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        const w = range.getBoundingClientRect();
        const cx = w.left + w.width / 2;
        const cy = w.top + w.height / 2;
        if (marks.some((m) => cx > m.left && cx < m.right && cy > m.top && cy < m.bottom)) return true;
      }
      return false;
    },
    { pageNumber, word },
  );
}

test.describe('the reader', () => {
  test('at 200% zoom and at 320 px the page is shown and the toolbar keeps to two rows; it reopens where the member left', async ({ app }) => {
    const { page } = app;
    await openSamplePack(page);
    for (const [width, height, name] of [[640, 400, '200% zoom'], [320, 640, '320 px']] as const) {
      await page.setViewportSize({ width, height });
      // Opened afresh at this size (the address is the same, so a reload, not a navigation).
      await page.reload();
      const canvas = page.locator('.pdf-page[data-page="1"] canvas');
      await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready');
      const box = await canvas.boundingBox();
      expect(box?.height ?? 0, `page height at ${name}`).toBeGreaterThan(100);
      await expect(canvas).toBeInViewport();
      await expect(page.getByRole('region', { name: 'Pack pages' })).toBeInViewport({ ratio: 0.3 });
      expect(await toolbarRows(page), `toolbar rows at ${name}`).toBeLessThanOrEqual(2);
      // No sideways scrolling of the screen (WCAG 1.4.10): only the pages pane may scroll both ways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // What left the toolbar is in "More".
      await page.getByRole('button', { name: 'More' }).click();
      await expect(page.getByRole('button', { name: 'Print pages…' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Yellow' })).toBeVisible();
      await expectNoAxeViolations(page, `reader at ${name} with More open`);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('button', { name: 'More' })).toBeFocused();
      await expect(page.getByRole('button', { name: 'Print pages…' })).toBeHidden();
    }

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready');
    expect(await toolbarRows(page)).toBeLessThanOrEqual(2);
    // An icon's label shows as a tooltip on keyboard focus, and Escape dismisses it (WCAG 1.4.13).
    await page.getByRole('button', { name: 'Go', exact: true }).focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Zoom out' })).toBeFocused();
    const tooltip = () => page.evaluate(() => (document.activeElement ? getComputedStyle(document.activeElement, '::after').content : ''));
    expect(await tooltip()).toBe('"Zoom out"');
    await page.keyboard.press('Escape');
    await expect.poll(tooltip).toBe('none');
    // The sidebar keeps its width whatever the tab (the Questions tab once widened it to 730 px).
    const sidebar = page.getByRole('complementary', { name: 'Pack contents' });
    const agendaWidth = (await sidebar.boundingBox())?.width;
    await page.getByLabel('Go to page').fill(String(before.pdfPage));
    await page.getByLabel('Go to page').press('Enter');
    await expect(page.locator('.page-indicator')).toContainText(`Page ${before.pdfPage} of`);
    // Thumbnails show the printed page number a member would cite, beside the PDF page.
    await page.getByRole('tab', { name: 'Pages' }).click();
    await expect(page.locator(`.thumbnails li[data-page="${before.pdfPage}"] .thumbnail-number`)).toHaveText(`${before.pdfPage} (p. ${printedPage})`);
    await page.getByRole('tab', { name: 'Questions' }).click();
    expect((await sidebar.boundingBox())?.width).toBe(agendaWidth);
    expect(await page.getByLabel('New question').evaluate((el) => getComputedStyle(el).fontFamily)).toBe(await page.evaluate(() => getComputedStyle(document.body).fontFamily));
    // Its item picker is on the item being read.
    await expect(page.getByLabel('Agenda item', { exact: true })).toHaveValue(String(passageItem));

    // Back to the meeting and into the pack again with no page in the address: the page left.
    await page.getByRole('link', { name: 'Back to the meeting' }).click();
    await page.getByRole('link', { name: 'Open pack' }).click();
    await expect(page.locator('.page-indicator')).toContainText(`Page ${before.pdfPage} of`);
    await expect(page.locator(`.pdf-page[data-page="${before.pdfPage}"]`)).toBeInViewport();
    // The place is kept in the encrypted database, not in the window's unencrypted web storage.
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);

    // At the largest text size the toolbar still keeps to two rows and the page has most of the screen
    // (three rows of bordered buttons once took 620 of 900 px).
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Largest (150%)' }).click();
    await expect(page.getByRole('radio', { name: 'Largest (150%)' })).toBeChecked();
    await page.goBack();
    await expect(page.locator(`.pdf-page[data-page="${before.pdfPage}"]`)).toHaveAttribute('data-state', 'ready');
    expect(await toolbarRows(page)).toBeLessThanOrEqual(2);
    const toolbar = await page.locator('.reader-toolbar').boundingBox();
    expect(toolbar?.height ?? 900).toBeLessThan(200);
    await expect(page.getByRole('region', { name: 'Pack pages' })).toBeInViewport({ ratio: 0.5 });
    await expectNoAxeViolations(page, 'reader at the largest text size');
  });

  test('find marks its hits on the page and steps through them; a search result arrives marked', async ({ app }) => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openSamplePack(page);
    await page.getByRole('tab', { name: 'Find' }).click();
    const field = page.getByRole('searchbox', { name: 'Find in this pack' });
    await field.fill('sharing');
    await field.press('Enter');
    const status = page.locator('.find-status');
    await expect(status).toContainText('match “sharing”');
    const total = Number((await status.textContent())?.match(/(\d+) pages? match/)?.[1]);
    expect(total).toBeGreaterThan(2);
    const position = page.locator('.find-position');
    await expect(position).toHaveText(`Result 1 of ${total}`);

    const shownPage = async () => Number((await page.locator('.page-indicator span').first().textContent())?.match(/Page (\d+)/)?.[1]);
    const first = await shownPage();
    await expect(page.locator(`.pdf-page[data-page="${first}"] .find-marks.current .find-mark`).first()).toBeVisible();
    expect(await markCoversWord(page, first, 'sharing')).toBe(true);

    // Enter again is the next result, Shift+Enter the previous, F3 the next from anywhere.
    await field.press('Enter');
    await expect(position).toHaveText(`Result 2 of ${total}`);
    const second = await shownPage();
    expect(second).toBeGreaterThan(first);
    await expect(page.locator(`.pdf-page[data-page="${second}"] .find-marks.current .find-mark`).first()).toBeVisible();
    expect(await markCoversWord(page, second, 'sharing')).toBe(true);
    await field.press('Shift+Enter');
    await expect(position).toHaveText(`Result 1 of ${total}`);
    await page.getByRole('region', { name: 'Pack pages' }).focus();
    await page.keyboard.press('F3');
    await expect(position).toHaveText(`Result 2 of ${total}`);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(position).toHaveText(`Result 3 of ${total}`);
    await page.getByRole('button', { name: 'Previous', exact: true }).click();
    await expect(position).toHaveText(`Result 2 of ${total}`);
    await expectNoAxeViolations(page, 'reader with find hits marked');

    // From the Search page: the result opens on its page with its words marked.
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByRole('searchbox', { name: 'Words to find' }).fill('individual data sharing requests');
    await page.getByRole('searchbox', { name: 'Words to find' }).press('Enter');
    await page.getByRole('link', { name: new RegExp(`^Page ${before.pdfPage} `) }).first().click();
    await expect(page.locator('.page-indicator')).toContainText(`Page ${before.pdfPage} of`);
    await expect(page.locator(`.pdf-page[data-page="${before.pdfPage}"] .find-marks.current .find-mark`).first()).toBeVisible();
    expect(await markCoversWord(page, before.pdfPage, 'individual')).toBe(true);
    await expect(page.getByRole('searchbox', { name: 'Find in this pack' })).toHaveValue('individual data sharing requests');
  });

  test('a pop-over beside selected text highlights, copies with its reference, and the sharing switch reads its state', async ({ app }) => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await openSamplePack(page);
    await page.getByLabel('Go to page').fill(String(before.pdfPage));
    await page.getByLabel('Go to page').press('Enter');
    await expect(page.locator('.page-indicator')).toContainText(`Page ${before.pdfPage} of`);

    // Keyboard: from the pages, Tab reaches the pop-over; Escape closes it.
    const pages = page.getByRole('region', { name: 'Pack pages' });
    await pages.focus();
    await selectText(page, before.pdfPage, passage);
    const popover = page.getByRole('toolbar', { name: 'Selected text' });
    await expect(popover).toBeVisible();
    await expectNoAxeViolations(page, 'reader with the selection pop-over');
    await page.keyboard.press('Tab');
    await expect(popover.getByRole('button', { name: 'Highlight' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(popover).toBeHidden();
    await expect(pages).toBeFocused();

    // Copy with reference: the item and the printed page, as a member would cite it.
    await selectText(page, before.pdfPage, passage);
    await popover.getByRole('button', { name: 'Copy with reference' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`“${passage}” (Item ${passageItem}, page ${printedPage})`);
    await expect(popover).toBeHidden();

    // Highlight from the pop-over (by keyboard).
    await pages.focus();
    await selectText(page, before.pdfPage, passage);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const thisPage = page.locator(`.pdf-page[data-page="${before.pdfPage}"]`);
    await expect(thisPage.locator('.mark-highlight').first()).toBeVisible();

    // Note and question from the pop-over: a sticky note beside the text, a question drafted on its item.
    await selectText(page, before.pdfPage, passage);
    await popover.getByRole('button', { name: 'Note' }).click();
    const editor = page.getByRole('dialog', { name: 'New sticky note' });
    await expect(editor).toBeVisible();
    await editor.getByLabel('Text').fill('Ask about the refusals');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('button', { name: 'Note: Ask about the refusals' })).toBeVisible();
    await selectText(page, before.pdfPage, passage);
    await popover.getByRole('button', { name: 'Question' }).click();
    await expect(page.getByRole('tab', { name: 'Questions' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByLabel('New question')).toHaveValue(new RegExp(passage.slice(0, 30)));
    await expect(page.getByLabel('Agenda item', { exact: true })).toHaveValue(String(passageItem));

    // The sharing switch says what it does and, beside it, the state in words.
    await page.getByRole('tab', { name: 'Annotations' }).click();
    const entry = page.locator('[data-annotation-entry]').filter({ hasText: passage });
    const share = entry.getByRole('switch', { name: 'Share with the panel' });
    await expect(share).toHaveAttribute('aria-checked', 'false');
    await expect(share).toHaveText('Private');
    await share.click();
    await expect(share).toHaveAttribute('aria-checked', 'true');
    await expect(share).toHaveText('Shared with the panel');
    await expectNoAxeViolations(page, 'reader annotations with the sharing switch');
  });

  test('in Welsh at 1280 px the header is one row and the toolbar at most two; axe clean', async ({ app }) => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openSamplePack(page);
    await page.getByLabel('Language').selectOption('cy');
    await expect(page.getByRole('tab', { name: 'Yr agenda' })).toBeVisible();
    const headerRows = await page.evaluate(() => {
      const header = document.querySelector('.app-header');
      const boxes = [...(header?.children ?? [])].map((c) => c.getBoundingClientRect()).filter((r) => r.height > 0);
      // On one row every part overlaps every other vertically.
      return boxes.every((a) => boxes.every((b) => a.top < b.bottom && b.top < a.bottom)) ? 1 : 2;
    });
    expect(headerRows).toBe(1);
    expect(await toolbarRows(page)).toBeLessThanOrEqual(2);
    const tabs = await page.getByRole('tab').evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size);
    expect(tabs).toBeLessThanOrEqual(2);
    await expectNoAxeViolations(page, 'reader (cy)');
    await page.getByRole('button', { name: 'Rhagor' }).click();
    await expectNoAxeViolations(page, 'reader with More open (cy)');
  });
});
