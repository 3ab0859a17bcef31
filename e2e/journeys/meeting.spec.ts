import { seedApology, seedChair, seedMembers, seedPanelComment, seedResolution, seedTimings } from '../../electron/core/demo/seedMeeting';
import type { Page } from '@playwright/test';
import { coreCall } from '../coreCall';
import { expect, expectNoAxeViolations, test } from '../fixtures';

const call = coreCall;

/**
 * The sample pack with the seed's cast: the members are known before the pack arrives, so its
 * front sheet makes Cllr Rouse the chair, and the chair hands out the other roles.
 */
async function sampleMeetingWithCast(page: Page): Promise<string> {
  for (const m of seedMembers) await call(page, 'saveMember', { id: m.id, name: m.name });
  const { jobId } = await call(page, 'openSamplePack', {});
  await expect.poll(async () => (await call(page, 'getJob', { jobId })).state, { timeout: 60_000 }).toBe('succeeded');
  const meetingId = (await call(page, 'getJob', { jobId })).result?.meetingId ?? '';
  // The chair the front sheet names sets the roles: who uses this device is one recorded choice.
  await call(page, 'chooseMember', { memberId: seedChair });
  for (const m of seedMembers) await call(page, 'setMeetingRole', { actingMemberId: seedChair, meetingId, memberId: m.id, role: m.role });
  return meetingId;
}

const nameOf = (id: string) => seedMembers.find((m) => m.id === id)?.name ?? id;

