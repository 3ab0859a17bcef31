import type { ChamberApi } from '../../../shared/api/binding';

/**
 * The API as the app sees it, telling the lock gate whenever the core answers APP_LOCKED (another
 * window locked it, or the idle timer fired while a request was on its way), so the lock screen
 * appears at once instead of a page of "locked" errors.
 */
export function withLockDetection(api: ChamberApi, onLocked: () => void): ChamberApi {
  return new Proxy(api, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (input: unknown) => {
        const result = (await (value as (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)(input));
        if (!result.ok && result.error?.code === 'APP_LOCKED') onLocked();
        return result;
      };
    },
  });
}
