import type { Page } from '@playwright/test';
import type { InputOf, OperationName, OutputOf } from '../shared/api/contract';

/** A call through the app's own API from the page (set-up the screens have no controls for yet). */
export async function coreCall<N extends OperationName>(page: Page, name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const result = await page.evaluate(
    async ([op, body]) => {
      const token = sessionStorage.getItem('chamber.launchToken') ?? '';
      const response = await fetch(`/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [name, input] as const,
  );
  if (!result.ok) throw new Error(`${name}: ${result.error?.message ?? 'failed'}`);
  return result.value as OutputOf<N>;
}
