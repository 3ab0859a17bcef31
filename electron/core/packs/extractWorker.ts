import { parentPort, workerData } from 'node:worker_threads';
import { extractPdf, PdfExtractError } from './extract';

// Text extraction runs in its own thread so the core keeps answering (progress polls, reads) and a
// cancel can simply terminate it.
const port = parentPort;
if (!port) throw new Error('extractWorker must run in a worker thread');
const { bytes, maxPages, password } = workerData as { bytes: Uint8Array; maxPages: number; password?: string };

extractPdf(bytes, { maxPages, password, onProgress: (done, total) => port.postMessage({ type: 'progress', done, total }) }).then(
  (result) => port.postMessage({ type: 'done', result }),
  (error: unknown) =>
    port.postMessage({
      type: 'error',
      code: error instanceof PdfExtractError ? error.code : 'PDF_CORRUPT',
      message: error instanceof Error ? error.message : String(error),
    }),
);
