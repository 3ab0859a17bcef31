import path from 'node:path';
import { londonToday } from '../../electron/core/moderngov/calendar';
import { startModernGovSite } from '../../electron/core/testing/modernGovSite';
import { coreCall } from '../coreCall';
import { expect, expectNoAxeViolations, test } from '../fixtures';
import { chairRunsTheMeeting, type Cast, type Language } from './chairJourney';

/** The January 2022 pack's front sheet: Cllr Rouse chairs; the rest are the panel's members. */
const januaryCast: Cast = {
  chair: 'Mike Rouse',
  apologises: 'Natalie McVey',
  declares: 'Aled Evans',
  against: 'Laura Gretton',
  speaks: 'Mel Allcott',
  substitute: 'Sam Substitute',
  coOpted: 'Sarah Co-opted',
};

test.describe('the acceptance journey: a chair runs the January pack they imported themselves, from the keyboard', () => {
  for (const language of ['en-GB', 'cy'] as const satisfies readonly Language[]) {
    test(`front-sheet members, a co-opted member, apologies and a substitute, a DPI with withdrawal, an overrun, a recorded vote without the withdrawn member, an action, an agreed panel comment; the Word minutes hold exactly that (${language})`, async ({ app }) => {
      test.skip(app.origin === null, 'Set-up goes through the browser host API.');
      test.setTimeout(240_000);
      const { page } = app;
      const { jobId } = await coreCall(page, 'openSamplePack', {});
      await expect.poll(async () => (await coreCall(page, 'getJob', { jobId })).state, { timeout: 60_000 }).toBe('succeeded');
      const meetingId = (await coreCall(page, 'getJob', { jobId })).result?.meetingId ?? '';
      await chairRunsTheMeeting(page, app.origin ?? '', meetingId, language, januaryCast, { voteItem: '6' }, language === 'en-GB' ? 'run-meeting-cockpit' : 'run-meeting-cockpit-cy');
    });
  }
});

/** The Modern.gov test site's attendees for the meeting two weeks ahead (the January agenda). */
const modernGovCast: Cast = {
  chair: 'Tom Wells',
  apologises: 'Lynn Denham',
  declares: 'Alastair Adams',
  against: 'Sam Substitute',
  speaks: 'Tom Wells',
  substitute: 'Sam Substitute',
  coOpted: 'Sarah Co-opted',
};

test.describe('the same journey on a meeting fetched from Modern.gov, its attendees as the members', () => {
  test('attendees and roles from Modern.gov, then the chair’s whole meeting; the Word minutes hold exactly that', async ({ app }) => {
    test.skip(app.origin === null, 'Set-up goes through the browser host API.');
    test.setTimeout(240_000);
    const site = await startModernGovSite({ samplePackDir: path.resolve(import.meta.dirname, '..', '..', 'dist', 'sample-packs'), today: londonToday(new Date()) });
    try {
      const { page } = app;
      const committee = 'Corporate and Communities Overview and Scrutiny Panel';
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByLabel('Site address').fill(site.url);
      await page.getByRole('button', { name: 'Add site' }).click();
      const siteSection = page.getByRole('region', { name: site.url });
      await siteSection.getByRole('checkbox', { name: committee }).check();
      await siteSection.getByRole('button', { name: 'Save choices' }).click();
      await expect(siteSection.getByText('Choices saved.')).toBeVisible();
      await siteSection.getByRole('button', { name: 'Refresh now' }).click();
      await expect(siteSection.getByText('Refresh finished: 2 meetings.')).toBeVisible({ timeout: 60_000 });
      // Listed as fetched: the meeting two weeks ahead first.
      const href = (await siteSection.getByRole('link', { name: new RegExp(`^${committee}, `) }).first().getAttribute('href')) ?? '';
      const meetingId = /meetings\/([^/?]+)/.exec(href)?.[1] ?? '';
      const roles = await coreCall(page, 'listMeetingRoles', { meetingId });
      expect(roles.map((r) => [r.memberName, r.role]).sort()).toEqual([
        ['Alastair Adams', 'vice-chair'],
        ['Lynn Denham', 'member'],
        ['Tom Wells', 'chair'],
      ]);
      await chairRunsTheMeeting(page, app.origin ?? '', meetingId, 'en-GB', modernGovCast, { voteItem: '6' }, 'run-meeting-cockpit-moderngov');
    } finally {
      await site.close();
    }
  });
});

