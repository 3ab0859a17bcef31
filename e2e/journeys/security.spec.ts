import { expect, test } from '../fixtures';

test.describe('content security policy', () => {
  test('an injected inline script does not run, and the violation is reported', async ({ app }) => {
    const { page } = app;
    await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
    const outcome = await page.evaluate(async () => {
      const flags = window as unknown as { injectedRan?: boolean };
      const violation = new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true });
        setTimeout(() => resolve('no violation reported'), 2000);
      });
      // What a hostile agenda text would try if it ever reached the DOM unsanitised.
      const script = document.createElement('script');
      script.textContent = 'window.injectedRan = true';
      document.body.append(script);
      const handler = document.createElement('img');
      handler.setAttribute('onerror', 'window.injectedRan = true');
      handler.src = 'data:image/png;base64,invalid';
      document.body.append(handler);
      const directive = await violation;
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { ran: flags.injectedRan === true, directive };
    });
    expect(outcome.ran).toBe(false);
    expect(outcome.directive).toMatch(/^script-src/);
  });
});
