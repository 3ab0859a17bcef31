import { pdfjsHardening } from '../../../shared/security/pdfjs';

/** pdf.js asks for ranges of at least this size; small enough that page 1 paints early. */
const rangeChunkBytes = 128 * 1024;

/**
 * How the reader opens a pack (besides its range transport). Kept apart from pdf.ts, which loads
 * pdf.js, so a test can check them without a browser.
 */
export const readerDocumentOptions = {
  // No eval (CSP), no XFA forms. pdf.js's document scripting lives in its viewer's sandbox, which
  // Chamber does not load at all.
  ...pdfjsHardening,
  rangeChunkSize: rangeChunkBytes,
  // Only what is needed, when it is needed: no streaming and no background prefetch of the rest.
  disableStream: true,
  disableAutoFetch: true,
  // No wasm decoders (the CSP has no 'wasm-unsafe-eval').
  useWasm: false,
} as const;
