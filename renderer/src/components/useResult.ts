import { useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from '../../../shared/result';

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: ApiError };

/**
 * Loads one contract call for a screen. `key` names what is loaded (e.g. the meeting id): a new key
 * or a retry loads again, and an answer for an old key is never shown.
 */
export function useResult<T>(load: () => Promise<Result<T>>, key: string): [Loaded<T>, () => void] {
  const [answer, setAnswer] = useState<{ token: string; loaded: Loaded<T> } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const token = `${key}#${attempt}`;

  useEffect(() => {
    let live = true;
    void loadRef.current().then((result) => {
      if (live) setAnswer({ token, loaded: result.ok ? { state: 'ready', value: result.value } : { state: 'failed', error: result.error } });
    });
    return () => {
      live = false;
    };
  }, [token]);

  const loaded: Loaded<T> = answer?.token === token ? answer.loaded : { state: 'loading' };
  return [loaded, () => setAttempt((n) => n + 1)];
}
