import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { seedClerk, seedResolution } from '../../electron/core/demo/seedMeeting';
import { passphraseEnv } from '../../electron/core/security/keyStore';
import type { Locator } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from '../fixtures';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The recorded seed meeting, loaded by `chamber demo` into the data the host is serving. */
function loadDemo(dataDir: string): string {
  const demo = spawnSync(process.execPath, [path.join(root, 'dist/cli/chamber.cjs'), '--data-dir', dataDir, 'demo', '--json'], {
    encoding: 'utf8',
    env: { ...process.env, [passphraseEnv]: process.env[passphraseEnv] ?? 'e2e passphrase' },
  });
  expect(demo.status, demo.stderr).toBe(0);
  return (JSON.parse(demo.stdout) as { meetingId: string }).meetingId;
}

/** The line that says whether an editor's words are saved (the editor is described by it). */
function saveState(editor: Locator): Locator {
  return editor.locator('xpath=ancestor::article[1]').locator('.save-state');
}

test.describe('minutes', () => {
  test('the clerk edits the narrative, circulates the draft and exports Word, PDF, HTML and JSON, in Welsh too', async ({ app }) => {
    test.skip(app.origin === null, 'The demo meeting is loaded into the browser host’s data directory by the command line.');
    test.setTimeout(180_000);
    const { page } = app;
    const meetingId = loadDemo(app.dataDir);

    await page.goto(`${app.origin}/#/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Minutes', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Minutes: Corporate and Communities Overview and Scrutiny Panel');
    await page.getByLabel('Acting as').selectOption(seedClerk);

    // `chamber demo` started the draft: numbering continues from the committee's minute 1082.
    await expect(page.getByText('Draft. Minutes 1083 to 1090.')).toBeVisible();
    await expect(page.getByText(`RESOLVED ${seedResolution}`)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Narrative for minute 1088' })).toContainText('Worcestershire Office of Data Analytics');

    // Narrative for the budget item, with bold and a bulleted list, from the keyboard.
    const editor = page.getByRole('textbox', { name: 'Narrative for minute 1087' });
    await editor.click();
    await page.keyboard.type('The Panel considered the ');
    await page.keyboard.press('Control+B');
    await page.keyboard.type('draft budget');
    await page.keyboard.press('Control+B');
    await page.keyboard.type('.');
    await page.keyboard.press('Enter');
    await page.getByRole('toolbar', { name: 'Formatting for Narrative for minute 1087' }).getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('Pressures in adult social care');
    await page.getByRole('button', { name: 'Save minute 1087' }).click();
    await expect(page.getByRole('status')).toHaveText('Minute 1087 saved.');
    await expectNoAxeViolations(page, 'minutes (draft)');

    await page.getByRole('button', { name: 'Circulate the draft' }).click();
    await expect(page.getByText('Circulated in draft.')).toBeVisible();

    // Exports: each format downloads; the HTML carries the narrative as written, bold kept.
    for (const [label, extension] of [
      ['Word (DOCX)', 'docx'],
      ['PDF', 'pdf'],
      ['Web page (HTML)', 'html'],
      ['Open data (JSON)', 'json'],
    ] as const) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: label, exact: true }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(`minutes-2022-01-17-corporate-and-communities-overview-and-scrutiny-panel.${extension}`);
      const saved = await file.path();
      expect(fs.statSync(saved).size).toBeGreaterThan(500);
      if (extension === 'html') {
        const html = fs.readFileSync(saved, 'utf8');
        expect(html).toContain('The Panel considered the <strong>draft budget</strong>.');
        expect(html).toContain('<li>Pressures in adult social care</li>');
        expect(html).toContain('Worcestershire County Council');
      }
    }

    // The same screen in Welsh, and a Welsh export.
    await page.getByLabel('Language of the minutes').selectOption('cy');
    const welsh = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Web page (HTML)' }).click();
    const welshHtml = fs.readFileSync(await (await welsh).path(), 'utf8');
    expect(welshHtml).toContain('<html lang="cy">');
    expect(welshHtml).toContain('PENDERFYNWYD');
    expect(welshHtml).toContain('The Panel considered the <strong>draft budget</strong>.');

    // The screen itself in Welsh, still free of axe violations.
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('cy');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Cofnodion: Corporate and Communities Overview and Scrutiny Panel');
    await expect(page.getByRole('button', { name: 'Cadw cofnod 1087' })).toBeEnabled();
    await expectNoAxeViolations(page, 'minutes (Welsh, circulated)');
  });

  test('the narrative survives navigating away, autosaves with its time shown, and asks before words that cannot be saved are lost', async ({ app }) => {
    test.skip(app.origin === null, 'The demo meeting is loaded into the browser host’s data directory by the command line.');
    test.setTimeout(120_000);
    const { page } = app;
    const meetingId = loadDemo(app.dataDir);
    await page.goto(`${app.origin}/#/meetings/${meetingId}/minutes`);
    await page.getByLabel('Acting as').selectOption(seedClerk);

    // The writing surface is visible before it is clicked: a border and room to write.
    const editor = page.getByRole('textbox', { name: 'Narrative for minute 1087' });
    const box = await editor.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(100);
    expect(await editor.evaluate((e) => getComputedStyle(e).borderTopWidth)).not.toBe('0px');

    // Typed, then straight away to the meeting page: nothing is lost.
    await editor.click();
    await page.keyboard.type('Members asked about the reserves.');
    await expect(saveState(page.getByRole('textbox', { name: 'Narrative for minute 1087' }))).toHaveText('Not saved yet');
    await page.getByRole('link', { name: 'Back to the meeting' }).click();
    await expect(page.getByRole('link', { name: 'Minutes', exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'Minutes', exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'Narrative for minute 1087' })).toContainText('Members asked about the reserves.');

    // Autosave on its own, with the time it saved.
    await page.getByRole('textbox', { name: 'Narrative for minute 1087' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' The Chair thanked officers.');
    await expect(saveState(page.getByRole('textbox', { name: 'Narrative for minute 1087' }))).toHaveText(/^Saved \d\d:\d\d$/);
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Narrative for minute 1087' })).toContainText('The Chair thanked officers.');

    // Handed to a member who may not write the minutes (the core always knows who is acting, so
    // nobody is never the case), the words cannot be saved: leaving asks first, and staying keeps them.
    await page.getByLabel('Acting as').selectOption('evans');
    const editor1088 = page.getByRole('textbox', { name: 'Narrative for minute 1088' });
    await editor1088.click();
    await page.keyboard.type(' Unsaved words.');
    await expect(saveState(editor1088)).toHaveText(/^Not saved: /);
    const asked = page.waitForEvent('dialog');
    const click = page.getByRole('link', { name: 'Back to the meeting' }).click();
    const dialog = await asked;
    expect(dialog.message()).toContain('could not be saved');
    await dialog.dismiss();
    await click;
    await expect(editor1088).toContainText('Unsaved words.');
    // Choosing who is acting saves what was waiting.
    await page.getByLabel('Acting as').selectOption(seedClerk);
    await expect(saveState(editor1088)).toHaveText(/^Saved \d\d:\d\d$/);
    await expectNoAxeViolations(page, 'minutes (autosaved)');
  });
});
