import type { Rect } from '../../../shared/annotations/schema';
import { mergeLineRects, toPagePoints } from './geometry';

export interface PageSelection {
  /** 1-based. */
  page: number;
  exact: string;
  rects: Rect[];
}

/** The current text selection in a page's text layer, in that page's points (one page only). */
export function readSelection(scale: number): PageSelection | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const start = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
  const pageElement = start?.closest<HTMLElement>('.pdf-page');
  if (!pageElement) return null;
  const page = Number(pageElement.dataset.page);
  const exact = selection.toString().replace(/\s+/g, ' ').trim();
  if (!Number.isInteger(page) || !exact) return null;
  const box = pageElement.getBoundingClientRect();
  const rects = mergeLineRects(
    [...range.getClientRects()]
      .filter((r) => r.top >= box.top - 1 && r.bottom <= box.bottom + 1)
      .map((r) => toPagePoints({ left: r.left, top: r.top, width: r.width, height: r.height }, { left: box.left, top: box.top }, scale)),
  );
  return { page, exact: exact.slice(0, 10_000), rects };
}
