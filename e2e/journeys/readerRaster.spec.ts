import type { Route } from '@playwright/test';
import { coreCall } from '../coreCall';
import { expect, test } from '../fixtures';

/**
 * Issue 23 goal 1: the reader shows page 1's picture, made after import, as the ready page while
 * pdf.js is still opening the pack, and pdf.js's own page replaces it once drawn. The PDF's bytes
 * are held back here so pdf.js cannot have painted: only the stored picture can make the page ready.
 */
test('the reader shows page 1’s stored picture before pdf.js has the pack, then pdf.js’s page in its place', async ({ app }, testInfo) => {
  test.skip(testInfo.project.name !== 'browser-host', 'holds the browser host’s document route');
  const { page } = app;
  await page.getByRole('button', { name: 'Open sample pack' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Agenda pack' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Open pack' }).click();
  await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready');
  const meetingId = /#\/meetings\/([^/]+)\/pack/.exec(page.url())?.[1] ?? '';
  const pack = await coreCall(page, 'getMeetingPack', { meetingId });
  const sha256 = pack?.documentSha256 ?? '';
  // The picture is drawn in the background after the import.
  await expect.poll(async () => (await coreCall(page, 'readPageRaster', { sha256, page: 1 })) !== null, { timeout: 30_000 }).toBe(true);

  const held: Route[] = [];
  await page.route(`**/api/documents/${sha256}`, (route) => void held.push(route));
  await page.reload();
  const first = page.locator('.pdf-page[data-page="1"]');
  await expect(first).toHaveAttribute('data-state', 'ready');
  await expect(first).toHaveAttribute('data-shows', 'raster');
  await expect(first.locator('img.page-raster')).toBeVisible();
  expect(await first.locator('img.page-raster').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
  // Its canvas is where the picture will be replaced, already the page's size.
  expect((await first.locator('canvas').boundingBox())?.height ?? 0).toBeGreaterThan(100);
  // pdf.js has asked for the bytes (and is kept waiting): the page is still its picture.
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await expect(first).toHaveAttribute('data-shows', 'raster');

  const release = () => Promise.all(held.splice(0).map((route) => route.continue()));
  await page.route(`**/api/documents/${sha256}`, (route) => void route.continue());
  await release();
  await expect(first).toHaveAttribute('data-shows', 'canvas');
  await expect(first.locator('img.page-raster')).toHaveCount(0);
  await expect(first).toHaveAttribute('data-state', 'ready');
});
