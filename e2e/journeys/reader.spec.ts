import { expect, test } from '../fixtures';

test('measure', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Open sample pack' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Agenda pack' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Open pack' }).click();
  await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready');
  for (const [w, h] of [[1280, 800], [640, 400], [683, 800], [320, 640]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(500);
    const m = await page.evaluate(() => {
      const r = (s: string) => { const e = document.querySelector(s); if (!e) return null; const b = e.getBoundingClientRect(); return [Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height)]; };
      return { header: r('.app-header'), rh: r('.reader-header'), tb: r('.reader-toolbar'), side: r('.reader-sidebar'), pages: r('.reader-pages'), canvas: r('.pdf-page canvas') };
    });
    console.log(w, h, JSON.stringify(m));
    await page.screenshot({ path: `/tmp/dm/${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('combobox', { name: /Language|Iaith/ }).selectOption('cy').catch(() => undefined);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/dm/cy.png` });
});
