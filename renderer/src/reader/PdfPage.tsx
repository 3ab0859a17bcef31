import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RenderingCancelledException, TextLayer, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import { FindMarks } from './FindMarks';
import type { Size } from './layout';
import { inBackground, urgent } from './renderPriority';

/** Keep canvases under ~16 megapixels: browsers refuse (or blank) larger ones. */
const maxCanvasPixels = 16 * 1024 * 1024;

export function outputRatio(cssWidth: number, cssHeight: number): number {
  const wanted = window.devicePixelRatio || 1;
  const area = cssWidth * cssHeight;
  if (area <= 0) return wanted;
  return Math.max(0.5, Math.min(wanted, Math.sqrt(maxCanvasPixels / area)));
}

/**
 * Renders one PDF page into a canvas at `scale`. `onSize` reports the page's own size (at scale 1)
 * so the layout can correct its estimate for pages that differ from page 1.
 */
export async function renderPageToCanvas(
  doc: PDFDocumentProxy,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  scale: number,
  onTask: (task: RenderTask) => void,
  onSize?: (size: Size) => void,
  /** Draw over what is under the canvas (the page's stored picture) instead of filling it white first. */
  transparent = false,
): Promise<void> {
  const page = await doc.getPage(pageNumber);
  const base = page.getViewport({ scale: 1 });
  onSize?.({ width: base.width, height: base.height });
  const viewport = page.getViewport({ scale });
  const ratio = outputRatio(viewport.width, viewport.height);
  canvas.width = Math.max(1, Math.floor(viewport.width * ratio));
  canvas.height = Math.max(1, Math.floor(viewport.height * ratio));
  const task = page.render({ canvas, viewport, ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}), ...(transparent ? { background: 'rgba(0,0,0,0)' } : {}) });
  onTask(task);
  await task.promise;
}

interface PdfPageProps {
  /** Null while pdf.js is still opening the pack: the page shows its stored picture, if it has one. */
  doc: PDFDocumentProxy | null;
  /** The page's picture made at import (an object URL), shown until pdf.js has painted the page. */
  raster?: string | undefined;
  page: number;
  scale: number;
  size: Size;
  top: number;
  left: number;
  label: string;
  current: boolean;
  /** On screen now: painted first; off-screen neighbours wait for it. */
  visible: boolean;
  onSize: (page: number, size: Size) => void;
  /** Words to mark for a find on this page (none when nothing is being found here). */
  findTerms?: readonly string[];
  /** This page holds the find hit being shown. */
  findCurrent?: boolean;
  /** Drawn over the page (annotations). */
  children?: ReactNode;
}

/** One page of the virtualised list: mounted only while near the viewport, dropped when far. */
export function PdfPage({ doc, raster, page, scale, size, top, left, label, current, visible, onSize, findTerms, findCurrent = false, children }: PdfPageProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'rendering' | 'ready' | 'failed'>('rendering');
  // The stored picture counts as painted once decoded: the member sees the page (the text layer follows).
  const [rasterShown, setRasterShown] = useState(false);
  const rasterRef = useRef(raster);
  const onSizeRef = useRef(onSize);
  // Whether it was on screen when its render began decides its priority; a scroll does not restart it.
  const visibleRef = useRef(visible);
  useEffect(() => {
    onSizeRef.current = onSize;
    visibleRef.current = visible;
    rasterRef.current = raster;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !doc) return;
    let task: RenderTask | null = null;
    let live = true;
    setState('rendering');
    const render = () =>
      renderPageToCanvas(
        doc,
        page,
        canvas,
        scale,
        (t) => {
          task = t;
          if (!live) t.cancel();
        },
        (s) => {
          if (live) onSizeRef.current(page, s);
        },
        rasterRef.current !== undefined,
      );
    (visibleRef.current ? urgent(render) : inBackground(() => (live ? render() : undefined))).then(
      () => {
        if (live) setState('ready');
      },
      (error: unknown) => {
        if (live && !(error instanceof RenderingCancelledException)) setState('failed');
      },
    );
    return () => {
      live = false;
      task?.cancel();
    };
  }, [doc, page, scale]);

  // The invisible text over the canvas, so text can be selected (and highlighted) and read aloud.
  const textRef = useRef<HTMLDivElement>(null);
  // The rendered text layer, once it is there: find's marks are measured from its spans.
  const [textReady, setTextReady] = useState<HTMLDivElement | null>(null);
  useEffect(() => {
    const container = textRef.current;
    if (!container || !doc) return;
    let layer: TextLayer | null = null;
    let live = true;
    container.replaceChildren();
    void inBackground(async () => {
      try {
        if (!live) return;
        const pdfPage = await doc.getPage(page);
        if (!live) return;
        layer = new TextLayer({ textContentSource: pdfPage.streamTextContent(), container, viewport: pdfPage.getViewport({ scale }) });
        await layer.render();
        // pdf.js measures text in a canvas it adds to <body>; it is not content.
        for (const hidden of document.querySelectorAll('canvas.hiddenCanvasElement')) hidden.setAttribute('aria-hidden', 'true');
        if (live) {
          container.dataset.ready = 'true';
          setTextReady(container);
        }
      } catch {
        // Without a text layer the page still reads; only selecting text is lost.
      }
    }, visibleRef.current);
    return () => {
      live = false;
      layer?.cancel();
      delete container.dataset.ready;
      setTextReady(null);
    };
  }, [doc, page, scale]);

  // Free the canvas memory as soon as the page leaves the window, not when GC gets round to it.
  useEffect(() => {
    const canvas = canvasRef.current;
    return () => {
      if (canvas) {
        canvas.width = 0;
        canvas.height = 0;
      }
    };
  }, []);

  const showRaster = raster !== undefined && state !== 'ready';
  return (
    <div
      className={current ? 'pdf-page current' : 'pdf-page'}
      data-page={page}
      data-state={showRaster && rasterShown ? 'ready' : state}
      data-shows={showRaster && rasterShown ? 'raster' : state === 'ready' ? 'canvas' : undefined}
      style={{ top, left, width: size.width, height: size.height }}
    >
      {showRaster && (
        <img
          className="page-raster"
          src={raster}
          alt=""
          style={{ width: size.width, height: size.height }}
          onLoad={() => setRasterShown(true)}
          onError={() => setRasterShown(false)}
        />
      )}
      <canvas ref={canvasRef} role="img" aria-label={label} style={{ width: size.width, height: size.height }} />
      <div ref={textRef} className="textLayer" style={{ ['--scale-factor' as string]: scale, ['--total-scale-factor' as string]: scale }} />
      {textReady && findTerms && findTerms.length > 0 && <FindMarks layer={textReady} terms={findTerms} current={findCurrent} />}
      {children}
      {state === 'failed' && <p className="page-error">{t('reader.pageFailed')}</p>}
    </div>
  );
}
