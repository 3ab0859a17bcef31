import type { Rect } from '../../../shared/annotations/schema';

/** A box on screen (client pixels) to PDF points on the page, given where the page is drawn and its scale. */
export function toPagePoints(box: { left: number; top: number; width: number; height: number }, page: { left: number; top: number }, scale: number): Rect {
  const round = (n: number) => Math.round(n * 100) / 100;
  return { x: round((box.left - page.left) / scale), y: round((box.top - page.top) / scale), width: round(box.width / scale), height: round(box.height / scale) };
}

/**
 * The client rectangles of a selection, merged per line: browsers report one per text span, and
 * a highlight should be one band per line.
 */
export function mergeLineRects(rects: readonly Rect[]): Rect[] {
  const sorted = rects.filter((r) => r.width > 0.5 && r.height > 0.5).sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Rect[] = [];
  for (const r of sorted) {
    const last = lines.at(-1);
    if (last && Math.abs(last.y - r.y) < Math.min(last.height, r.height) * 0.5) {
      const x0 = Math.min(last.x, r.x);
      const x1 = Math.max(last.x + last.width, r.x + r.width);
      const y0 = Math.min(last.y, r.y);
      const y1 = Math.max(last.y + last.height, r.y + r.height);
      lines[lines.length - 1] = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
    } else lines.push({ ...r });
  }
  return lines;
}
