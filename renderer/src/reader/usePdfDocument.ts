import { useEffect, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { ChamberApi } from '../../../shared/api/binding';
import type { ApiError } from '../../../shared/result';
import type { Size } from './layout';
import { DocumentReadError, openPackDocument } from './pdf';

export interface PdfDocumentState {
  doc: PDFDocumentProxy | null;
  /** Page 1's size at scale 1: every placeholder is laid out from it until its own page opens. */
  baseSize: Size | null;
  loadError: ApiError | null;
}

/** Opens one stored pack document through the range transport and frees it when the reader goes. */
export function usePdfDocument(api: ChamberApi, sha256: string, byteSize: number): PdfDocumentState {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [baseSize, setBaseSize] = useState<Size | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    const opened = openPackDocument(api, sha256, byteSize);
    opened.promise
      .then(async (document) => {
        const first = await document.getPage(1);
        const size = first.getViewport({ scale: 1 });
        if (!live) return;
        setDoc(document);
        setBaseSize({ width: size.width, height: size.height });
      })
      .catch((error: unknown) => {
        if (!live) return;
        console.error('[reader] could not open the pack', error);
        setLoadError(error instanceof DocumentReadError ? error.apiError : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      live = false;
      opened.destroy();
    };
  }, [api, sha256, byteSize]);

  return { doc, baseSize, loadError };
}
