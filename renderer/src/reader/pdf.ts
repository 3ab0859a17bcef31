import './polyfills';
import { getDocument, GlobalWorkerOptions, PasswordResponses, PDFDataRangeTransport, type PDFDocumentLoadingTask, type PDFDocumentProxy } from 'pdfjs-dist';
import type { ChamberApi } from '../../../shared/api/binding';
import { base64ToBytes } from '../api/base64';
import { launchToken } from '../api/chamberApi';
import { DocumentReadError, hostDocumentReader, type ReadBytes } from './documentBytes';
import { readerDocumentOptions } from './pdfOptions';
import { mergeRanges } from './ranges';

export { DocumentReadError } from './documentBytes';

/** The contract caps one readDocument call at 4 MiB. */
const maxReadBytes = 4 * 1024 * 1024;

/** How long a new worker has to say it is ready before the reader falls back to the main thread. */
const workerStartMs = 15_000;
let workerReady: Promise<void> | null = null;

/**
 * One pdf.js worker for the whole app, built from ./pdf.worker.ts by Vite and served from the
 * app's own origin, so the CSP (script-src 'self'; worker-src 'self' blob:) holds. Where a worker
 * cannot start (some file:// loads refuse module workers), pdf.js's worker code runs on the main
 * thread instead: slower for big packs, but the pack still opens.
 */
export function ensureWorker(): Promise<void> {
  workerReady ??= startWorker().catch(async (error: unknown) => {
    console.warn('[reader] pdf.js worker unavailable, parsing on the main thread', error);
    await import('pdfjs-dist/build/pdf.worker.min.mjs');
  });
  return workerReady;
}

async function startWorker(): Promise<void> {
  const worker = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module', name: 'pdfjs' });
  await new Promise<void>((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
    };
    // pdf.js's worker posts "ready" as soon as it has loaded; pdf.js itself does not wait for it
    // when handed a port, so taking that first message here loses nothing.
    const onMessage = () => {
      stop();
      resolve();
    };
    const onError = (event: ErrorEvent) => {
      stop();
      worker.terminate();
      reject(new Error(event.message || 'the pdf.js worker failed to load'));
    };
    const timer = setTimeout(() => {
      stop();
      worker.terminate();
      reject(new Error('the pdf.js worker did not start'));
    }, workerStartMs);
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
  GlobalWorkerOptions.workerPort = worker;
}

/** Reads [offset, offset + length) of a stored document through the contract, 4 MiB at a time. */
export async function readRange(api: ChamberApi, sha256: string, offset: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const answer = await api.readDocument({ sha256, offset: offset + filled, length: Math.min(maxReadBytes, length - filled) });
    if (!answer.ok) throw new DocumentReadError(answer.error);
    const bytes = base64ToBytes(answer.value.data);
    if (bytes.length === 0) break; // past the end
    out.set(bytes.subarray(0, length - filled), filled);
    filled += bytes.length;
  }
  return filled === length ? out : out.subarray(0, filled);
}

/**
 * pdf.js range transport backed by readDocument: pdf.js asks for the byte ranges it needs (the
 * trailer, the xref, then one page's objects at a time) so pages nobody looks at are never read.
 * Requests arriving together are merged into as few contract calls as possible.
 */
class ContractRangeTransport extends PDFDataRangeTransport {
  private queue: { begin: number; end: number }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private aborted = false;

  constructor(
    length: number,
    private readonly read: (offset: number, length: number) => Promise<Uint8Array>,
    private readonly onError: (error: unknown) => void,
  ) {
    super(length, null);
  }

  override requestDataRange(begin: number, end: number): void {
    this.queue.push({ begin, end });
    this.timer ??= setTimeout(() => this.flush(), 0);
  }

  /**
   * Hands pdf.js the whole file from the start, in order, as "progressive" data (pdf.js places it
   * behind what it already has and answers any waiting page from it). Called once page 1 is on
   * screen: a jump then finds its page's objects here instead of waiting on range reads.
   */
  async readAhead(blockBytes: number): Promise<void> {
    for (let offset = 0; offset < this.length && !this.aborted; offset += blockBytes) {
      const bytes = await this.read(offset, Math.min(blockBytes, this.length - offset));
      if (this.aborted || bytes.length === 0) return;
      this.onDataProgressiveRead(bytes);
      if (bytes.length < Math.min(blockBytes, this.length - offset)) return;
    }
    if (!this.aborted) this.onDataProgressiveDone();
  }