test.describe('running the meeting', () => {
  test('the chair runs the 17 January 2022 meeting from attendance to an agreed panel comment', async ({ app }) => {
    test.skip(app.origin === null, 'Two members editing one draft need two browser contexts; this journey runs against the browser host.');
    test.setTimeout(180_000);
    const { page } = app;

    // The sample pack and the panel's members and roles.
    const meetingId = await sampleMeetingWithCast(page);

    // From the meeting page to the Run meeting screen, acting as the chair.
    await page.goto(`${app.origin}/#/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Run meeting' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Run meeting');
    await page.getByLabel('Acting as').selectOption(seedChair);

    // Attendance: one apology, one substitute, officers and cabinet members in attendance.
    for (const m of seedMembers) {
      if (m.role === 'clerk' || m.role === 'substitute') continue;
      const status = m.id === seedApology.memberId ? 'apologies' : m.role === 'officer' || m.role === 'cabinet-member' ? 'in-attendance' : 'present';
      await page.getByLabel(`Attendance of ${m.name}`).selectOption(status);
      await expect(page.getByLabel(`Attendance of ${m.name}`)).toHaveValue(status);
    }
    const substitute = nameOf(seedApology.substitute);
    await page.getByLabel(`Whom ${substitute} substitutes for`).selectOption(seedApology.memberId);
    await page.getByLabel(`Attendance of ${substitute}`).selectOption('substitute');
    await expect(page.getByText(`(for ${nameOf(seedApology.memberId)})`)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Quorate' })).toContainText('9 voting members present; 3 needed out of 9');

    // Declarations: a DPI on item 6 with withdrawal, then "as noted", which the rules refuse.
    const declare = page.getByRole('form', { name: 'Record a declaration' });
    const fill = async (member: string, item: string, kind: string, nature: string, action: string) => {
      await declare.getByRole('combobox', { name: /^Member/ }).selectOption(member);
      await declare.getByLabel('Agenda item').selectOption(item);
      await declare.getByLabel('Kind of interest').selectOption(kind);
      await declare.getByLabel('Nature of the interest').fill(nature);
      await declare.getByLabel('What the member did').selectOption(action);
      await declare.getByRole('button', { name: 'Record declaration' }).click();
    };
    await fill('evans', '6', 'dpi', 'Director of Severn Data Analytics Ltd, which provides analytics services to the Council', 'withdrew');
    await expect(page.getByText(/Cllr Aled Evans, item 6: Disclosable pecuniary interest; Director of Severn Data Analytics Ltd.*; Withdrew from the meeting/)).toBeVisible();
    await fill('gretton', '7', 'other-registrable', 'As noted', 'remained');
    await expect(declare.getByRole('alert')).toContainText('‘as noted’ or ‘as recorded’ is not enough');
    await expect(page.getByText(/Cllr Laura Gretton, item 7/)).toHaveCount(0);

    // The agenda: items 1 and 2 started and ended from the screen; the rest at the times they ran.
    const row = (n: string) => page.locator(`tr[data-item="${n}"]`);
    await page.getByRole('button', { name: /^Start item 1\./ }).click();
    await expect(row('1')).toHaveAttribute('aria-current', 'step');
    await page.getByRole('button', { name: /^Start item 2\./ }).click();
    await expect(row('2')).toHaveAttribute('aria-current', 'step');
    await page.getByRole('button', { name: /^End item 2\./ }).click();
    await expect(row('2')).not.toHaveAttribute('aria-current', 'step');
    for (const [number, start, end] of seedTimings.slice(2)) {
      await call(page, 'startAgendaItem', { actingMemberId: seedChair, meetingId, itemNumber: number, at: start });
      await call(page, 'endAgendaItem', { actingMemberId: seedChair, meetingId, itemNumber: number, at: end });
    }
    await page.reload();
    await expect(row('5')).toContainText('Over time by 11 min');
    await expect(page.locator('.overrun')).toHaveCount(1);
    await expect(row('6')).toContainText('(33 min)');

    // Outcomes: item 6 noted, item 5 resolved with a recorded vote.
    await page.getByLabel('Item for the outcome and actions').selectOption('6');
    const outcome = page.getByRole('form', { name: /^Outcome of item/ });
    // Cllr Evans withdrew from item 6 for his interest: the vote grid has no buttons for him, only why.
    await outcome.getByLabel('Recorded vote (by name)').check();
    await expect(outcome.getByRole('row', { name: new RegExp(nameOf('evans')) })).toContainText('Withdrew for a declared interest: cannot vote');
    await expect(outcome.getByRole('radiogroup', { name: nameOf('evans') })).toHaveCount(0);
    await outcome.getByLabel('Recorded vote (by name)').uncheck();
    await outcome.getByRole('combobox', { name: /^Outcome/ }).selectOption('noted');
    await outcome.getByRole('button', { name: 'Record outcome' }).click();
    await expect(row('6')).toContainText('Noted');

    await page.getByLabel('Item for the outcome and actions').selectOption('5');
    await outcome.getByRole('combobox', { name: /^Outcome/ }).selectOption('resolved');
    await outcome.getByLabel('Resolution or decision text').fill(seedResolution);
    await outcome.getByLabel('Recorded vote (by name)').check();
    const votes: Record<string, 'for' | 'against' | 'abstain'> = { rouse: 'for', stanley: 'for', allcott: 'for', evans: 'for', gretton: 'for', marshall: 'for', miller: 'for', warhurst: 'against', griffiths: 'abstain' };
    const sideName = { for: 'For', against: 'Against', abstain: 'Abstained' } as const;
    for (const [id, side] of Object.entries(votes)) await outcome.getByRole('radiogroup', { name: nameOf(id) }).getByRole('radio', { name: sideName[side] }).check();
    await expect(outcome.getByRole('row', { name: /^Totals/ })).toHaveText(/Totals\s*7\s*1\s*1\s*0/);
    await outcome.getByRole('button', { name: 'Record outcome' }).click();
    await expect(row('5')).toContainText('Resolved');
    const stored = (await call(page, 'listOutcomes', { meetingId })).find((o) => o.itemNumber === '5');
    expect(stored?.vote).toMatchObject({ for: 7, against: 1, abstain: 1, recorded: { against: ['warhurst'], abstain: ['griffiths'] } });

    // An action for the tracker.
    const action = page.getByRole('form', { name: /^Add an action on item/ });
    await action.getByLabel('Action').fill('Send the agreed budget comments to the Overview and Scrutiny Performance Board');
    await action.getByLabel('Who').fill('Emma James');
    await action.getByRole('button', { name: 'Add action' }).click();
    await expect(page.getByRole('region', { name: 'Action tracker' }).getByRole('cell', { name: 'Emma James' })).toBeVisible();

    await expectNoAxeViolations(page, 'run meeting');

    // A panel comment drafted on item 5 ...
    const start = page.getByRole('form', { name: 'Start a panel comment' });
    await start.getByLabel('Agenda item').selectOption('5');
    await start.getByLabel('Subject of the comment').fill(seedPanelComment.title);
    await start.getByRole('button', { name: 'Start comment' }).click();
    const draft = page.getByLabel('Draft wording (members edit together)');
    await draft.fill(seedPanelComment.first);
    await expect.poll(async () => (await call(page, 'listPanelComments', { meetingId }))[0]?.text).toBe(seedPanelComment.first);

    // ... added to by a second member in another window. One device acts as one member at a time
    // (the core owns who is acting), so the chair hands it over and takes it back, each a recorded choice.
    const token = await page.evaluate(() => sessionStorage.getItem('chamber.launchToken') ?? '');
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser');
    await draft.press('Control+Home');
    await draft.pressSequentially('Budget: ');
    await expect(draft).toHaveValue(`Budget: ${seedPanelComment.first}`);
    await expect.poll(async () => (await call(page, 'listPanelComments', { meetingId }))[0]?.text).toBe(`Budget: ${seedPanelComment.first}`);

    const other = await (await browser.newContext()).newPage();
    await other.goto(`${app.origin}/?token=${token}#/meetings/${meetingId}/run`);
    await other.getByLabel('Acting as').selectOption('gretton');
    const otherDraft = other.getByLabel('Draft wording (members edit together)');
    await expect(otherDraft).toHaveValue(`Budget: ${seedPanelComment.first}`);
    await otherDraft.press('Control+End');
    await otherDraft.pressSequentially(seedPanelComment.addition);
    const both = `Budget: ${seedPanelComment.first}${seedPanelComment.addition}`;
    await expect(draft).toHaveValue(both, { timeout: 15_000 });
    await expect(otherDraft).toHaveValue(both, { timeout: 15_000 });

    // The chair takes the device back and marks the final wording as agreed by the panel.
    await page.reload();
    await page.getByLabel('Acting as').selectOption(seedChair);
    await expect(draft).toHaveValue(both);
    await page.getByRole('button', { name: 'Mark this wording as agreed by the panel' }).click();
    await expect(page.getByTestId('agreed-text')).toHaveText(both);
    const [agreed] = await call(page, 'listPanelComments', { meetingId });
    expect(agreed).toMatchObject({ agreedText: both, agreedBy: seedChair });
    const editors = new Set((await call(page, 'getPanelCommentHistory', { commentId: agreed?.id ?? '' })).map((h) => h.memberId));
    expect([...editors].sort()).toEqual(['gretton', 'rouse']);
    await other.context().close();
  });
});

test.describe('the meeting page during a live meeting', () => {
  test('C and the "Now" link go to the item being taken; a member declares and sees it under My declarations', async ({ app }) => {
    test.skip(app.origin === null, 'Set-up goes through the browser host API.');
    test.setTimeout(120_000);
    const { page } = app;
    const meetingId = await sampleMeetingWithCast(page);

    // An ordinary member of the panel says who they are on this device.
    await page.goto(`${app.origin}/#/meetings/${meetingId}/run`);
    await page.getByLabel('Acting as').selectOption('allcott');

    // Before the chair starts an item there is no "Now" link, and C says so.
    await page.goto(`${app.origin}/#/meetings/${meetingId}`);
    const mine = page.getByRole('region', { name: 'My declarations' });
    await expect(mine).toContainText('You have not declared any interests for this meeting.');
    await expect(page.getByRole('button', { name: /^Now: item/ })).toHaveCount(0);
    await page.keyboard.press('c');
    await expect(page.locator('.current-item-note')).toHaveText('No item is being taken at the moment.');

    // The chair starts item 5 (handed this device for the moment, then handing it back); C moves focus to it, the row marked as now.
    await call(page, 'chooseMember', { memberId: seedChair });
    await call(page, 'startAgendaItem', { actingMemberId: seedChair, meetingId, itemNumber: '5' });
    await call(page, 'chooseMember', { memberId: 'allcott' });
    await page.keyboard.press('c');
    const item5 = page.locator('#agenda-item-5');
    await expect(item5).toBeFocused();
    await expect(item5).toBeInViewport();
    await expect(page.locator('tr[data-item="5"]')).toHaveAttribute('aria-current', 'step');
    await expect(page.locator('.current-item-note')).toHaveText(/^Item 5 is being taken now: /);
    await expect(page.getByRole('button', { name: 'Now: item 5' })).toBeVisible();
    await expectNoAxeViolations(page, 'meeting page, live');

    // The "Now" link does what C does.
    await page.getByRole('link', { name: 'Back to meetings' }).focus();
    await page.getByRole('button', { name: 'Now: item 5' }).press('Enter');
    await expect(item5).toBeFocused();

    // "Declare an interest" opens the form on the member's own declaration.
    await mine.getByRole('link', { name: 'Declare an interest' }).click();
    const declare = page.getByRole('form', { name: 'Record a declaration' });
    const member = declare.getByRole('combobox', { name: /^Member/ });
    await expect(member).toBeFocused();
    await expect(member).toHaveValue('allcott');
    await declare.getByLabel('Agenda item').selectOption('6');
    await declare.getByLabel('Kind of interest').selectOption('other-registrable');
    await declare.getByLabel('Nature of the interest').fill('Governor of a college that buys the Council’s data services');
    await declare.getByLabel('What the member did').selectOption('remained');
    await declare.getByRole('button', { name: 'Record declaration' }).click();
    await expect(page.getByText(/Cllr Mel Allcott, item 6: Other registrable interest/)).toBeVisible();

    await page.getByRole('link', { name: 'Back to the meeting' }).click();
    await expect(mine.getByRole('listitem')).toHaveText(['Item 6: Other registrable interest; Governor of a college that buys the Council’s data services; Remained and took part (waiting for the chair to confirm)']);
    await expectNoAxeViolations(page, 'meeting page, my declarations');
  });
});
