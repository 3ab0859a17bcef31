import { parentPort } from 'node:worker_threads';
import { storedLines } from '../annotations/geometry';
import { openPdfReader, PdfExtractError, type ExtractedPage, type PdfReader } from './extract';
import type { ToExtractWorker } from './runExtraction';

// Text extraction runs in its own threads so the core keeps answering (progress polls, reads) and a
// cancel can simply terminate them. A worker of the pool opens the PDF of one import at a time
// itself and reads the page ranges it is handed, posting every page as soon as it is read; between
// imports it stays, pdf.js loaded and compiled, with nothing of the last file kept.
if (!parentPort) throw new Error('extractWorker must run in a worker thread');
const port = parentPort;

let current: { job: number; reader: PdfReader } | null = null;

async function closeCurrent(): Promise<void> {
  const open = current;
  current = null;
  if (open) await open.reader.close();
}

async function handle(message: ToExtractWorker): Promise<void> {
  if (message.type === 'open') {
    await closeCurrent();
    const reader = await openPdfReader(message.bytes, { maxPages: message.maxPages, password: message.password });
    current = { job: message.job, reader };
    port.postMessage({ type: 'opened', job: message.job, pageCount: reader.pageCount, language: reader.language });
  } else if (message.type === 'read') {
    for (let pageNumber = message.from; pageNumber <= message.to; pageNumber += 1) {
      // A range of an import already closed (or never opened here) is not read.
      if (current?.job !== message.job) return;
      const page: ExtractedPage | null = await current.reader.readPage(pageNumber);
      if (page && page.width > 0 && page.height > 0) page.storedLines = storedLines(page);
      port.postMessage({ type: 'page', job: message.job, pageNumber, page });
    }
  } else if (current?.job === message.job) {
    await closeCurrent();
  }
}

// One message at a time, in the order sent: pdf.js's font cache is learnt page by page (FontNames)
// and an import's close must come after its last range.
let queue = Promise.resolve();
port.on('message', (message: ToExtractWorker) => {
  queue = queue
    .then(() => handle(message))
    .catch((error: unknown) =>
      port.postMessage({
        type: 'error',
        job: message.job,
        code: error instanceof PdfExtractError ? error.code : 'PDF_CORRUPT',
        message: error instanceof Error ? error.message : String(error),
      }),
    );
});