  override abort(): void {
    if (this.timer) clearTimeout(this.timer);
    this.queue = [];
    this.aborted = true;
    super.abort();
  }

  private flush(): void {
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    for (const merged of mergeRanges(batch, maxReadBytes)) {
      this.read(merged.begin, merged.end - merged.begin).then(
        (bytes) => {
          if (this.aborted) return;
          // pdf.js matches each answer to its request by where it begins.
          for (const request of merged.requests) {
            this.onDataRange(request.begin, bytes.slice(request.begin - merged.begin, request.end - merged.begin));
          }
        },
        (error: unknown) => {
          if (!this.aborted) this.onError(error);
        },
      );
    }
  }
}

/** The reader chose not to give a protected pack's password. */
export class PasswordDeclined extends Error {
  constructor() {
    super('The pack is protected by a password and none was given');
    this.name = 'PasswordDeclined';
  }
}

export interface PasswordOptions {
  /** Tried first (the one this session already knows). */
  password?: string | undefined;
  /** Asked when pdf.js needs a password (`wrong`: the last one did not open it); null declines. */
  ask: (wrong: boolean) => Promise<string | null>;
}

export interface OpenedDocument {
  promise: Promise<PDFDocumentProxy>;
  /** The password that opened the document, if it needed one. */
  password(): string | undefined;
  /** Stops loading and frees the document (pdf.js keeps the shared worker). */
  destroy(): void;
  /** Bytes fetched so far, for tests and diagnostics. */
  bytesRead(): number;
  /** Reads the rest of a pack of up to `readAheadLimit` bytes in the background (see ContractRangeTransport.readAhead). */
  readAhead(): void;
}

/**
 * Packs up to this size are read whole in the background once page 1 is up. pdf.js's worker holds
 * a buffer the pack's full length whatever is read, so this costs time on the wire, not memory; a
 * larger pack keeps reading only the ranges its pages need.
 */
const readAheadLimit = 32 * 1024 * 1024;
const readAheadBlock = 1024 * 1024;

/** The destruction of the document opened last, which the next one waits for. */
let lastDestroy: Promise<void> = Promise.resolve();

export function openPackDocument(api: ChamberApi, sha256: string, byteSize: number, passwords?: PasswordOptions): OpenedDocument {
  let bytesRead = 0;
  let given = passwords?.password;
  let destroyed = false;
  let task: PDFDocumentLoadingTask | null = null;
  let failure: ((error: unknown) => void) | null = null;
  const failed = new Promise<never>((_, reject) => {
    failure = reject;
  });
  failed.catch(() => undefined);
  // Bytes as bytes where the binding has a binary route (the browser host); else the contract.
  const token = launchToken();
  const read: ReadBytes = token ? hostDocumentReader(token, sha256) : (offset, length) => readRange(api, sha256, offset, length);
  const transport = new ContractRangeTransport(
    byteSize,
    async (offset, length) => {
      const bytes = await read(offset, length);
      bytesRead += bytes.length;
      return bytes;
    },
    (error) => failure?.(error),
  );
  // pdf.js refuses a new document on the shared worker port while the last one is still being destroyed.
  const promise = Promise.all([ensureWorker(), lastDestroy]).then(() => {
    if (destroyed) throw new Error('The reader closed before the pack opened');
    task = getDocument({ ...readerDocumentOptions, range: transport, length: byteSize, ...(given === undefined ? {} : { password: given }) });
    if (passwords) {
      task.onPassword = (update: (password: string) => void, reason: number) => {
        passwords.ask(reason === PasswordResponses.INCORRECT_PASSWORD).then(
          (answer) => {
            if (answer === null) failure?.(new PasswordDeclined());
            else update((given = answer));
          },
          (error: unknown) => failure?.(error),
        );
      };
    }
    return Promise.race([task.promise, failed]);
  });
  return {
    promise,
    destroy: () => {
      destroyed = true;
      transport.abort();
      if (task) lastDestroy = task.destroy().catch(() => undefined);
    },
    bytesRead: () => bytesRead,
    password: () => given,
    readAhead: () => {
      if (byteSize > readAheadLimit || destroyed) return;
      transport.readAhead(readAheadBlock).catch((error: unknown) => console.warn('[reader] reading the rest of the pack ahead failed; pages load as they are shown', error));
    },
  };
}
