import path from 'node:path';
import { chromium } from '@playwright/test';
import { coreCall } from '../coreCall';
import { chromiumLaunchOptions, expect, expectNoAxeViolations, test } from '../fixtures';

const samples = path.resolve(import.meta.dirname, '..', '..', 'dist', 'sample-packs');

test.describe('meetings', () => {
  test('create a meeting from the keyboard, reload and find it, then read it in Welsh', async ({ app }) => {
    const { page } = app;
    await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
    await expect(page.getByText('No meetings yet. Create one to get started.')).toBeVisible();
    await expectNoAxeViolations(page, 'empty meetings list (en-GB)');

    // Keyboard only: shortcut to the form, submit it empty, read the errors.
    await page.keyboard.press('Control+Alt+N');
    await expect(page.getByRole('heading', { level: 1, name: 'New meeting' })).toBeVisible();
    await page.getByRole('textbox', { name: /^Title/ }).focus();
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toContainText('5 fields need attention.');
    await expect(summary).toBeFocused();
    await expectNoAxeViolations(page, 'new meeting form with errors (en-GB)');

    await page.getByRole('textbox', { name: /^Title/ }).focus();
    await page.keyboard.type('Budget Scrutiny 2022/23');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Corporate and Communities Overview and Scrutiny Panel');
    await page.getByLabel(/^Date/).fill('2022-01-17');
    // In the past: said, not refused.
    await expect(page.locator('.warning')).toHaveText('Monday 17 January 2022 is in the past. The meeting will be created as Scheduled: check the date, or carry on if you are recording a meeting already held.');
    await expectNoAxeViolations(page, 'new meeting in the past (en-GB)');
    await page.getByLabel(/^Start time/).fill('10:00');
    await page.getByRole('textbox', { name: /^Venue/ }).focus();
    await page.keyboard.type('Council Chamber, County Hall, Worcester');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('status')).toHaveText('Meeting “Budget Scrutiny 2022/23” created.');
    // Not signed in: the work is on this device only, and nothing is counted as waiting to be sent.
    await expect(page.locator('.sync-indicator')).toHaveText('On this device only');
    const row = page.getByRole('row', { name: /Budget Scrutiny 2022\/23/ });
    await expect(row).toContainText('Mon 17 Jan 2022');
    await expect(row).toContainText('10:00');
    await expectNoAxeViolations(page, 'meetings list (en-GB)');

    await page.reload();
    await expect(page.getByRole('row', { name: /Budget Scrutiny 2022\/23/ })).toContainText('Council Chamber, County Hall, Worcester');

    await page.getByRole('link', { name: 'Budget Scrutiny 2022/23' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Budget Scrutiny 2022/23' })).toBeVisible();
    await expect(page.getByText('Monday 17 January 2022 at 10:00', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page, 'meeting (en-GB)');

    await page.getByLabel('Language').selectOption('cy');
    await expect(page.getByRole('link', { name: 'Yn ôl i’r cyfarfodydd' })).toBeVisible();
    await expect(page.getByText('Dydd Llun 17 Ionawr 2022 am 10:00', { exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
    await expectNoAxeViolations(page, 'meeting (cy)');

    // The choice persists in the core, not just in this page.
    await page.reload();
    await expect(page.getByRole('link', { name: 'Yn ôl i’r cyfarfodydd' })).toBeVisible();
    await page.getByRole('link', { name: 'Yn ôl i’r cyfarfodydd' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cyfarfodydd' })).toBeVisible();
    await expect(page.getByText('1 cyfarfod', { exact: true })).toBeVisible();
    await expect(page.getByRole('row', { name: /Budget Scrutiny/ })).toContainText('Llun 17 Ion 2022');
    await expectNoAxeViolations(page, 'meetings list (cy)');

    await page.keyboard.press('Control+Alt+N');
    await expect(page.getByRole('heading', { level: 1, name: 'Cyfarfod newydd' })).toBeVisible();
    await page.getByRole('button', { name: 'Creu cyfarfod' }).press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'Mae problem' })).toContainText('Mae angen sylw ar 5 maes.');
    await expectNoAxeViolations(page, 'new meeting form with errors (cy)');
    await expect(page.locator('.sync-indicator')).toHaveText('Ar y ddyfais hon yn unig');
  });

  test('a pack whose front sheet gives another date and committee attaches with a warning, in both languages', async ({ app }) => {
    test.skip(app.origin === null, 'The meeting is set up through the browser host’s API.');
    const { page } = app;
    const meeting = await coreCall(page, 'createMeeting', { title: 'Planning', committee: 'Planning Committee', date: '2022-02-14', startTime: '10:00', venue: 'County Hall' });
    await page.goto(`${app.origin ?? ''}/#/meetings/${meeting.id}`);
    await page.getByLabel('Import agenda pack', { exact: true }).setInputFiles(path.join(samples, 'ccosp-2022-01-17-agenda.pdf'));
    const warning = page.getByRole('region', { name: 'Check this is the right pack' });
    await expect(warning).toBeVisible({ timeout: 60_000 });
    await expect(warning).toContainText('The front sheet is dated Monday 17 January 2022, but this meeting is on Monday 14 February 2022.');
    await expect(warning).toContainText('The front sheet names Corporate and Communities Overview and Scrutiny Panel, but this is a meeting of Planning Committee.');
    await expectNoAxeViolations(page, 'pack front sheet differs (en-GB)');
    await page.getByLabel('Language').selectOption('cy');
    await expect(page.getByRole('region', { name: 'Gwiriwch mai dyma’r pecyn cywir' })).toContainText('Dydd Llun 14 Chwefror 2022');
    await expectNoAxeViolations(page, 'pack front sheet differs (cy)');
  });

  test('an unknown address shows a translated page, not a crash', async ({ app }) => {
    const { page } = app;
    await page.evaluate(() => {
      window.location.hash = '#/no/such/page';
    });
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expectNoAxeViolations(page, 'not found (en-GB)');
  });

  test('the browser host refuses a page opened without the launch token', async ({ app }) => {
    test.skip(app.origin === null, 'only the browser host has a launch token');
    const browser = await chromium.launch(chromiumLaunchOptions);
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${app.origin}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Chamber cannot reach its data' })).toBeVisible();
    const status = await page.evaluate(async () => (await fetch('/api/listMeetings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
    expect(status).toBe(401);
    await expectNoAxeViolations(page, 'no connection (en-GB)');
    await browser.close();
  });
});
