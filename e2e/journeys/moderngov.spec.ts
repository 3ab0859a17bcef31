import path from 'node:path';
import { londonToday } from '../../electron/core/moderngov/calendar';
import { startModernGovSite, type ModernGovTestSite } from '../../electron/core/testing/modernGovSite';
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from '../fixtures';

const samplePackDir = path.resolve(import.meta.dirname, '..', '..', 'dist', 'sample-packs');
const committee = 'Corporate and Communities Overview and Scrutiny Panel';

let site: ModernGovTestSite;
test.beforeEach(async () => {
  site = await startModernGovSite({ samplePackDir, today: londonToday(new Date()) });
});
test.afterEach(async () => {
  await site.close();
});

/** Settings: adds the test site, chooses the committee and refreshes once (two meetings arrive). */
async function addSiteAndRefresh(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Site address').fill(site.url);
  await page.getByRole('button', { name: 'Add site' }).click();
  const siteSection = page.getByRole('region', { name: site.url });
  await siteSection.getByRole('checkbox', { name: committee }).check();
  await siteSection.getByRole('button', { name: 'Save choices' }).click();
  await expect(siteSection.getByText('Choices saved.')).toBeVisible();
  await siteSection.getByRole('button', { name: 'Refresh now' }).click();
  await expect(siteSection.getByText('Refresh finished: 2 meetings.')).toBeVisible({ timeout: 60_000 });
  return siteSection;
}

