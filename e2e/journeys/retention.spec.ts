import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyBackup } from '../../electron/core/backup/backup';
import { passphraseEnv } from '../../electron/core/security/keyStore';
import { expect, expectNoAxeViolations, test } from '../fixtures';

const root = path.resolve(import.meta.dirname, '..', '..');

test.describe('keeping papers and backups', () => {
  test('a member backs up, then deletes the old demo meeting’s papers after a preview; the meeting and reader say so', async ({ app }) => {
    test.skip(app.origin === null, 'The demo meeting is loaded into the browser host’s data directory by the command line.');
    const { page } = app;
    const demo = spawnSync(process.execPath, [path.join(root, 'dist/cli/chamber.cjs'), '--data-dir', app.dataDir, 'demo', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, [passphraseEnv]: process.env[passphraseEnv] ?? 'e2e passphrase' },
    });
    expect(demo.status, demo.stderr).toBe(0);
    const { meetingId } = JSON.parse(demo.stdout) as { meetingId: string };
    // A note of the member's own on the old meeting, which retention saves before the papers go.
    const notesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-e2e-notes-')), 'notes.json');
    const note = { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', body: { type: 'TextualBody', value: 'Ask about the library budget' }, target: { source: 'agenda.pdf', selector: [{ type: 'FragmentSelector', value: 'page=1' }, { type: 'TextQuoteSelector', exact: 'Agenda' }] } };
    fs.writeFileSync(notesFile, JSON.stringify([note]));
    const imported = spawnSync(process.execPath, [path.join(root, 'dist/cli/chamber.cjs'), '--data-dir', app.dataDir, 'annotations', 'import', notesFile, '--meeting', meetingId, '--format', 'w3c'], {
      encoding: 'utf8',
      env: { ...process.env, [passphraseEnv]: process.env[passphraseEnv] ?? 'e2e passphrase' },
    });
    expect(imported.status, imported.stderr).toBe(0);

    await page.goto(`${app.origin}/#/settings`);
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

    // A backup first, by keyboard: the path, the passphrase twice, Enter.
    const backupFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-e2e-backup-')), 'chamber.backup');
    await page.getByLabel('Save the backup as').fill(backupFile);
    await page.getByLabel('Backup passphrase', { exact: true }).fill('short');
    await page.getByLabel('Type the backup passphrase again').fill('short');
    await page.getByRole('button', { name: 'Create backup' }).click();
    await expect(page.getByText('The passphrase must be at least 8 characters long.')).toBeVisible();
    await page.getByLabel('Backup passphrase', { exact: true }).fill('a passphrase for the backup');
    await page.getByLabel('Type the backup passphrase again').fill('a passphrase for the backup');
    await page.getByLabel('Type the backup passphrase again').press('Enter');
    await expect(page.getByText(`Backup saved to ${backupFile}`)).toBeVisible();
    expect(verifyBackup(backupFile, 'a passphrase for the backup').documents).toBe(1);

    // The demo meeting (17 January 2022) is more than 12 months old.
    await expect(page.getByRole('table', { name: /Space used by each meeting/ })).toContainText('Corporate and Communities');
    const months = page.getByLabel('Delete papers of meetings older than');
    await months.focus();
    await months.selectOption({ label: '12 months' });
    await expect(page.getByText('Chamber also does this each time it starts.')).toBeVisible();
    await page.getByRole('button', { name: 'Check what would be deleted' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'would lose their papers' })).toContainText('1 meeting would lose their papers (1 pack version');
    await expectNoAxeViolations(page, 'settings, keeping papers preview (en-GB)');
    // Still there until confirmed.
    await expect(page.getByRole('table', { name: /Space used by each meeting/ })).toContainText('Corporate and Communities');
    await page.getByRole('button', { name: 'Delete the papers of 1 meeting now' }).click();
    await expect(page.getByText(/Deleted the papers of 1 meeting, freeing [\d.]+ MB\./)).toBeVisible();
    await expect(page.getByText('No papers stored yet.')).toBeVisible();
    // The member's notes were saved first, encrypted; a copy of them is theirs to save.
    await expect(page.getByText(/Your notes were saved as 1 file, encrypted on this device/)).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: 'Saved notes' })).toBeVisible();
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: /^Save a copy of .+\.md$/ }).click();
    const copy = await downloaded;
    expect(fs.readFileSync(await copy.path(), 'utf8')).toContain('Ask about the library budget');
    await expectNoAxeViolations(page, 'settings, saved notes after keeping papers (en-GB)');

    // The meeting keeps its agenda and record, and says where its papers went.
    await page.goto(`${app.origin}/#/meetings/${meetingId}`);
    await expect(page.getByText(/The papers for this meeting were deleted from this device on .* under your setting for keeping papers\./)).toBeVisible();
    await expectNoAxeViolations(page, 'meeting with papers deleted under retention (en-GB)');
    await page.goto(`${app.origin}/#/meetings/${meetingId}/pack`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Corporate and Communities');
    await expect(page.getByText(/The papers for this meeting were deleted from this device/)).toBeVisible();
    await expectNoAxeViolations(page, 'reader with papers deleted under retention (en-GB)');

    // The setting survives a reload.
    await page.goto(`${app.origin}/#/settings`);
    await expect(page.getByLabel('Delete papers of meetings older than')).toHaveValue('12');

    // In Welsh too, including the preview.
    await page.getByLabel('Language').selectOption('cy');
    await expect(page.getByRole('heading', { level: 2, name: 'Cadw papurau' })).toBeVisible();
    await page.getByRole('button', { name: "Gwirio beth fyddai'n cael ei ddileu" }).click();
    await expect(page.getByRole('status')).toContainText("does dim i'w ddileu");
    await expect(page.getByRole('heading', { level: 3, name: 'Nodiadau a gadwyd' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Cadw copi o .+\.md$/ })).toBeVisible();
    await expectNoAxeViolations(page, 'settings, keeping papers (cy)');
    await page.goto(`${app.origin}/#/meetings/${meetingId}/pack`);
    await expect(page.getByText("Dilëwyd papurau'r cyfarfod hwn o'r ddyfais hon")).toBeVisible();
  });
});
