import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { assembleExtraction, PdfExtractError, type ExtractedPage, type ExtractedPdf } from './extract';
import { ImportError, toImportErrorCode } from './importError';

/** `password` opens a protected PDF; it goes to the workers in memory and is never written down. */
export type Extractor = (bytes: Uint8Array, onProgress: (done: number, total: number) => void, signal: AbortSignal, password?: string) => Promise<ExtractedPdf>;

/** What the core asks of an extraction worker, for one import (`job`) at a time. */
export type ToExtractWorker =
  | { type: 'open'; job: number; bytes: Uint8Array; maxPages: number; password?: string | undefined }
  /** Read these pages (1-based, inclusive). */
  | { type: 'read'; job: number; from: number; to: number }
  | { type: 'close'; job: number };

type FromExtractWorker =
  | { type: 'opened'; job: number; pageCount: number; language: string | null }
  | { type: 'page'; job: number; pageNumber: number; page: ExtractedPage | null }
  | { type: 'error'; job: number; code: string; message: string };

export interface PoolOptions {
  /** At most this many workers; the machine's cores by default. */
  maxWorkers?: number;
  /** One worker per this many pages (tests lower it to pool a small pack). */
  pagesPerWorker?: number;
  /** How long a worker waits, idle, for the next import before it is stopped. */
  idleMs?: number;
}

/**
 * A worker costs a thread, pdf.js loaded and compiled afresh (the first pages of a cold worker are
 * read several times slower): kept for a minute after an import, one that follows (a sync bringing
 * several packs, a new version) starts warm.
 */
const defaultIdleMs = 60_000;

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

/** Workers between imports: unreferenced, so an idle pool never keeps the process alive. */
class IdleWorkers {
  private readonly idle = new Map<Worker, NodeJS.Timeout>();

  constructor(
    private readonly workerFile: string,
    private readonly idleMs: number,
    private readonly most: number,
  ) {}

  take(): Worker {
    for (const [worker, timer] of this.idle) {
      clearTimeout(timer);
      this.idle.delete(worker);
      worker.ref();
      return worker;
    }
    const worker = new Worker(this.workerFile);
    // A worker that dies while idle is simply not handed out again.
    worker.on('exit', () => this.idle.delete(worker));
    worker.on('error', () => this.idle.delete(worker));
    return worker;
  }

  /** Back to the pool once its import has closed the file it had open there. */
  give(worker: Worker): void {
    if (this.idle.size >= this.most) {
      void worker.terminate();
      return;
    }
    worker.unref();
    const timer = setTimeout(() => {
      this.idle.delete(worker);
      void worker.terminate();
    }, this.idleMs);
    timer.unref();
    this.idle.set(worker, timer);
  }

  close(): void {
    for (const [worker, timer] of this.idle) {
      clearTimeout(timer);
      void worker.terminate();
    }
    this.idle.clear();
  }
}

/** An extractor whose idle workers are stopped when the core closes. */
export type PooledExtractor = Extractor & { close(): void };

/**
 * Runs pdf.js extraction in a pool of worker threads built to <dist>/core/extract-worker.mjs. The
 * first worker to open the PDF says how many pages it has; that decides the pool. The file's
 * bytes are copied once into shared memory that every worker reads. Pages come back one message
 * each (so the core never decodes the whole text at once) and are put back in page order. Workers
 * of an import that succeeded go back to the pool; any failure or cancel terminates them.
 */
export function workerExtractor(workerFile: string, maxPages: number, pool: PoolOptions = {}): PooledExtractor {
  const idle = new IdleWorkers(workerFile, pool.idleMs ?? defaultIdleMs, pool.maxWorkers ?? availableCores());
  let jobs = 0;
  const extract: Extractor = (bytes, onProgress, signal, password) =>
    new Promise<ExtractedPdf>((resolve, reject) => {
      if (signal.aborted) {
        reject(new ImportError('CANCELLED', 'The import was cancelled'));
        return;
      }
      jobs += 1;
      const job = jobs;
      const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
      shared.set(bytes);
      const maxWorkers = pool.maxWorkers ?? availableCores();
      const workers: Worker[] = [];
      const outstanding = new Map<Worker, number>();
      const detach = new Map<Worker, () => void>();
      let pageCount = -1;
      let language: string | null = null;
      let nextPage = 1;
      let range = 1;
      let done = 0;
      const read: (ExtractedPage | null)[] = [];
      const seen: boolean[] = [];
      let settled = false;

      const release = (worker: Worker, keep: boolean) => {
        detach.get(worker)?.();
        detach.delete(worker);
        if (keep) {
          worker.postMessage({ type: 'close', job } satisfies ToExtractWorker);
          idle.give(worker);
        } else {
          void worker.terminate();
        }
      };
      const finish = (keep: boolean, action: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        for (const worker of workers) release(worker, keep);
        action();
      };
      const fail = (error: ImportError) => finish(false, () => reject(error));
      const onAbort = () => fail(new ImportError('CANCELLED', 'The import was cancelled'));
      signal.addEventListener('abort', onAbort);

      const complete = () => {
        let result: ExtractedPdf;
        try {
          result = assembleExtraction(pageCount, language, read);
        } catch (error) {
          const code = error instanceof PdfExtractError ? error.code : undefined;
          fail(new ImportError(toImportErrorCode(code, 'PDF_CORRUPT'), error instanceof Error ? error.message : String(error)));
          return;
        }
        finish(true, () => resolve(result));
      };

      const handOut = (worker: Worker) => {
        while (nextPage <= pageCount && (outstanding.get(worker) ?? 0) < rangesAhead * range) {
          const to = Math.min(pageCount, nextPage + range - 1);
          worker.postMessage({ type: 'read', job, from: nextPage, to } satisfies ToExtractWorker);
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

      /** A spare the page count does not need goes back to the pool (its open is closed there). */
      const dismiss = (worker: Worker) => {
        workers.splice(workers.indexOf(worker), 1);
        outstanding.delete(worker);
        release(worker, true);
      };

      const onMessage = (worker: Worker, message: FromExtractWorker) => {
        if (settled || message.job !== job) return;
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
      };

      const start = () => {
        const worker = idle.take();
        workers.push(worker);
        outstanding.set(worker, 0);
        const message = (m: FromExtractWorker) => onMessage(worker, m);
        const error = (e: Error) => fail(new ImportError('PDF_CORRUPT', e.message));
        const exit = (code: number) => fail(new ImportError('IMPORT_FAILED', `Text extraction stopped (exit ${code})`));
        worker.on('message', message);
        worker.on('error', error);
        worker.on('exit', exit);
        detach.set(worker, () => {
          worker.off('message', message);
          worker.off('error', error);
          worker.off('exit', exit);
        });
        // The password goes to the worker in memory with the file and is dropped with it on close.
        worker.postMessage({ type: 'open', job, bytes: shared, maxPages, password } satisfies ToExtractWorker);
      };
      const atOnce = bytes.length >= startPoolAtOnceBytes ? maxWorkers : 1;
      for (let i = 0; i < atOnce; i += 1) start();
    });
  return Object.assign(extract, { close: () => idle.close() });
}
