import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../shared/domain/import';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';

/** Hits asked for at a time: the first page comes fast, more follow when the member asks. */
export const searchPageSize = 20;
/** The core ranks its best 1,000 candidates; offset + limit stays within them (the contract's cap). */
const maxOffset = 800;

export interface SearchAnswer {
  query: string;
  hits: SearchHit[];
  /** A full page came back, so the ranking may hold more. */
  more: boolean;
  error: ApiError | null;
}

/**
 * The answer shown for `query`, as the member types. The last answer stays on screen until the
 * newer one arrives (no flash of an empty list between keystrokes), and an answer for any query
 * but the latest is dropped, however late it comes, so a slow search never replaces a newer one.
 */
export function useSearchResults(query: string) {
  const api = useApi();
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  // Which query's next page is loading: keyed by query, so a new query needs no reset.
  const [loadingMoreFor, setLoadingMoreFor] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(query);

  useEffect(() => {
    latest.current = query;
    if (!query) return;
    let live = true;
    void api.searchPacks({ query, limit: searchPageSize }).then((result) => {
      if (!live) return;
      setAnswer(
        result.ok
          ? { query, hits: result.value, more: result.value.length === searchPageSize, error: null }
          : { query, hits: [], more: false, error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [api, query, attempt]);

  const shown = query ? answer : null;
  const current = shown !== null && shown.query === query ? shown : null;
  const loadingMore = current !== null && loadingMoreFor === current.query;

  const showMore = useCallback(() => {
    if (!current?.more || loadingMore) return;
    const offset = current.hits.length;
    setLoadingMoreFor(current.query);
    void api.searchPacks({ query: current.query, limit: searchPageSize, offset }).then((result) => {
      if (latest.current !== current.query) return;
      setLoadingMoreFor(null);
      setAnswer((shown) => {
        if (!shown || shown.query !== current.query || shown.hits.length !== offset) return shown;
        if (!result.ok) return { ...shown, error: result.error };
        const hits = [...shown.hits, ...result.value];
        return { ...shown, hits, more: result.value.length === searchPageSize && hits.length <= maxOffset, error: null };
      });
    });
  }, [api, current, loadingMore]);

  return {
    /** What is on screen: the latest query's answer, or the one before while it is on its way. */
    shown,
    /** Whether `shown` answers the latest query. */
    settled: current !== null || !query,
    loadingMore,
    showMore,
    retry: () => setAttempt((n) => n + 1),
  };
}
