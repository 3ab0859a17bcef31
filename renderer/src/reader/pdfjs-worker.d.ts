/** pdf.js's worker bundle: imported for its side effects (it sets globalThis.pdfjsWorker). */
declare module 'pdfjs-dist/build/pdf.worker.min.mjs';
