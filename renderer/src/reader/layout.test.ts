import { describe, expect, it } from 'vitest';
import { fitWidthScale, layoutPages, mostVisiblePage, nextZoom, pageGap, scrollTopFor, visiblePages } from './layout';

const a4 = { width: 595, height: 842 };

describe('reader layout', () => {
  it('places 500 pages from page 1 size without rendering any', () => {
    const layout = layoutPages(500, 1, a4, new Map());
    expect(layout.tops[0]).toBe(pageGap);
    expect(layout.tops[499]).toBe(pageGap + 499 * (842 + pageGap));
    expect(layout.totalHeight).toBe(pageGap + 500 * (842 + pageGap));
  });

  it('uses known sizes for pages that differ (a landscape appendix)', () => {
    const layout = layoutPages(3, 1, a4, new Map([[2, { width: 842, height: 595 }]]));
    expect(layout.sizes[1]).toEqual({ width: 842, height: 595 });
    expect(layout.tops[2]).toBe(pageGap + 842 + pageGap + 595 + pageGap);
    expect(layout.maxWidth).toBe(842);
  });

  it('finds the visible pages and the one that fills most of the view', () => {
    const layout = layoutPages(40, 1, a4, new Map());
    const top = scrollTopFor(layout, 23);
    expect(visiblePages(layout, top, 700)).toEqual({ first: 23, last: 23 });
    expect(mostVisiblePage(layout, top, 700)).toBe(23);
    expect(mostVisiblePage(layout, 0, 2000)).toBe(1);
    expect(visiblePages(layout, layout.totalHeight - 100, 100).last).toBe(40);
  });

  it('steps zoom and fits width', () => {
    expect(nextZoom(1, 1)).toBe(1.1);
    expect(nextZoom(1, -1)).toBe(0.9);
    expect(nextZoom(3, 1)).toBe(3);
    expect(nextZoom(0.5, -1)).toBe(0.5);
    expect(fitWidthScale(595 + 2 * pageGap, 595)).toBeCloseTo(1);
  });
});
