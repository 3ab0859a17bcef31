import { seedChair, seedMembers } from '../../electron/core/demo/seedMeeting';
import type { Page } from '@playwright/test';
import { coreCall as call } from '../coreCall';
import { expect, expectNoAxeViolations, test } from '../fixtures';

/**
 * The sample pack after the seed's members are on file as the council writes them ("Cllr …"): its
 * front sheet ("Mike Rouse (Chairman)") then names those same members, so they are the meeting's.
 */
async function sampleMeetingWithMembers(page: Page): Promise<string> {
  for (const { id, name } of seedMembers) await call(page, 'saveMember', { id, name });
  const job = await call(page, 'openSamplePack', {});
  await expect.poll(async () => (await call(page, 'getJob', job)).state, { timeout: 60_000 }).toBe('succeeded');
  await call(page, 'chooseMember', { memberId: seedChair });
  return (await call(page, 'getJob', job)).result?.meetingId ?? '';
}

async function open(page: Page, hash: string): Promise<void> {
  await page.evaluate((to) => {
    window.location.hash = to;
  }, hash);
}

test.describe('member names', () => {
  test('a councillor is "Cllr" in English and "Cyng." in Welsh on the members screen and in declarations', async ({ app }) => {
    const { page } = app;
    const meetingId = await sampleMeetingWithMembers(page);

    await open(page, `#/meetings/${meetingId}/members`);
    await expect(page.getByLabel('Name of Cllr Mike Rouse')).toHaveValue('Cllr Mike Rouse');

    await page.getByLabel('Language').selectOption('cy');
    await expect(page.getByRole('heading', { level: 1, name: 'Aelodau a rolau' })).toBeVisible();
    await expect(page.getByLabel('Enw Cyng. Mike Rouse')).toHaveValue('Cyng. Mike Rouse');
    await expect(page.getByText('Cllr', { exact: false })).toHaveCount(0);
    // Showing the Welsh title is not a change to the member's record: nothing offers to save.
    await expect(page.getByRole('button', { name: 'Cadw’r newidiadau i Cyng. Mike Rouse' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'members (cy)');

    await open(page, `#/meetings/${meetingId}/run`);
    const declare = page.getByRole('form', { name: 'Cofnodi datganiad' });
    await expect(declare.locator('option', { hasText: 'Cyng. Mike Rouse' })).toHaveCount(1);
    await expect(declare.locator('option', { hasText: 'Cllr' })).toHaveCount(0);

    await page.getByLabel('Iaith').selectOption('en-GB');
    await expect(page.getByRole('form', { name: 'Record a declaration' }).locator('option', { hasText: 'Cllr Mike Rouse' })).toHaveCount(1);
    // The stored name never changed.
    expect((await call(page, 'listMembers', {})).find((m) => m.id === seedChair)?.name).toBe('Cllr Mike Rouse');
  });
});
