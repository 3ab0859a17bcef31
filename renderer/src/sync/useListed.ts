import { useEffect, useState } from 'react';
import type { Result } from '../../../shared/result';

/** A list fetched from the core, again whenever `key` changes (a count in the polled status). */
export function useListed<T>(fetch: () => Promise<Result<T[]>>, key: unknown): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    let live = true;
    void fetch().then((result) => {
      if (live && result.ok) setItems(result.value);
    });
    return () => {
      live = false;
    };
  }, [fetch, key]);
  return items;
}
