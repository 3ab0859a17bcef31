import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions, expect, test } from '../fixtures';

const root = path.resolve(import.meta.dirname, '..', '..');

test.describe('npm start', () => {
  test('with no Electron binary and no display, it serves the app in the browser and prints the address', async () => {
    test.skip(test.info().project.metadata.host === 'electron', 'This journey starts its own browser host; once is enough.');
    test.setTimeout(90_000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-start-'));
    // Its own process group, so the whole of it (npm start, the host, its core worker) is stopped.
    const child = spawn('npm', ['start'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CHAMBER_DATA_DIR: dataDir, CHAMBER_SKIP_BUILD: '1', ELECTRON_OVERRIDE_DIST_PATH: path.join(dataDir, 'no-electron'), DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no address:\n${output}`)), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)?.[1];
        if (found && output.includes('No display here')) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      expect(output).toContain('Chamber cannot start as a desktop app here');
      const page = await browser.newPage();
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
      await expect(page.locator('.app-header')).toContainText('Chamber');
    } finally {
      await browser.close();
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    // Nothing of it is left serving.
    await expect.poll(async () => fetch(url).then(() => 'up', () => 'down'), { timeout: 10_000 }).toBe('down');
  });
});