test.describe('the chair runs a meeting they imported themselves', () => {
  test('the January pack’s front sheet gives the members; a co-opted member is added from the keyboard; a vote cannot record the withdrawn member; in English and Welsh', async ({ app }) => {
    test.skip(app.origin === null, 'Set-up goes through the browser host API.');
    test.setTimeout(180_000);
    const { page } = app;
    const { jobId } = await coreCall(page, 'openSamplePack', {});
    await expect.poll(async () => (await coreCall(page, 'getJob', { jobId })).state, { timeout: 60_000 }).toBe('succeeded');
    const meetingId = (await coreCall(page, 'getJob', { jobId })).result?.meetingId ?? '';

    // From the meeting page to its members: the front sheet's chair, vice-chair and members.
    await page.goto(`${app.origin}/#/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Members and roles' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Members and roles');
    await expect(page.getByRole('combobox', { name: 'Role of Mike Rouse' })).toHaveValue('chair');
    await expect(page.getByRole('combobox', { name: 'Role of James Stanley' })).toHaveValue('vice-chair');
    await expect(page.getByRole('table')).toContainText('People with a role at this meeting: 9');

    // The device acts as the chair the pack named.
    const roles = await coreCall(page, 'listMeetingRoles', { meetingId });
    const id = (name: string) => roles.find((r) => r.memberName === name)?.memberId ?? name;
    await coreCall(page, 'chooseMember', { memberId: id('Mike Rouse') });
    await page.reload();

    // An empty name is refused with the error summary, whose link takes focus to the field.
    await page.getByRole('textbox', { name: 'Name', exact: true }).focus();
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary).not.toContainText('Something went wrong');
    await summary.getByRole('link', { name: 'Enter the person’s name.' }).press('Enter');
    await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
    await expectNoAxeViolations(page, 'members with an error (en-GB)');

    // A co-opted member, by keyboard.
    await page.keyboard.type('Sarah Co-opted');
    await page.keyboard.press('Tab');
    await page.getByRole('combobox', { name: 'Role at this meeting', exact: true }).selectOption('co-opted');
    await page.getByRole('button', { name: 'Add to this meeting' }).press('Enter');
    await expect(page.getByRole('status')).toContainText('Sarah Co-opted added as Co-opted member');
    await expect(page.getByRole('combobox', { name: 'Role of Sarah Co-opted' })).toHaveValue('co-opted');
    await expectNoAxeViolations(page, 'members (en-GB)');

    // The meeting: attendance, a DPI with withdrawal, and a vote on the item.
    for (const r of await coreCall(page, 'listMeetingRoles', { meetingId })) {
      await coreCall(page, 'recordAttendance', { actingMemberId: id('Mike Rouse'), attendance: { meetingId, memberId: r.memberId, status: 'present' } });
    }
    await coreCall(page, 'recordDeclaration', {
      actingMemberId: id('Mike Rouse'),
      declaration: { memberId: id('Aled Evans'), meetingId, itemNumber: '6', kind: 'dpi', nature: 'Director of Severn Data Analytics Ltd, bidding for the data contract', declaredAt: { when: 'declarations-item' }, scope: { whole: true }, preDeclared: false, confirmedByChair: true },
    });
    await page.goto(`${app.origin}/#/meetings/${meetingId}/run`);
    await page.getByRole('button', { name: /^Start item 6\./ }).press('Enter');
    await page.getByRole('button', { name: /^End item 6\./ }).press('Enter');
    // After End the outcome form stays on item 6, and restarting it asks resume or correct.
    await expect(page.getByLabel('Item for the outcome and actions')).toHaveValue('6');
    await expect(page.getByRole('button', { name: /^Resume item 6\./ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Correct the start of item 6\./ })).toBeVisible();
    const outcome = page.getByRole('form', { name: /^Outcome of item/ });
    await outcome.getByLabel('Recorded vote (by name)').check();
    await expect(outcome.getByRole('row', { name: /Aled Evans/ })).toContainText('Withdrew for a declared interest: cannot vote');
    await expect(outcome.getByRole('radiogroup', { name: 'Aled Evans' })).toHaveCount(0);
    await outcome.getByRole('radiogroup', { name: 'Mike Rouse' }).getByRole('radio', { name: 'For' }).check();
    // The co-opted member sits on the panel but does not vote.
    await expect(outcome.getByRole('row', { name: /Sarah Co-opted/ })).toHaveCount(0);
    await expect(outcome.getByRole('row', { name: /^Totals/ })).toHaveText(/Totals\s*1\s*0\s*0\s*7/);
    await expectNoAxeViolations(page, 'run meeting vote grid (en-GB)');

    // What the chair sees: a laptop, a smaller laptop, and 200% zoom (half the CSS pixels of 1280×800).
    for (const [width, height, name] of [[1366, 900, '1366x900'], [1280, 800, '1280x800'], [640, 400, 'zoom-200']] as const) {
      await page.setViewportSize({ width, height });
      await page.locator('.vote-grid').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screenshots/run-meeting-${name}.png` });
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    // In Welsh.
    await page.getByLabel('Language').selectOption('cy');
    await expect(page.locator('.vote-grid').getByRole('row', { name: /Aled Evans/ })).toContainText('Gadawodd oherwydd buddiant a ddatganwyd: ni all bleidleisio');
    await expectNoAxeViolations(page, 'run meeting vote grid (cy)');
    await page.goto(`${app.origin}/#/meetings/${meetingId}/members`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Aelodau a rolau');
    await expectNoAxeViolations(page, 'members (cy)');
  });
});
