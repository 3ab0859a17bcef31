import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject, type UIEvent } from 'react';
import { fitWidthScale, layoutPages, mostVisiblePage, nextZoom, pageGap, scrollTopFor, visiblePages, type PageLayout, type Size } from './layout';

/** Pages either side of the viewport that keep a canvas; everything further away is dropped. */
const renderMargin = 2;
export type Zoom = { mode: 'fit' } | { mode: 'manual'; scale: number };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const sameSize = (a: Size, b: Size) => Math.abs(a.width - b.width) < 0.5 && Math.abs(a.height - b.height) < 0.5;

export interface Viewport {
  scale: number;
  zoom: Zoom;
  setZoom: (zoom: Zoom) => void;
  changeZoom: (direction: 1 | -1) => void;
  layout: PageLayout | null;
  /** Sizes of pages that differ from page 1, learnt as they open. */
  known: ReadonlyMap<number, Size>;
  onPageSize: (page: number, size: Size) => void;
  /** The page the member is on (the most visible one, or the one just jumped to). */
  current: number;
  goToPage: (page: number) => void;
  onScroll: (event: UIEvent<HTMLDivElement>) => void;
  /** Pages near the view, the only ones that get a canvas. */
  mounted: number[];
  /** The pages on screen now (first to last; 0 before layout). */
  onScreen: { first: number; last: number };
  contentWidth: number;
  /** True once the first layout has scrolled to the opening page. */
  positioned: RefObject<boolean>;
}

/**
 * The scroll geometry of the virtualised page list: zoom, layout, which page is current, and
 * keeping the member's place across zoom and late-learnt page sizes.
 */
export function useViewport(scrollRef: RefObject<HTMLDivElement | null>, baseSize: Size | null, pageCount: number, initialPage: number): Viewport {
  const [known, setKnown] = useState<ReadonlyMap<number, Size>>(new Map());
  const [zoom, setZoom] = useState<Zoom>({ mode: 'fit' });
  const [viewport, setViewport] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const [current, setCurrent] = useState(initialPage);
  /** A page we scrolled to on purpose; it stays "current" until the reader scrolls away. */
  const pending = useRef<{ page: number; top: number } | null>(null);
  /** The page at the top of the view and how far into it, to hold the place across zoom. */
  const anchor = useRef<{ page: number; fraction: number } | null>(null);

  // Track the scroll area's size (fit width, how many pages are on screen).
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport({ width: element.clientWidth, height: element.clientHeight }));
    observer.observe(element);
    setViewport({ width: element.clientWidth, height: element.clientHeight });
    return () => observer.disconnect();
  }, [scrollRef]);

  const scale = zoom.mode === 'manual' ? zoom.scale : baseSize && viewport.width > 0 ? fitWidthScale(viewport.width, Math.max(baseSize.width, ...[...known.values()].map((s) => s.width))) : 1;
  const layout = useMemo<PageLayout | null>(() => (baseSize ? layoutPages(pageCount, scale, baseSize, known) : null), [baseSize, pageCount, scale, known]);
  const layoutRef = useRef(layout);
  const positioned = useRef(false);

  const settle = useCallback((element: HTMLDivElement, next: PageLayout) => {
    const top = element.scrollTop;
    const height = element.clientHeight;
    setScrollTop(top);
    const target = pending.current;
    if (target && Math.abs(top - target.top) < 2) {
      setCurrent(target.page);
    } else {
      pending.current = null;
      setCurrent(mostVisiblePage(next, top, height) || 1);
    }
    const { first } = visiblePages(next, top, height);
    if (first > 0) {
      const pageTop = next.tops[first - 1] ?? 0;
      const pageHeight = next.sizes[first - 1]?.height ?? 1;
      anchor.current = { page: first, fraction: (top - pageTop) / pageHeight };
    }
  }, []);

  // After any change of geometry (first layout, zoom, a page larger than page 1), hold the place.
  useLayoutEffect(() => {
    layoutRef.current = layout;
    const element = scrollRef.current;
    if (!layout || !element) return;
    if (!positioned.current) {
      positioned.current = true;
      const page = clamp(initialPage, 1, pageCount);
      element.scrollTop = scrollTopFor(layout, page);
      pending.current = { page, top: element.scrollTop };
    } else if (pending.current) {
      element.scrollTop = scrollTopFor(layout, pending.current.page);
      pending.current = { page: pending.current.page, top: element.scrollTop };
    } else if (anchor.current) {
      const { page, fraction } = anchor.current;
      element.scrollTop = (layout.tops[page - 1] ?? 0) + fraction * (layout.sizes[page - 1]?.height ?? 0);
    }
    settle(element, layout);
  }, [layout, initialPage, pageCount, settle, scrollRef]);

  const frame = useRef(0);
  const onScroll = useCallback(
    (event: UIEvent<HTMLDivElement>) => {
      const element = event.currentTarget;
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(() => {
        if (layoutRef.current) settle(element, layoutRef.current);
      });
    },
    [settle],
  );
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const goToPage = useCallback(
    (target: number) => {
      const element = scrollRef.current;
      const now = layoutRef.current;
      if (!element || !now) return;
      const page = clamp(Math.round(target), 1, now.tops.length);
      element.scrollTop = scrollTopFor(now, page);
      pending.current = { page, top: element.scrollTop };
      settle(element, now);
    },
    [settle, scrollRef],
  );

  const changeZoom = useCallback(
    (direction: 1 | -1) => setZoom((z) => ({ mode: 'manual', scale: nextZoom(z.mode === 'manual' ? z.scale : scale, direction) })),
    [scale],
  );

  const onPageSize = useCallback(
    (page: number, size: Size) => {
      if (!baseSize) return;
      setKnown((map) => {
        const before = map.get(page) ?? baseSize;
        if (sameSize(before, size)) return map;
        const next = new Map(map);
        next.set(page, size);
        return next;
      });
    },
    [baseSize],
  );

  const mounted: number[] = [];
  let onScreen = { first: 0, last: 0 };
  if (layout && viewport.height > 0) {
    const { first, last } = visiblePages(layout, scrollTop, viewport.height);
    onScreen = { first, last };
    for (let page = Math.max(1, first - renderMargin); page <= Math.min(pageCount, last + renderMargin); page += 1) mounted.push(page);
  }
  const contentWidth = layout ? Math.max(viewport.width, layout.maxWidth + 2 * pageGap) : 0;

  return { scale, zoom, setZoom, changeZoom, layout, known, onPageSize, current, goToPage, onScroll, mounted, onScreen, contentWidth, positioned };
}
