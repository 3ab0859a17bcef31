import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { renderPageToCanvas } from './PdfPage';

/** Print resolution: 150 dpi is sharp on paper and keeps a long range within memory. */
const printScale = 150 / 72;
export const maxPrintPages = 300;

interface PrintPagesProps {
  doc: PDFDocumentProxy;
  pageCount: number;
  /** The range offered first: the current item's pages, or the current page. */
  suggested: { from: number; to: number };
  open: boolean;
  onClose: () => void;
}

type Progress = { state: 'idle' } | { state: 'preparing'; done: number; total: number } | { state: 'error'; message: string };

/**
 * Prints a chosen range of pages: each page is drawn to an image in a print-only container outside
 * the app, and the print stylesheet hides everything else, so no app chrome reaches the paper.
 */
export function PrintPages({ doc, pageCount, suggested, open, onClose }: PrintPagesProps) {
  const { t } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [from, setFrom] = useState(String(suggested.from));
  const [to, setTo] = useState(String(suggested.to));
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const [images, setImages] = useState<string[]>([]);
  const [container] = useState(() => {
    const element = document.createElement('div');
    element.className = 'print-pages';
    element.setAttribute('aria-hidden', 'true');
    return element;
  });
  const cancelled = useRef(false);

  useEffect(() => {
    document.body.appendChild(container);
    return () => container.remove();
  }, [container]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setFrom(String(suggested.from));
      setTo(String(suggested.to));
      setProgress({ state: 'idle' });
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
    // Re-seed the fields only when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  // Blob URLs live until the next print or until the reader closes.
  useEffect(() => () => images.forEach((url) => URL.revokeObjectURL(url)), [images]);

  const print = async (event: FormEvent) => {
    event.preventDefault();
    const first = Number(from);
    const last = Number(to);
    if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last > pageCount || first > last) {
      setProgress({ state: 'error', message: t('reader.print.invalidRange', { total: pageCount }) });
      return;
    }
    if (last - first + 1 > maxPrintPages) {
      setProgress({ state: 'error', message: t('reader.print.tooMany', { max: maxPrintPages }) });
      return;
    }
    cancelled.current = false;
    const urls: string[] = [];
    const total = last - first + 1;
    setProgress({ state: 'preparing', done: 0, total });
    for (let page = first; page <= last; page += 1) {
      if (cancelled.current) break;
      const canvas = document.createElement('canvas');
      await renderPageToCanvas(doc, page, canvas, printScale, () => undefined);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      canvas.width = 0;
      canvas.height = 0;
      if (blob) urls.push(URL.createObjectURL(blob));
      setProgress({ state: 'preparing', done: page - first + 1, total });
    }
    if (cancelled.current) {
      urls.forEach((url) => URL.revokeObjectURL(url));
      setProgress({ state: 'idle' });
      return;
    }
    setImages(urls);
    // Let React put the images in, and the browser decode them, before the print dialog opens.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await Promise.all(Array.from(container.querySelectorAll('img')).map((img) => img.decode().catch(() => undefined)));
    setProgress({ state: 'idle' });
    onClose();
    window.print();
  };

  const close = () => {
    cancelled.current = true;
    onClose();
  };

  return (
    <>
      <dialog ref={dialogRef} className="print-dialog" aria-labelledby={`${id}-title`} onClose={close}>
        <form onSubmit={(e) => void print(e)}>
          <h2 id={`${id}-title`}>{t('reader.print.title')}</h2>
          <p id={`${id}-hint`} className="hint">
            {t('reader.print.hint', { total: pageCount })}
          </p>
          <div className="print-range">
            <div className="field">
              <label htmlFor={`${id}-from`}>{t('reader.print.from')}</label>
              <input id={`${id}-from`} type="number" inputMode="numeric" min={1} max={pageCount} value={from} onChange={(e) => setFrom(e.target.value)} aria-describedby={`${id}-hint`} required />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>{t('reader.print.to')}</label>
              <input id={`${id}-to`} type="number" inputMode="numeric" min={1} max={pageCount} value={to} onChange={(e) => setTo(e.target.value)} aria-describedby={`${id}-hint`} required />
            </div>
          </div>
          <div role="status" className="print-status">
            {progress.state === 'preparing' && t('reader.print.preparing', { done: progress.done, total: progress.total })}
          </div>
          {progress.state === 'error' && (
            <p className="field-error" role="alert">
              {progress.message}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={progress.state === 'preparing'}>
              {t('reader.print.submit')}
            </button>
            <button type="button" onClick={close}>
              {t('reader.print.cancel')}
            </button>
          </div>
        </form>
      </dialog>
      {createPortal(
        images.map((url, index) => <img key={url} src={url} alt="" data-print-page={index} />),
        container,
      )}
    </>
  );
}
