import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RenderingCancelledException, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import type { Size } from './layout';
import { renderPageToCanvas } from './PdfPage';

const thumbWidth = 96;

interface ThumbnailsProps {
  doc: PDFDocumentProxy;
  pageCount: number;
  baseSize: Size;
  knownSizes: ReadonlyMap<number, Size>;
  current: number;
  printedPageNumbers: readonly (number | null)[];
  onSelect: (page: number) => void;
  /** The panel is on screen (its tab is selected). */
  active: boolean;
}

/**
 * Page thumbnails, drawn lazily: one IntersectionObserver watches the list and only thumbnails
 * scrolled into (or near) view get a canvas.
 */
export function Thumbnails({ doc, pageCount, baseSize, knownSizes, current, printedPageNumbers, onSelect, active }: ThumbnailsProps) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);
  const [inView, setInView] = useState<ReadonlySet<number>>(new Set());

  useEffect(() => {
    const list = listRef.current;
    if (!list || !active) return;
    const seen = new Set<number>();
    let frame = 0;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const page = Number((entry.target as HTMLElement).dataset.page);
          if (entry.isIntersecting) seen.add(page);
          else seen.delete(page);
        }
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => setInView(new Set(seen)));
      },
      { root: list.closest('.sidebar-panel'), rootMargin: '300px 0px' },
    );
    for (const item of list.querySelectorAll<HTMLElement>('[data-page]')) observer.observe(item);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [active, pageCount]);

  // Keep the current page's thumbnail in view as the reader scrolls.
  useEffect(() => {
    if (!active) return;
    listRef.current?.querySelector<HTMLElement>(`[data-page="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active, current]);

  const pages = Array.from({ length: pageCount }, (_, i) => i + 1);
  return (
    <ol className="thumbnails" ref={listRef}>
      {pages.map((page) => {
        const size = knownSizes.get(page) ?? baseSize;
        const height = Math.round((thumbWidth * size.height) / size.width);
        const printed = printedPageNumbers[page - 1] ?? null;
        const label = printed === null ? t('reader.thumbnail', { page }) : t('reader.thumbnailPrinted', { page, printed });
        return (
          <li key={page} data-page={page}>
            <button type="button" className="thumbnail" aria-current={page === current ? 'page' : undefined} aria-label={label} onClick={() => onSelect(page)}>
              <span className="thumbnail-frame" style={{ width: thumbWidth, height }}>
                {inView.has(page) && <ThumbnailCanvas doc={doc} page={page} scale={thumbWidth / size.width} />}
              </span>
              {/* The printed number too: it is the one the agenda and the members cite. */}
              <span className="thumbnail-number" aria-hidden="true">
                {printed === null ? page : t('reader.thumbnailNumberPrinted', { page, printed })}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

function ThumbnailCanvas({ doc, page, scale }: { doc: PDFDocumentProxy; page: number; scale: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    let task: RenderTask | null = null;
    let live = true;
    renderPageToCanvas(doc, page, canvas, scale, (t) => {
      task = t;
      if (!live) t.cancel();
    }).catch((error: unknown) => {
      if (!(error instanceof RenderingCancelledException)) console.warn('[reader] thumbnail failed', page, error);
    });
    return () => {
      live = false;
      task?.cancel();
      canvas.width = 0;
      canvas.height = 0;
    };
  }, [doc, page, scale]);
  return <canvas ref={ref} aria-hidden="true" />;
}
