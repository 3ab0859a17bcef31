import { Worker } from 'node:worker_threads';
import type { ExtractedPdf } from './extract';
import { ImportError, toImportErrorCode } from './importError';

/** `password` opens a protected PDF; it goes to the worker in memory and is never written down. */
export type Extractor = (bytes: Uint8Array, onProgress: (done: number, total: number) => void, signal: AbortSignal, password?: string) => Promise<ExtractedPdf>;

type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: ExtractedPdf }
  | { type: 'error'; code: string; message: string };

/** Runs pdf.js extraction in a worker thread built to <dist>/core/extract-worker.mjs. */
export function workerExtractor(workerFile: string, maxPages: number): Extractor {
  return (bytes, onProgress, signal, password) =>
    new Promise<ExtractedPdf>((resolve, reject) => {
      if (signal.aborted) {
        reject(new ImportError('CANCELLED', 'The import was cancelled'));
        return;
      }
      const worker = new Worker(workerFile, { workerData: password === undefined ? { bytes, maxPages } : { bytes, maxPages, password } });
      let settled = false;
      const finish = (action: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        void worker.terminate();
        action();
      };
      const onAbort = () => finish(() => reject(new ImportError('CANCELLED', 'The import was cancelled')));
      signal.addEventListener('abort', onAbort);
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') onProgress(message.done, message.total);
        else if (message.type === 'done') finish(() => resolve(message.result));
        else finish(() => reject(new ImportError(toImportErrorCode(message.code, 'PDF_CORRUPT'), message.message)));
      });
      worker.on('error', (error) => finish(() => reject(new ImportError('PDF_CORRUPT', error.message))));
      worker.on('exit', (code) => finish(() => reject(new ImportError('IMPORT_FAILED', `Text extraction stopped (exit ${code})`))));
    });
}
