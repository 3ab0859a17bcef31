import { useEffect, useRef, type RefObject } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Keeps ?page= in the address so a reload reopens the same page, and follows it when something
 * else changes it (a search hit opened while the reader is open).
 */
export function usePageInAddress(meetingId: string, current: number, initialPage: number, positioned: RefObject<boolean>, goToPage: (page: number) => void): void {
  const [searchParams] = useSearchParams();
  const lastWrittenPage = useRef<number>(initialPage);

  // Written straight into history (keeping the router's state) rather than through the router: a
  // router navigation here could race a navigation away from the reader, and scrolling should not
  // re-render the route.
  useEffect(() => {
    if (!positioned.current) return;
    const timer = setTimeout(() => {
      if (lastWrittenPage.current === current) return;
      const hash = window.location.hash;
      const [route = '', query = ''] = hash.replace(/^#/, '').split('?');
      if (route !== `/meetings/${meetingId}/pack`) return;
      const params = new URLSearchParams(query);
      params.set('page', String(current));
      lastWrittenPage.current = current;
      window.history.replaceState(window.history.state, '', `#${route}?${params.toString()}`);
    }, 400);
    return () => clearTimeout(timer);
  }, [current, meetingId, positioned]);

  const pageParam = Number(searchParams.get('page'));
  useEffect(() => {
    if (!Number.isInteger(pageParam) || pageParam < 1 || pageParam === lastWrittenPage.current) return;
    lastWrittenPage.current = pageParam;
    goToPage(pageParam);
  }, [pageParam, goToPage]);
}
