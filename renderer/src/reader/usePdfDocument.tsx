import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { ChamberApi } from '../../../shared/api/binding';
import type { ApiError } from '../../../shared/result';
import type { Size } from './layout';
import { PdfLocked } from './PdfLocked';
import { PdfPasswordDialog } from './PdfPasswordDialog';
import { DocumentReadError, openPackDocument, PasswordDeclined } from './pdf';
import { whenUrgentDone } from './renderPriority';
import { forgetPdfPassword, rememberPdfPassword, sessionPdfPassword } from './sessionPasswords';

export interface PdfDocumentState {
  doc: PDFDocumentProxy | null;
  /** Page 1's size at scale 1: every placeholder is laid out from it until its own page opens. */
  baseSize: Size | null;
  loadError: ApiError | null;
  /** The reader declined to give a protected pack's password; `passwordPrompt` offers to give it. */
  locked: boolean;
  /** The password dialog, and the note shown while the pack stays locked: render it with the pages. */
  passwordPrompt: ReactNode;
}

interface PasswordRequest {
  wrong: boolean;
  answer: (password: string | null) => void;
}

/**
 * Opens one stored pack document through the range transport and frees it when the reader goes.
 * A pack published behind a password is opened with the one this session knows, else the reader
 * is asked; the password that works is kept in memory for the session (sessionPasswords.ts).
 */
export function usePdfDocument(api: ChamberApi, sha256: string, byteSize: number): PdfDocumentState {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [baseSize, setBaseSize] = useState<Size | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [request, setRequest] = useState<PasswordRequest | null>(null);
  const [locked, setLocked] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const known = sessionPdfPassword(sha256);
    const opened = openPackDocument(api, sha256, byteSize, {
      password: known,
      ask: (wrong) => {
        // A remembered password that no longer opens it is forgotten rather than tried again.
        if (wrong && known !== undefined && opened.password() === known) forgetPdfPassword(sha256);
        return new Promise((resolve) => {
          if (live) setRequest({ wrong, answer: resolve });
          else resolve(null);
        });
      },
    });
    opened.promise
      .then(async (document) => {
        const first = await document.getPage(1);
        const size = first.getViewport({ scale: 1 });
        if (!live) return;
        const password = opened.password();
        if (password !== undefined) rememberPdfPassword(sha256, password);
        setDoc(document);
        setBaseSize({ width: size.width, height: size.height });
        // Once the opening page has painted, the rest of the pack loads behind it for quick jumps.
        setTimeout(() => void whenUrgentDone().then(() => live && opened.readAhead()), 100);
      })
      .catch((error: unknown) => {
        if (!live) return;
        if (error instanceof PasswordDeclined) {
          setLocked(true);
          return;
        }
        console.error('[reader] could not open the pack', error);
        setLoadError(error instanceof DocumentReadError ? error.apiError : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      live = false;
      setRequest(null);
      opened.destroy();
    };
  }, [api, sha256, byteSize, attempt]);

  const answer = useCallback(
    (password: string | null) => {
      request?.answer(password);
      setRequest(null);
    },
    [request],
  );
  const unlock = useCallback(() => {
    setLocked(false);
    setAttempt((n) => n + 1);
  }, []);

  const passwordPrompt = (
    <>
      <PdfPasswordDialog request={request} onSubmit={(password) => answer(password)} onCancel={() => answer(null)} />
      {locked && <PdfLocked onUnlock={unlock} />}
    </>
  );
  return { doc, baseSize, loadError, locked, passwordPrompt };
}
