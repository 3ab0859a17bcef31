import { Worker } from 'node:worker_threads';
import type { Db } from '../db/database';
import type { DocumentStore } from './documentStore';
import type { PageRaster } from './rasterPage';

type WorkerAnswer = { type: 'done'; rasters: PageRaster[] } | { type: 'error'; refused: boolean; message: string };

/** Draws pages in a worker thread built to <dist>/core/raster-worker.mjs. */
export type RasterDrawer = (bytes: Uint8Array, pages: number[]) => Promise<{ rasters: PageRaster[] } | { refused: string }>;

export function workerRasterDrawer(workerFile: string): RasterDrawer {
  return (bytes, pages) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(workerFile, { workerData: { bytes, pages } });
      let settled = false;
      const finish = (action: () => void) => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        action();
      };
      worker.on('message', (answer: WorkerAnswer) => finish(() => (answer.type === 'done' ? resolve({ rasters: answer.rasters }) : answer.refused ? resolve({ refused: answer.message }) : reject(new Error(answer.message)))));
      worker.on('error', (error) => finish(() => reject(error)));
      worker.on('exit', (code) => finish(() => reject(new Error(`the page drawing thread stopped (exit ${code})`))));
    });
}

/** How long the member stays on a page before the reader's place gets a picture of its own. */
const placeSettleMs = 1500;

/**
 * Pictures of pages made after import, so the reader shows page 1 (or the page the member left) the
 * moment it opens, while pdf.js is still parsing the pack. Made one document at a time, off the
 * import's path: an import never waits for them, and a pack with no picture only opens as it did.
 * Each document keeps page 1 and at most one other page, the latest place a member left it.
 */
export class PageRasters {
  private queue: Promise<void> = Promise.resolve();
  /** Documents that cannot have pictures (password-protected) or failed this session: not tried again. */
  private readonly skipped = new Set<string>();
  private readonly placeTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly store: DocumentStore,
    private readonly draw: RasterDrawer,
    private readonly log: (message: string, detail?: unknown) => void = () => undefined,
  ) {}

  /** Page 1 of every stored pack that has no picture yet (after an import, and once at start-up for older packs). */
  sweep(): Promise<void> {
    const shas = this.db.prepare<[], { sha: string }>('SELECT DISTINCT document_sha256 AS sha FROM packs').all();
    for (const { sha } of shas) {
      if (!this.skipped.has(sha) && this.store.has(sha) && this.store.readRaster(sha, 1) === null) this.enqueue(sha, [1]);
    }
    return this.idle();
  }

  /** The member's place in a pack: once they settle on a page, it gets a picture for the next open. */
  placeLeft(packId: string, page: number): void {
    const sha = this.db.prepare<[string], { sha: string }>('SELECT document_sha256 AS sha FROM packs WHERE id = ?').get(packId)?.sha;
    if (!sha || page === 1 || this.closed) return;
    clearTimeout(this.placeTimers.get(sha));
    this.placeTimers.set(
      sha,
      setTimeout(() => {
        this.placeTimers.delete(sha);
        if (!this.skipped.has(sha) && this.store.has(sha) && this.store.readRaster(sha, page) === null) this.enqueue(sha, [page]);
      }, placeSettleMs),
    );
  }

  /** Resolves once every picture asked for so far is made (the command line waits before it exits). */
  idle(): Promise<void> {
    return this.queue;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.placeTimers.values()) clearTimeout(timer);
    this.placeTimers.clear();
  }

  private enqueue(sha: string, pages: number[]): void {
    this.queue = this.queue.then(() => this.make(sha, pages)).catch((error: unknown) => {
      this.skipped.add(sha);
      this.log('could not draw a page picture; the reader opens without one', { sha, error: String(error) });
    });
  }

  private async make(sha: string, pages: number[]): Promise<void> {
    if (this.closed || !this.store.has(sha)) return;
    const drawn = await this.draw(this.store.readAll(sha), pages);
    if ('refused' in drawn) {
      this.skipped.add(sha);
      return;
    }
    // Retention or a re-import may have removed the document while it was being drawn.
    if (this.closed || !this.store.has(sha)) return;
    for (const raster of drawn.rasters) {
      const { page, data, ...meta } = raster;
      if (page !== 1) for (const other of this.store.rasterPages(sha)) if (other !== 1 && other !== page) this.store.removeRaster(sha, other);
      this.store.putRaster(sha, page, meta, data);
    }
  }
}
