import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from '../fixtures';

/** The parts of dist/sample-packs/manifest.json (written by tools/sample-packs) these journeys read. */
interface Range {
  from: number;
  to: number;
}
interface Location {
  pdfPage: number;
  printedPage: number | null;
}
interface ManifestPack {
  file: string;
  language: string;
  pageCount: number;
  meeting: { date: string; committee: string } | null;
  items: { number: number; title: string; pdfPages: Range | null; printedPages: Range | null; timing: { from: string; to: string } | null; status: string }[];
  revisions?: { baseFile: string; moved: { item: number; text: string; before: Location; after: Location }[] };
}

const samples = path.resolve(import.meta.dirname, '..', '..', 'dist', 'sample-packs');
const manifest = JSON.parse(fs.readFileSync(path.join(samples, 'manifest.json'), 'utf8')) as { packs: ManifestPack[] };
const republished = manifest.packs.find((p) => p.revisions && p.meeting?.date === '2022-01-17');
const base = manifest.packs.find((p) => p.file === republished?.revisions?.baseFile);
if (!base || !republished) throw new Error('dist/sample-packs/manifest.json has no 17 January 2022 pack and republished version; run node scripts/build.mjs');
const basePack = base;
const republishedPack = republished;

const item = (n: number) => {
  const found = basePack.items.find((i) => i.number === n);
  if (!found) throw new Error(`sample pack has no item ${n}`);
  return found;
};
/** Passages from the Data Sharing report (item 6) whose page in the first published pack is known. */
const passage = (startsWith: string) => {
  const found = republishedPack.revisions?.moved.find((m) => m.item === 6 && m.text.startsWith(startsWith));
  if (!found) throw new Error(`manifest has no item 6 passage starting "${startsWith}"`);
  return found.before;
};

async function importThroughInput(page: Page, file: string) {
  await page.getByLabel('Import agenda pack', { exact: true }).setInputFiles(path.join(samples, file));
}

const indicator = (page: Page) => page.locator('.page-indicator');

