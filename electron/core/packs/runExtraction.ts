import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { assembleExtraction, PdfExtractError, type ExtractedPage, type ExtractedPdf } from './extract';
import { ImportError, toImportErrorCode } from './importError';

/** `password` opens a protected PDF; it goes to the workers in memory and is never written down. */
export type Extractor = (bytes: Uint8Array, onProgress: (done: number, total: number) => void, signal: AbortSignal, password?: string) => Promise<ExtractedPdf>;

/** What the core asks of an extraction worker: read these pages (1-based, inclusive). */
export interface ToExtractWorker {
  from: number;
  to: number;
}

type FromExtractWorker =
  | { type: 'opened'; pageCount: number; language: string | null }
  | { type: 'page'; pageNumber: number; page: ExtractedPage | null }
  | { type: 'error'; code: string; message: string };

export interface PoolOptions {
  /** At most this many workers; the machine's cores by default. */
  maxWorkers?: number;
  /** One worker per this many pages (tests lower it to pool a small pack). */
  pagesPerWorker?: number;
}

/**
 * Each further worker pays for starting a thread, loading pdf.js and opening the PDF (about the
 * time of reading a few dozen pages), so a pack gets one worker per this many pages, up to the cores.
 */
export const pagesPerWorker = 40;

export function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** How many workers read a pack of `pageCount` pages. */
export function poolSize(pageCount: number, maxWorkers: number = availableCores(), perWorker: number = pagesPerWorker): number {
  return Math.max(1, Math.min(maxWorkers, Math.floor(pageCount / perWorker)));
}

/**
 * Pages are handed out in short ranges as workers finish, not split once, so a worker that started
 * later or met heavier pages does not leave the other idle at the end.
 */
function rangeSize(pageCount: number, workers: number): number {
  return Math.max(1, Math.min(16, Math.ceil(pageCount / (workers * 10))));
}

/**
 * Starting a worker (a thread, pdf.js loaded, the PDF opened) takes about as long as reading a
 * dozen pages, so a file this large starts the whole pool at once rather than after the first
 * worker has counted its pages; the workers a short pack turns out not to need are stopped then.
 */
const startPoolAtOnceBytes = 128 * 1024;

/** Ranges queued ahead per worker, so it never waits for the core between two ranges. */
const rangesAhead = 2;

/**
 * Runs pdf.js extraction in a pool of worker threads built to <dist>/core/extract-worker.mjs. The
 * first worker opens the PDF and says how many pages it has; that decides the pool. The file's
 * bytes are copied once into shared memory that every worker reads. Pages come back one message
 * each (so the core never decodes the whole text at once) and are put back in page order.
 */
export function workerExtractor(workerFile: string, maxPages: number, pool: PoolOptions = {}): Extractor {
  return (bytes, onProgress, signal, password) =>
    new Promise<ExtractedPdf>((resolve, reject) => {
      if (signal.aborted) {
        reject(new ImportError('CANCELLED', 'The import was cancelled'));
        return;
      }
      const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
      shared.set(bytes);
      const workerData = password === undefined ? { bytes: shared, maxPages } : { bytes: shared, maxPages, password };
      const maxWorkers = pool.maxWorkers ?? availableCores();
      const workers: Worker[] = [];
      const outstanding = new Map<Worker, number>();
      let pageCount = -1;
      let language: string | null = null;
      let nextPage = 1;
      let range = 1;
      let done = 0;
      const read: (ExtractedPage | null)[] = [];
      const seen: boolean[] = [];
      let settled = false;

      const finish = (action: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        for (const worker of workers) void worker.terminate();
        action();
      };
      const fail = (error: ImportError) => finish(() => reject(error));
      const onAbort = () => fail(new ImportError('CANCELLED', 'The import was cancelled'));
      signal.addEventListener('abort', onAbort);

      const complete = () =>
        finish(() => {
          try {
            resolve(assembleExtraction(pageCount, language, read));
          } catch (error) {
            const code = error instanceof PdfExtractError ? error.code : undefined;
            reject(new ImportError(toImportErrorCode(code, 'PDF_CORRUPT'), error instanceof Error ? error.message : String(error)));
          }
        });

      const handOut = (worker: Worker) => {
        while (nextPage <= pageCount && (outstanding.get(worker) ?? 0) < rangesAhead * range) {
          const to = Math.min(pageCount, nextPage + range - 1);
          worker.postMessage({ from: nextPage, to } satisfies ToExtractWorker);
          outstanding.set(worker, (outstanding.get(worker) ?? 0) + (to - nextPage + 1));
          nextPage = to + 1;
        }
      };

      const onPage = (worker: Worker, pageNumber: number, page: ExtractedPage | null) => {
        const index = pageNumber - 1;
        if (index < 0 || index >= pageCount || seen[index] || (page !== null && page.index !== index)) {
          fail(new ImportError('IMPORT_FAILED', `Text extraction returned page ${pageNumber} out of turn`));
          return;
        }
        seen[index] = true;
        read[index] = page;
        done += 1;
        outstanding.set(worker, (outstanding.get(worker) ?? 1) - 1);
        onProgress(done, pageCount);
        if (done === pageCount) {
          complete();
          return;
        }
        handOut(worker);
      };

      const dismiss = (worker: Worker) => {
        worker.removeAllListeners();
        void worker.terminate();
        workers.splice(workers.indexOf(worker), 1);
        outstanding.delete(worker);
      };

      const start = () => {
        const worker = new Worker(workerFile, { workerData });
        workers.push(worker);
        outstanding.set(worker, 0);
        worker.on('message', (message: FromExtractWorker) => {
          if (settled) return;
          if (message.type === 'error') {
            fail(new ImportError(toImportErrorCode(message.code, 'PDF_CORRUPT'), message.message));
          } else if (message.type === 'page') {
            onPage(worker, message.pageNumber, message.page);
          } else if (pageCount < 0) {
            // The first worker to open the file decides the pool for its page count.
            pageCount = message.pageCount;
            language = message.language;
            if (pageCount === 0) {
              complete();
              return;
            }
            const size = poolSize(pageCount, maxWorkers, pool.pagesPerWorker);
            range = rangeSize(pageCount, size);
            for (const spare of workers.filter((w) => w !== worker).slice(size - 1)) dismiss(spare);
            handOut(worker);
            while (workers.length < size) start();
          } else if (message.pageCount !== pageCount) {
            fail(new ImportError('IMPORT_FAILED', 'Text extraction workers disagree on the page count'));
          } else {
            handOut(worker);
          }
        });
        worker.on('error', (error) => fail(new ImportError('PDF_CORRUPT', error.message)));
        worker.on('exit', (code) => fail(new ImportError('IMPORT_FAILED', `Text extraction stopped (exit ${code})`)));
      };
      const atOnce = bytes.length >= startPoolAtOnceBytes ? maxWorkers : 1;
      for (let i = 0; i < atOnce; i += 1) start();
    });
}
