import { parentPort, workerData } from 'node:worker_threads';
import { storedLines } from '../annotations/geometry';
import { openPdfReader, PdfExtractError, type ExtractedPage, type PdfReader } from './extract';
import type { ToExtractWorker } from './runExtraction';

// Text extraction runs in its own threads so the core keeps answering (progress polls, reads) and a
// cancel can simply terminate them. Each worker of the pool opens the PDF itself and reads the page
// ranges it is handed, one after another, posting every page as soon as it is read.
if (!parentPort) throw new Error('extractWorker must run in a worker thread');
const port = parentPort;
const { bytes, maxPages, password } = workerData as { bytes: Uint8Array; maxPages: number; password?: string };

const fail = (error: unknown) =>
  port.postMessage({
    type: 'error',
    code: error instanceof PdfExtractError ? error.code : 'PDF_CORRUPT',
    message: error instanceof Error ? error.message : String(error),
  });

const ranges: { from: number; to: number }[] = [];
let reader: PdfReader | null = null;
let reading = false;

/** One range at a time: pdf.js's font cache is learnt page by page (FontNames), so pages are read in turn. */
async function drain(open: PdfReader): Promise<void> {
  if (reading) return;
  reading = true;
  try {
    for (let range = ranges.shift(); range; range = ranges.shift()) {
      for (let pageNumber = range.from; pageNumber <= range.to; pageNumber += 1) {
        const page: ExtractedPage | null = await open.readPage(pageNumber);
        if (page && page.width > 0 && page.height > 0) page.storedLines = storedLines(page);
        port.postMessage({ type: 'page', pageNumber, page });
      }
    }
  } finally {
    reading = false;
  }
}

port.on('message', (message: ToExtractWorker) => {
  ranges.push(message);
  if (reader) drain(reader).catch(fail);
});

openPdfReader(bytes, { maxPages, password }).then((open) => {
  reader = open;
  port.postMessage({ type: 'opened', pageCount: open.pageCount, language: open.language });
  return drain(open);
}, fail).catch(fail);