test.describe('agenda packs', () => {
  test('import a pack, read it by item, page and keyboard, find in it, search for it, and read it in Welsh', async ({ app }) => {
    const { page } = app;
    const six = item(6);
    const eight = item(8);
    if (!six.pdfPages || !six.printedPages || !eight.pdfPages || !eight.printedPages) throw new Error('items 6 and 8 have pages in the sample pack');

    await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Open sample pack' })).toBeVisible();
    await expect(page.getByLabel('Import agenda pack', { exact: true })).toHaveAttribute('aria-keyshortcuts', 'Control+Alt+I');
    await expectNoAxeViolations(page, 'meetings list with import (en-GB)');

    // Import through the file input: upload in chunks, the job, then the meeting.
    await importThroughInput(page, basePack.file);
    await expect(page.getByRole('status').filter({ hasText: 'Agenda pack imported (version 1).' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 2, name: 'Agenda pack' })).toBeVisible();
    const agenda = page.getByRole('table', { name: 'Agenda: 8 items' });
    await expect(agenda.locator('tbody tr')).toHaveCount(8);
    const sixRow = agenda.getByRole('row', { name: new RegExp(six.title) });
    await expect(sixRow).toContainText(`Pages ${six.printedPages.from}–${six.printedPages.to}`);
    if (six.timing) await expect(sixRow).toContainText(`${six.timing.from}–${six.timing.to}`);
    await expect(agenda.getByRole('row', { name: new RegExp(item(7).title.slice(0, 40)) })).toContainText('To follow');
    await expectNoAxeViolations(page, 'meeting with its pack (en-GB)');

    // The reader opens at page 1, lays out every page but paints only those near the view.
    await page.getByRole('link', { name: 'Open pack' }).click();
    await expect(indicator(page)).toContainText(`Page 1 of ${basePack.pageCount}`);
    await expect(page.getByRole('img', { name: `Page 1 of ${basePack.pageCount}` })).toBeVisible();
    await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready');
    expect(await page.locator('.pdf-page canvas').count()).toBeLessThan(10);

    // Jump to item 6 from the agenda sidebar.
    const agendaNav = page.getByRole('navigation', { name: 'Agenda items' });
    await agendaNav.getByRole('button', { name: new RegExp(six.title) }).click();
    await expect(indicator(page)).toContainText(`Page ${six.pdfPages.from} of ${basePack.pageCount}`);
    await expect(indicator(page)).toContainText(`printed page ${six.printedPages.from}`);
    await expect(agendaNav.getByRole('button', { name: new RegExp(six.title) })).toHaveAttribute('aria-current', 'true');
    await expect(page.getByRole('img', { name: `Page ${six.pdfPages.from} of ${basePack.pageCount} (printed page ${six.printedPages.from})` })).toBeVisible();
    await expect(page.locator(`.pdf-page[data-page="${six.pdfPages.from}"]`)).toHaveAttribute('data-state', 'ready');
    await expectNoAxeViolations(page, 'reader (en-GB)');

    // Keyboard: page by page, first and last.
    await page.getByRole('region', { name: 'Pack pages' }).focus();
    await page.keyboard.press('PageDown');
    await expect(indicator(page)).toContainText(`Page ${six.pdfPages.from + 1} of ${basePack.pageCount}`);
    await page.keyboard.press('k');
    await expect(indicator(page)).toContainText(`Page ${six.pdfPages.from} of ${basePack.pageCount}`);
    await page.keyboard.press('End');
    await expect(indicator(page)).toContainText(`Page ${basePack.pageCount} of ${basePack.pageCount}`);
    await page.keyboard.press('Home');
    await expect(indicator(page)).toContainText(`Page 1 of ${basePack.pageCount}`);

    // Go to a page by number; the agenda follows.
    await page.getByLabel('Go to page').fill(String(eight.pdfPages.from));
    await page.getByLabel('Go to page').press('Enter');
    await expect(indicator(page)).toContainText(`Page ${eight.pdfPages.from} of ${basePack.pageCount}`);
    await expect(indicator(page)).toContainText(`printed page ${eight.printedPages.from}`);
    await expect(agendaNav.getByRole('button', { name: new RegExp(eight.title) })).toHaveAttribute('aria-current', 'true');

    // Zoom keeps the place.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect(page.getByRole('button', { name: 'Fit width' })).toHaveAttribute('aria-pressed', 'false');
    await expect(indicator(page)).toContainText(`Page ${eight.pdfPages.from} of ${basePack.pageCount}`);
    await page.getByRole('button', { name: 'Fit width' }).click();

    // Find in this pack, then jump to the hit.
    const requests = passage('In the 2021 calendar year, a total of 179 individual data sharing requests');
    await page.getByRole('tab', { name: 'Find' }).click();
    await page.getByRole('searchbox', { name: 'Find in this pack' }).fill('179 individual data sharing requests');
    await page.getByRole('searchbox', { name: 'Find in this pack' }).press('Enter');
    const hit = page.getByRole('button', { name: new RegExp(`^Page ${requests.pdfPage} \\(printed page ${requests.printedPage}\\)`) });
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark').first()).toBeVisible();
    await expectNoAxeViolations(page, 'reader with find results (en-GB)');
    await hit.click();
    await expect(indicator(page)).toContainText(`Page ${requests.pdfPage} of ${basePack.pageCount}`);
    await expect(indicator(page)).toContainText(`printed page ${requests.printedPage}`);

    // Search every pack from the Search page ("/" from anywhere outside a text field).
    const encryption = passage('Encryption is the process');
    await page.getByRole('region', { name: 'Pack pages' }).focus();
    await page.keyboard.press('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Search agenda packs' })).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Words to find' })).toBeFocused();
    await page.keyboard.type('plaintext to ciphertext');
    await page.keyboard.press('Enter');
    const result = page.getByRole('link', { name: new RegExp(`^Page ${encryption.pdfPage} \\(printed page ${encryption.printedPage}\\)`) });
    await expect(result).toBeVisible();
    await expect(result.locator('mark').first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: new RegExp(`^Item 6: ${six.title}`) })).toBeVisible();
    await expectNoAxeViolations(page, 'search results (en-GB)');
    await result.click();
    await expect(indicator(page)).toContainText(`Page ${encryption.pdfPage} of ${basePack.pageCount}`);
    await expect(indicator(page)).toContainText(`printed page ${encryption.printedPage}`);
    await expect(page.locator(`.pdf-page[data-page="${encryption.pdfPage}"]`)).toHaveAttribute('data-state', 'ready');

    // The same reader in Welsh.
    await page.getByLabel('Language').selectOption('cy');
    await expect(indicator(page)).toContainText(`Tudalen ${encryption.pdfPage} o ${basePack.pageCount}`);
    await expect(indicator(page)).toContainText(`tudalen argraffedig ${encryption.printedPage}`);
    await expect(page.getByRole('tab', { name: 'Yr agenda' })).toBeVisible();
    await expect(page.getByRole('img', { name: `Tudalen ${encryption.pdfPage} o ${basePack.pageCount} (tudalen argraffedig ${encryption.printedPage})` })).toBeVisible();
    await expectNoAxeViolations(page, 'reader (cy)');
  });

  test('a file that is not a PDF, chosen or dropped, gets a translated error and nothing is imported', async ({ app }) => {
    const { page } = app;
    await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
    await page.getByLabel('Import agenda pack', { exact: true }).setInputFiles({ name: 'minutes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('These are the minutes, typed up as plain text.\n') });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The pack was not imported: That file is not a PDF. Choose the agenda pack as a PDF file.');
    await expectNoAxeViolations(page, 'import error (en-GB)');
    await expect(page.getByText('No meetings yet. Create one to get started.')).toBeVisible();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);

    // Dropped anywhere on the window: the overlay says what will happen, the core says what it is.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['Notes for the meeting, not a PDF.'], 'notes.txt', { type: 'text/plain' }));
      document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
      (window as unknown as { __drop: DataTransfer }).__drop = data;
    });
    await expect(page.getByText('Drop the PDF to import it')).toBeVisible();
    await page.evaluate(() => {
      const data = (window as unknown as { __drop: DataTransfer }).__drop;
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await expect(page.getByText('Drop the PDF to import it')).toHaveCount(0);
    await expect(page.getByRole('alert')).toContainText('That file is not a PDF.');

    await page.getByLabel('Language').selectOption('cy');
    await expect(page.getByRole('alert')).toContainText('Nid PDF yw’r ffeil honno. Dewiswch y pecyn agenda fel ffeil PDF.');
    await expectNoAxeViolations(page, 'import error (cy)');
    await page.getByRole('button', { name: 'Cau’r neges' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('cancelling while the file is still being sent leaves nothing behind', async ({ app }) => {
    test.skip(app.origin === null, 'slowing the upload down needs the browser host’s HTTP binding');
    const { page } = app;
    await page.route('**/api/uploadChunk', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await importThroughInput(page, basePack.file);
    await expect(page.getByRole('progressbar', { name: /^Sending the file to Chamber/ })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await expect(page.getByText('Import cancelled. Nothing was saved.')).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await page.unroute('**/api/uploadChunk');
    await page.reload();
    await expect(page.getByText('No meetings yet. Create one to get started.')).toBeVisible();
  });

  test('the sample pack, then a republished version chosen with Ctrl+Alt+I, shows what changed', async ({ app }) => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open sample pack' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Agenda pack imported (version 1).' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('table', { name: 'Agenda: 8 items' }).locator('tbody tr')).toHaveCount(8);

    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Control+Alt+I');
    await (await chooser).setFiles(path.join(samples, republishedPack.file));
    await expect(page.getByRole('status').filter({ hasText: 'Agenda pack imported (version 2).' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 3, name: 'What changed since version 1' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: 'Versions of this pack' })).toBeVisible();
    const seven = republishedPack.items.find((i) => i.number === 7);
    if (seven?.printedPages) {
      await expect(page.getByRole('table', { name: 'Agenda: 8 items' }).getByRole('row', { name: new RegExp(seven.title.slice(0, 40)) })).toContainText(`Pages ${seven.printedPages.from}–${seven.printedPages.to}`);
    }
    await expectNoAxeViolations(page, 'meeting with a republished pack (en-GB)');

    await page.getByRole('link', { name: 'Read version 1' }).click();
    await expect(page.getByText('You are reading version 1 of this pack; the latest is version 2.')).toBeVisible();
    await expect(indicator(page)).toContainText(`Page 1 of ${basePack.pageCount}`);

    // Print a range: the pages become images in a print-only container, then the print dialog opens.
    await page.evaluate(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => {
        w.printed += 1;
      };
    });
    await page.getByRole('button', { name: 'Print pages…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Print pages' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('From page').fill('5');
    await dialog.getByLabel('To page').fill('7');
    await expectNoAxeViolations(page, 'print dialog (en-GB)');
    await dialog.getByRole('button', { name: 'Print', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await expect(page.locator('body > .print-pages img')).toHaveCount(3);
  });
});
