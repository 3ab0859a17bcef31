import { useState } from 'react';
export { useActingMember } from '../identity/useActingMember';
import type { ApiError, Result } from '../../../shared/result';
import { ErrorMessage } from '../components/ErrorMessage';
import { ErrorSummary, isRefusal } from '../components/ErrorSummary';
import type { Loaded } from '../components/useResult';

/** A refused change: the GOV.UK error summary naming each broken rule and linking to its field. */
export function RefusalMessage({ error, fieldIds }: { error: ApiError; fieldIds?: Record<string, string> }) {
  if (!isRefusal(error)) return <ErrorMessage error={error} />;
  return <ErrorSummary error={error} {...(fieldIds ? { fieldIds } : {})} />;
}

/** Runs a change, remembers a refusal to show it, and tells the page to reload after success. */
export function useChange(onChanged: () => void): [ApiError | null, <T>(run: () => Promise<Result<T>>) => Promise<T | null>] {
  const [error, setError] = useState<ApiError | null>(null);
  const run = async <T,>(change: () => Promise<Result<T>>): Promise<T | null> => {
    const result = await change();
    if (!result.ok) {
      setError(result.error);
      return null;
    }
    setError(null);
    onChanged();
    return result.value;
  };
  return [error, run];
}

/** While a screen reloads after a change, keep showing what it had (forms keep their state). */
export function useLastReady<T>(loaded: Loaded<T>): Loaded<T> {
  const [last, setLast] = useState<Loaded<T>>(loaded);
  // Remembering the previous answer during render is React's pattern for "state from the last render".
  if (loaded.state !== 'loading' && loaded !== last) setLast(loaded);
  return loaded.state === 'loading' && last.state === 'ready' ? last : loaded;
}
