import { useLayoutEffect, useMemo, useRef } from 'react';
import { matchesIn } from './findTerms';

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Boxes (in the page's CSS pixels) of every occurrence of the terms in a rendered pdf.js text layer. */
function boxesIn(layer: HTMLElement, terms: readonly string[]): Box[] {
  const page = layer.getBoundingClientRect();
  const boxes: Box[] = [];
  const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (const match of matchesIn(text, terms)) {
      const range = document.createRange();
      range.setStart(node, match.start);
      range.setEnd(node, match.end);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && r.height > 0) boxes.push({ left: r.left - page.left, top: r.top - page.top, width: r.width, height: r.height });
      }
    }
  }
  return boxes;
}

/**
 * Find's hits drawn over the page: a box behind each occurring word (the text layer's own spans
 * give the word's place). The page holding the hit being shown draws them stronger and brings the
 * first into view.
 */
export function FindMarks({ layer, terms, current }: { layer: HTMLElement; terms: readonly string[]; current: boolean }) {
  const firstRef = useRef<HTMLDivElement>(null);
  const key = terms.join('\u0000');
  // Measured from the text layer, which is rendered before this mounts (PdfPage waits for it).
  const boxes = useMemo(() => (key ? boxesIn(layer, key.split('\u0000')) : []), [layer, key]);

  useLayoutEffect(() => {
    if (current) firstRef.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current, boxes]);

  return (
    <div className={current ? 'find-marks current' : 'find-marks'} aria-hidden="true">
      {boxes.map((b, i) => (
        <div key={i} ref={i === 0 ? firstRef : undefined} className="find-mark" style={{ left: b.left - 1, top: b.top - 1, width: b.width + 2, height: b.height + 2 }} />
      ))}
    </div>
  );
}
