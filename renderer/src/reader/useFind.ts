import { useCallback, useMemo, useState } from 'react';
import type { ChamberApi } from '../../../shared/api/binding';
import type { MeetingPack, SearchHit } from '../../../shared/domain/import';
import type { ApiError } from '../../../shared/result';
import { termsOf } from './findTerms';

/** How many hits to ask the index for before keeping this pack's. */
const searchLimit = 200;

export type Found = { state: 'idle' } | { state: 'searching' } | { state: 'done'; query: string; hits: SearchHit[] } | { state: 'failed'; error: ApiError };

export interface Find {
  found: Found;
  /** The hit being shown (0-based), or null before a search finds anything. */
  index: number | null;
  search: (query: string, options?: { atPage?: number }) => Promise<void>;
  step: (by: 1 | -1) => void;
  select: (index: number) => void;
  /** The words to mark on each page, from the index's own matches (so stemmed forms are marked too). */
  termsOnPage: (page: number) => readonly string[];
  /** The page of the hit being shown. */
  currentPage: number | null;
}

/** Find in this pack: the pack index's hits, kept to this pack and version, and which one is shown. */
export function useFind(api: ChamberApi, pack: MeetingPack, goToPage: (page: number) => void): Find {
  const [found, setFound] = useState<Found>({ state: 'idle' });
  const [index, setIndex] = useState<number | null>(null);

  const search = useCallback(
    async (query: string, options: { atPage?: number } = {}) => {
      const text = query.trim();
      if (!text) return;
      setFound({ state: 'searching' });
      setIndex(null);
      const answer = await api.searchPacks({ query: text, limit: searchLimit, packId: pack.packId });
      if (!answer.ok) {
        setFound({ state: 'failed', error: answer.error });
        return;
      }
      const hits = answer.value
        .filter((hit) => hit.meetingId === pack.meetingId && hit.packId === pack.packId && hit.version === pack.version)
        .sort((a, b) => a.page - b.page);
      setFound({ state: 'done', query: text, hits });
      if (hits.length === 0) return;
      // Arriving from a search result, the hit shown is the one on the page opened.
      const at = options.atPage === undefined ? 0 : Math.max(0, hits.findIndex((h) => h.page === options.atPage));
      setIndex(at);
      const first = hits[at];
      if (first && options.atPage === undefined) goToPage(first.page);
    },
    [api, pack.meetingId, pack.packId, pack.version, goToPage],
  );

  const hits = found.state === 'done' ? found.hits : null;
  const select = useCallback(
    (next: number) => {
      const hit = hits?.[next];
      if (!hit) return;
      setIndex(next);
      goToPage(hit.page);
    },
    [hits, goToPage],
  );
  const step = useCallback(
    (by: 1 | -1) => {
      if (!hits || hits.length === 0) return;
      select(((index ?? (by > 0 ? -1 : 0)) + by + hits.length) % hits.length);
    },
    [hits, index, select],
  );

  const byPage = useMemo(() => {
    const map = new Map<number, string[]>();
    if (!hits || found.state !== 'done') return map;
    for (const hit of hits) map.set(hit.page, termsOf(found.query, hit.snippet));
    return map;
  }, [hits, found]);
  const termsOnPage = useCallback((page: number) => byPage.get(page) ?? [], [byPage]);

  return { found, index, search, step, select, termsOnPage, currentPage: index === null ? null : (hits?.[index]?.page ?? null) };
}
