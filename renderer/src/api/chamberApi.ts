import { bindContract, type ChamberApi } from '../../../shared/api/binding';
import { createApiClient } from '../../../shared/api/client';

const tokenKey = 'chamber.launchToken';

/** This launch's browser-host token, or null in Electron (or before the host handed one over). */
export const launchToken = (): string | null => (window.chamber ? null : sessionStorage.getItem(tokenKey));

/**
 * In Electron the preload has already bound the contract to IPC. In the browser host the same
 * contract is bound to HTTP with this launch's token; that binding is the only thing that differs.
 */
export function connectToCore(): ChamberApi | null {
  if (window.chamber) return createApiClient(window.chamber);

  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    // Keep the token out of history, bookmarks and screenshots of the address bar.
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = sessionStorage.getItem(tokenKey);
  if (!token) return null;

  return createApiClient(
    bindContract(async (name, input) => {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as unknown;
    }),
  );
}
