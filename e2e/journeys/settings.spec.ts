import { expect, expectNoAxeViolations, test } from '../fixtures';

test.describe('settings', () => {
  test('larger text and high contrast apply at once and survive a reload', async ({ app }) => {
    const { page } = app;
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expectNoAxeViolations(page, 'settings (en-GB)');
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const before = await size();
    await page.getByRole('radio', { name: 'Largest (150%)' }).click();
    await expect(page.getByRole('radio', { name: 'Largest (150%)' })).toBeChecked();
    await page.getByRole('radio', { name: 'High contrast' }).click();
    await expect(page.getByRole('radio', { name: 'High contrast' })).toBeChecked();
    await expect.poll(size).toBeCloseTo(before * 1.5, 1);
    await expectNoAxeViolations(page, 'settings, largest text and high contrast (en-GB)');
    await page.reload();
    await expect(page.getByRole('radio', { name: 'Largest (150%)' })).toBeChecked();
    expect(await size()).toBeCloseTo(before * 1.5, 1);
    expect(await page.evaluate(() => document.documentElement.dataset.contrast)).toBe('high');
    await expect(page.getByRole('table', { name: 'Keys and what they do' })).toContainText('Ctrl+Alt+L');
  });

  test('the app lock hides everything after Ctrl+Alt+L, refuses a wrong PIN and keeps unsaved work', async ({ app }) => {
    const { page } = app;
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('New PIN', { exact: true }).fill('2468');
    await page.getByLabel('Type the new PIN again').fill('2468');
    await page.getByLabel('Lock after').selectOption('2');
    await page.getByRole('button', { name: 'Turn on app lock' }).click();
    await expect(page.getByRole('status')).toHaveText('App lock turned on.');

    // Half-typed work on another screen, then the lock shortcut.
    await page.getByRole('link', { name: 'New meeting' }).click();
    await page.getByRole('textbox', { name: /^Title/ }).fill('Unsaved title');
    await page.keyboard.press('Control+Alt+L');
    await expect(page.getByRole('heading', { level: 1, name: 'Chamber is locked' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: /^Title/ })).toBeHidden();
    await expect(page.getByLabel('PIN')).toBeFocused();
    await expectNoAxeViolations(page, 'lock screen (en-GB)');

    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toHaveText('That PIN is not right.');
    await page.keyboard.type('2468');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: /^Title/ })).toHaveValue('Unsaved title');

    // Reloading the window while locked is no way round the PIN: the lock lives in the core.
    await page.keyboard.press('Control+Alt+L');
    await expect(page.getByRole('heading', { level: 1, name: 'Chamber is locked' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Chamber is locked' })).toBeVisible();
    await page.getByLabel('PIN').fill('2468');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Chamber is locked');
  });
});
