import { defineConfig } from '@playwright/test';

/**
 * Two projects run the same journeys: the browser host in Debian's Chromium (always), and the real
 * Electron app (only where an Electron binary exists; it reports a skip otherwise). The `app`
 * fixture in e2e/fixtures.ts launches whichever the project names.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  // Whole journeys (a meeting from attendance to agreed wording) run long on a loaded 2-core machine;
  // this only bounds a hang, nothing is timed.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]] : [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'browser-host',
      testMatch: /journeys\/.*\.spec\.ts$/,
      metadata: { host: 'browser' },
    },
    {
      name: 'electron',
      testMatch: /journeys\/.*\.spec\.ts$/,
      metadata: { host: 'electron' },
    },
  ],
});