test.describe('Modern.gov sites', () => {
  test('add the council site in settings, choose a committee, refresh, read a fetched pack; agenda text scripts never run', async ({ app }) => {
    const { page } = app;
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expectNoAxeViolations(page, 'settings with no site (en-GB)');

    // A site that refuses is explained, and nothing is added.
    const address = page.getByLabel('Site address');
    await address.fill(site.siteUrl('forbidden'));
    await address.press('Enter');
    await expect(page.getByRole('alert')).toContainText('refused Chamber');
    await expect(page.getByText('No sites added yet.')).toBeVisible();

    // From the keyboard: the address, Enter, then the committee's checkbox with Space.
    await address.fill(site.url);
    await address.press('Enter');
    const siteSection = page.getByRole('region', { name: site.url });
    await expect(siteSection).toBeVisible();
    const choice = siteSection.getByRole('checkbox', { name: committee });
    await choice.focus();
    await page.keyboard.press('Space');
    await expect(choice).toBeChecked();
    await expect(siteSection.getByRole('checkbox', { name: "Children's Services & Families Panel" })).not.toBeChecked();
    await siteSection.getByLabel('Days ahead to fetch').fill('90');
    await siteSection.getByRole('button', { name: 'Save choices' }).click();
    await expect(siteSection.getByText('Choices saved.')).toBeVisible();
    await expectNoAxeViolations(page, 'settings with a site (en-GB)');

    await siteSection.getByRole('button', { name: 'Refresh now' }).click();
    await expect(siteSection.getByText('Refresh finished: 2 meetings.')).toBeVisible({ timeout: 60_000 });
    await expect(siteSection.getByRole('heading', { name: 'Documents that could not be fetched' })).toBeVisible();
    await expect(siteSection.getByText(/^Off-site paper: The link points away from the council’s site/)).toBeVisible();
    await expectNoAxeViolations(page, 'settings after a refresh (en-GB)');

    // The meeting with the hostile agenda text: shown, sanitised, never run.
    // Listed as fetched: two weeks ahead first, then the one ten days ago.
    await siteSection.getByRole('link', { name: new RegExp(`^${committee}, `) }).nth(1).click();
    const updates = page.getByRole('region', { name: 'From the council’s Modern.gov site' });
    await expect(updates.getByText('Apologies received.')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __mgScriptRan?: boolean }).__mgScriptRan)).toBeUndefined();
    await updates.getByText('Apologies received.').click();
    expect(await page.evaluate(() => (window as unknown as { __mgScriptRan?: boolean }).__mgScriptRan)).toBeUndefined();
    expect(await page.locator('.agenda-text script, .agenda-text img, .agenda-text [onclick]').count()).toBe(0);
    await expect(updates.getByText(/Refused paper – not fetched: The council’s Modern.gov site refused Chamber/)).toBeVisible();
    await expectNoAxeViolations(page, 'fetched meeting with agenda text (en-GB)');

    // The meeting two weeks ahead: its pack, joined from the item reports, opens in the reader.
    await page.goBack();
    await page.getByRole('region', { name: site.url }).getByRole('button', { name: 'Refresh now' }).click();
    await expect(page.getByText('Refresh finished: 2 meetings.')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('region', { name: site.url }).getByRole('link', { name: new RegExp(`^${committee}`) }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: committee })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: '6. Data Sharing and Analytics' })).toBeVisible();
    await page.getByRole('link', { name: 'Open pack' }).click();
    await expect(page.locator('.page-indicator')).toContainText('Page 1 of 36');
    await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready');
    const agendaNav = page.getByRole('navigation', { name: 'Agenda items' });
    await agendaNav.getByRole('button', { name: /Data Sharing and Analytics/ }).click();
    await expect(page.locator('.page-indicator')).toContainText('Page 19 of 36');
  });

  test('a supplement shows as new on the item, then as seen, in Welsh too', async ({ app }) => {
    const { page } = app;
    const siteSection = await addSiteAndRefresh(page);

    await site.publishSupplement();
    await siteSection.getByRole('button', { name: 'Refresh now' }).click();
    await expect(siteSection.getByText('Refresh finished: 2 meetings.')).toBeVisible({ timeout: 60_000 });
    await expect(siteSection.getByText('1 change')).toBeVisible();
    await siteSection.getByRole('link', { name: new RegExp(`^${committee}`) }).first().click();

    const updates = page.getByRole('region', { name: 'From the council’s Modern.gov site' });
    await expect(updates.getByRole('status')).toHaveText('1 new or changed since you last looked.');
    const item7 = updates.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^7\. Annual Update/ }) });
    await expect(item7.getByRole('list', { name: 'New or changed' })).toContainText('Supplement: Annual Update on Energy Purchasing was published as a supplement.');
    await expectNoAxeViolations(page, 'meeting with a supplement (en-GB)');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('cy');
    const updatesCy = page.getByRole('region', { name: 'O safle Modern.gov y cyngor' });
    await expect(updatesCy.getByRole('status')).toHaveText('1 peth newydd neu wedi newid ers i chi edrych ddiwethaf.');
    await expectNoAxeViolations(page, 'meeting with a supplement (cy)');
    await updatesCy.getByRole('button', { name: 'Nodi’r cyfan fel wedi’i weld' }).click();
    await expect(updatesCy.getByRole('status')).toHaveText('Dim byd newydd ers i chi edrych ddiwethaf.');
  });

  // Issue 20.3 in the app: a refresh that meets a broken meeting and broken papers names them, and can be cancelled.
  test('a refresh names the meeting and the paper it could not fetch, on Settings and the meeting page, and can be cancelled', async ({ app }) => {
    const { page } = app;
    const siteSection = await addSiteAndRefresh(page);
    const recentLink = await siteSection.getByRole('link', { name: new RegExp(`^${committee}, `) }).nth(1).getAttribute('href');

    // The recent meeting now fails with HTTP 500; a new meeting has a paper cut off mid-body.
    site.faults.meetingErrors.add(site.ids.recent);
    const extra = site.addMeeting(20);
    const cut = extra.items.flatMap((i) => i.documents)[0];
    if (!cut) throw new Error('no paper to cut');
    site.faults.cutDocuments.add(cut.attachmentId);
    await siteSection.getByRole('button', { name: 'Refresh now' }).click();
    await expect(siteSection.getByText('Refresh finished: 2 meetings.')).toBeVisible({ timeout: 60_000 });
    const failures = siteSection.getByRole('list').filter({ hasText: 'Modern.gov 1002' });
    await expect(failures.getByText(/^Meeting of .* \(Modern\.gov 1002\): The council’s site failed with a server error/)).toBeVisible();
    await expect(failures.getByText(new RegExp(`^${cut.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: The connection closed before the whole document arrived.*Chamber will try again after`))).toBeVisible();
    await expectNoAxeViolations(page, 'settings after a refresh with failures (en-GB)');

    // The meeting that could not be read says so on its page, in Welsh too.
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, recentLink ?? '');
    const updates = page.getByRole('region', { name: 'From the council’s Modern.gov site' });
    await expect(updates.getByRole('alert')).toContainText('could not read this meeting');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('cy');
    await expect(page.getByRole('region', { name: 'O safle Modern.gov y cyngor' }).getByRole('alert')).toContainText('Methodd yr adnewyddu diwethaf');
    await expectNoAxeViolations(page, 'meeting that could not be refreshed (cy)');
    await page.getByRole('combobox', { name: 'Iaith' }).selectOption('en-GB');

    // A paper that drips for ever holds the refresh until it is cancelled.
    site.faults.meetingErrors.clear();
    site.faults.cutDocuments.clear();
    site.faults.dripDocuments.add(extra.items.flatMap((i) => i.documents)[1]?.attachmentId ?? 0);
    await page.getByRole('link', { name: 'Settings' }).click();
    await siteSection.getByRole('button', { name: 'Refresh now' }).click();
    await siteSection.getByRole('button', { name: 'Cancel refresh' }).click();
    await expect(siteSection.getByText('Refresh cancelled. Meetings already fetched were kept.')).toBeVisible({ timeout: 30_000 });
    await expectNoAxeViolations(page, 'settings after a cancelled refresh');
  });
});
