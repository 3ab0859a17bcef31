import path from 'node:path';
import { chromium } from '@playwright/test';
import { renderMinutes } from '../../electron/core/minutes/render/index';
import { seedMinutesDocument } from '../../electron/core/minutes/testing/seedMinutes';
import { MinutesDocument } from '../../shared/minutes/model';
import { chromiumLaunchOptions, expect, expectNoAxeViolations, test } from '../fixtures';

const seedsDir = path.resolve(import.meta.dirname, '../../resources/seeds');

// The exported HTML is a standalone page, the same whichever shell made it, so it is checked once,
// in Debian's Chromium, rather than again in the Electron project.
test.describe('exported HTML minutes', () => {
  for (const language of ['en-GB', 'cy'] as const) {
    test(`pass axe-core, in ${language}, with gaps marked`, async () => {
      test.skip(test.info().project.metadata.host === 'electron', 'The exported page does not depend on the shell');
      const complete = seedMinutesDocument(seedsDir);
      const withGaps = MinutesDocument.parse({ ...complete, endTime: null, present: [], gaps: [{ code: 'no-attendance' }] });
      const browser = await chromium.launch(chromiumLaunchOptions);
      try {
        const page = await (await browser.newContext()).newPage();
        for (const doc of [complete, withGaps]) {
          await page.setContent(new TextDecoder().decode(await renderMinutes(doc, 'html', language)));
          await expect(page.locator('html')).toHaveAttribute('lang', language);
          await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
          await expect(page.getByRole('heading', { level: 2, name: /^1087 Budget Scrutiny/ })).toBeVisible();
          await expect(page.getByRole('table', { name: language === 'cy' ? 'Pleidlais wedi\'i chofnodi' : 'Recorded vote' })).toBeVisible();
          await expectNoAxeViolations(page, `exported minutes (${language})`);
        }
        await expect(page.getByText(language === 'cy' ? /Bwlch: ni chofnodwyd presenoldeb/ : /Gap: no attendance was recorded/)).toBeVisible();
      } finally {
        await browser.close();
      }
    });
  }
});
