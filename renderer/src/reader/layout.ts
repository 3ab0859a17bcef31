/**
 * Geometry of the reader's virtualised page list. Every page is absolutely placed from these
 * numbers, so what is on screen can be worked out without measuring the DOM: only pages near the
 * viewport get a canvas, and a 500-page pack lays out as 500 numbers, not 500 rendered pages.
 */
export const pageGap = 16;

export interface Size {
  width: number;
  height: number;
}

export interface PageLayout {
  /** Top of each page (index 0 is page 1), in CSS pixels from the top of the scroll content. */
  tops: number[];
  sizes: Size[];
  totalHeight: number;
  maxWidth: number;
}

/**
 * Lays out `count` pages at `scale`. `known` holds the unscaled size of pages already opened; the
 * rest are assumed to be the size of `fallback` (page 1) until they are opened.
 */
export function layoutPages(count: number, scale: number, fallback: Size, known: ReadonlyMap<number, Size>): PageLayout {
  const tops: number[] = new Array<number>(count);
  const sizes: Size[] = new Array<Size>(count);
  let y = pageGap;
  let maxWidth = 0;
  for (let i = 0; i < count; i += 1) {
    const base = known.get(i + 1) ?? fallback;
    const size = { width: Math.floor(base.width * scale), height: Math.floor(base.height * scale) };
    tops[i] = y;
    sizes[i] = size;
    y += size.height + pageGap;
    if (size.width > maxWidth) maxWidth = size.width;
  }
  return { tops, sizes, totalHeight: y, maxWidth };
}

/** 1-based first and last pages that intersect [scrollTop, scrollTop + viewportHeight). */
export function visiblePages(layout: PageLayout, scrollTop: number, viewportHeight: number): { first: number; last: number } {
  const count = layout.tops.length;
  if (count === 0) return { first: 0, last: 0 };
  const bottom = scrollTop + viewportHeight;
  // The first page whose bottom edge is below scrollTop.
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const pageBottom = (layout.tops[mid] ?? 0) + (layout.sizes[mid]?.height ?? 0);
    if (pageBottom <= scrollTop) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  let last = first;
  while (last + 1 < count && (layout.tops[last + 1] ?? Infinity) < bottom) last += 1;
  return { first: first + 1, last: last + 1 };
}

/** The page that fills most of the viewport (ties go to the earlier page). */
export function mostVisiblePage(layout: PageLayout, scrollTop: number, viewportHeight: number): number {
  const { first, last } = visiblePages(layout, scrollTop, viewportHeight);
  if (first === 0) return 0;
  const bottom = scrollTop + viewportHeight;
  let best = first;
  let bestArea = -1;
  for (let page = first; page <= last; page += 1) {
    const top = layout.tops[page - 1] ?? 0;
    const height = layout.sizes[page - 1]?.height ?? 0;
    const seen = Math.min(bottom, top + height) - Math.max(scrollTop, top);
    if (seen > bestArea + 0.5) {
      best = page;
      bestArea = seen;
    }
  }
  return best;
}

/** Where to scroll so `page` starts at the top of the viewport (with a little of the gap above). */
export function scrollTopFor(layout: PageLayout, page: number): number {
  const top = layout.tops[page - 1] ?? 0;
  return Math.max(0, top - pageGap / 2);
}

export const zoomSteps = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;

export function nextZoom(scale: number, direction: 1 | -1): number {
  if (direction > 0) return zoomSteps.find((z) => z > scale + 0.001) ?? zoomSteps[zoomSteps.length - 1] ?? scale;
  return [...zoomSteps].reverse().find((z) => z < scale - 0.001) ?? zoomSteps[0] ?? scale;
}

/** The scale at which the widest known page fills the available width. */
export function fitWidthScale(availableWidth: number, pageWidth: number): number {
  if (pageWidth <= 0 || availableWidth <= 0) return 1;
  return Math.min(4, Math.max(0.25, (availableWidth - 2 * pageGap) / pageWidth));
}
