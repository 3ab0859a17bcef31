import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateProtectedPack } from '../../tools/sample-packs/generate';
import { expect, expectNoAxeViolations, test } from '../fixtures';

/**
 * Issue 20.5: a pack the council published behind a password. The import asks for the password
 * (and says plainly when it is wrong); the file is kept as published, so the reader needs it too:
 * in the session that imported it the reader reuses the password held in memory, and in a new
 * session (a reload) it asks again, since the password is never stored.
 */

const password = 'Quill-7f3e9a-Lantern';
const samples = path.resolve(import.meta.dirname, '..', '..', 'dist', 'sample-packs');
const manifest = JSON.parse(fs.readFileSync(path.join(samples, 'manifest.json'), 'utf8')) as { packs: { meeting: { date: string; committee: string } | null; pageCount: number }[] };
const truth = manifest.packs.find((p) => p.meeting?.date === '2019-11-05');
if (!truth) throw new Error('dist/sample-packs/manifest.json has no 5 November 2019 pack; run node scripts/build.mjs');
const pageCount = truth.pageCount;

test('a password-protected pack: asked for on import, wrong then right, then read, and asked again in a new session', async ({ app }) => {
  const { page } = app;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-e2e-locked-')), 'ccosp-2019-11-05-agenda.pdf');
  await generateProtectedPack(file, { user: password, owner: 'owner-Harbour-51c2' });

  await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
  await page.getByLabel('Import agenda pack', { exact: true }).setInputFiles(file);
  const field = page.getByLabel('Password for this PDF');
  await expect(page.getByRole('heading', { name: 'This PDF needs its password' })).toBeVisible({ timeout: 30_000 });
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('type', 'password');
  await expectNoAxeViolations(page, 'import asks for a PDF password (en-GB)');
  await page.setViewportSize({ width: 640, height: 400 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).toBe(true);
  await page.setViewportSize({ width: 1280, height: 720 });

  // Empty, then wrong: each error names the field and what to do.
  await page.getByRole('button', { name: 'Import with this password' }).click();
  await expect(page.getByText('Password for this PDF: enter the password to continue.')).toBeVisible();
  await field.fill('quill');
  await field.press('Enter');
  await expect(page.getByText('Password for this PDF: that password does not open it. Check it (capitals count) and try again.')).toBeVisible({ timeout: 30_000 });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toBeFocused();
  await expectNoAxeViolations(page, 'import with a wrong PDF password (en-GB)');
  await expect(page.getByText('No meetings yet. Create one to get started.')).toBeVisible();

  await field.fill(password);
  await page.getByRole('button', { name: 'Import with this password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Agenda pack imported (version 1).' })).toBeVisible({ timeout: 30_000 });

  // Same session: the reader opens it with the password the import was given, without asking.
  await page.getByRole('link', { name: 'Open pack' }).click();
  await expect(page.getByRole('img', { name: `Page 1 of ${pageCount}` })).toBeVisible();
  await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const readerUrl = page.url();

  // A new session knows no password: the reader asks, in the member's language.
  await page.getByLabel('Language').selectOption('cy');
  await page.reload();
  const dialog = page.getByRole('dialog', { name: 'Cyfrinair y pecyn hwn' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Cyfrinair')).toBeFocused();
  await expectNoAxeViolations(page, 'reader asks for the pack password (cy)');
  // 200% zoom of a 1280×800 window: the dialog reflows into the 640 CSS pixels left, nothing cut off sideways.
  await page.setViewportSize({ width: 640, height: 400 });
  const box = await dialog.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 640).toBe(true);
  expect(await dialog.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await expect(dialog.getByRole('button', { name: 'Agor y pecyn' })).toBeInViewport();
  await page.setViewportSize({ width: 1280, height: 720 });
  // Escape declines, as Cancel (Canslo) does: the pack stays closed, with a way back to the question.
  await expect(dialog.getByRole('button', { name: 'Canslo' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Mae’r pecyn hwn yn aros ar gau nes i chi roi ei gyfrinair.')).toBeVisible();
  await page.getByLabel('Iaith').selectOption('en-GB');

  await page.getByRole('button', { name: 'Enter the password' }).click();
  const english = page.getByRole('dialog', { name: 'Password for this pack' });
  await expect(english).toBeVisible();
  const readerField = english.getByLabel(/^Password/);
  await readerField.fill('wrong password');
  await readerField.press('Enter');
  await expect(english.getByText('Password: that password does not open this pack. Check it (capitals count) and try again.')).toBeVisible();
  await expectNoAxeViolations(page, 'reader with a wrong pack password (en-GB)');
  await readerField.fill(password);
  await english.getByRole('button', { name: 'Open the pack' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('img', { name: `Page 1 of ${pageCount}` })).toBeVisible();
  await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready');
  expect(page.url()).toBe(readerUrl);
  await expectNoAxeViolations(page, 'protected pack open in the reader (en-GB)');

  // Held in memory only: not in the window's storage, nor in any file the host wrote.
  expect(await page.evaluate(() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]))).not.toContain(password);
  const files = fs.readdirSync(app.dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  expect(files.length).toBeGreaterThan(0);
  expect(files.filter((e) => fs.readFileSync(path.join(e.parentPath, e.name)).includes(Buffer.from(password))).map((e) => e.name)).toEqual([]);
});
