import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { documentResponse } from '../../electron/host/byteRange';

/**
 * The reader's baseline: pdfjs-dist from the project, alone on a page, rendering one page of a
 * pack to a canvas with range loading. The pack is served with Range and `no-store`, so every open
 * reads the file afresh as Chamber's reader does. Same hooks as the reader (`.pdf-page[data-page]`
 * with `data-state="ready"`, a "Go to page" field), so one measuring routine times both.
 */
export interface PdfjsAlone {
  url: string;
  close(): Promise<void>;
}

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pdf.js alone</title>
<style>body{margin:0}#pages{position:relative}canvas{display:block}</style></head><body>
<form id="go"><label for="n">Go to page</label><input id="n" type="number"></form><div id="pages"></div>
<script type="module">
import { getDocument, GlobalWorkerOptions } from '/pdf.mjs';
GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
const task = getDocument({ url: '/pack.pdf', disableStream: true, disableAutoFetch: true, rangeChunkSize: 128 * 1024, isEvalSupported: false, useWasm: false });
const pages = document.getElementById('pages');
async function show(n) {
  const doc = await task.promise;
  const p = await doc.getPage(n);
  const viewport = p.getViewport({ scale: (innerWidth - 340) / p.getViewport({ scale: 1 }).width });
  const holder = document.createElement('div');
  holder.className = 'pdf-page';
  holder.dataset.page = String(n);
  holder.dataset.state = 'rendering';
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width * devicePixelRatio);
  canvas.height = Math.floor(viewport.height * devicePixelRatio);
  holder.append(canvas);
  pages.replaceChildren(holder);
  await p.render({ canvas, viewport, transform: devicePixelRatio !== 1 ? [devicePixelRatio, 0, 0, devicePixelRatio, 0, 0] : undefined }).promise;
  holder.dataset.state = 'ready';
}
document.getElementById('go').addEventListener('submit', (e) => { e.preventDefault(); void show(Number(document.getElementById('n').value)); });
void show(Number(new URLSearchParams(location.search).get('page') ?? 1));
</script></body></html>`;

export async function servePdfjsAlone(root: string, pdf: string): Promise<PdfjsAlone> {
  const build = path.join(root, 'node_modules', 'pdfjs-dist', 'build');
  const statics: Record<string, string> = { '/pdf.mjs': path.join(build, 'pdf.min.mjs'), '/pdf.worker.mjs': path.join(build, 'pdf.worker.min.mjs') };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/pack.pdf') {
      // Read from disk on every request, as the app reads its store.
      const total = fs.statSync(pdf).size;
      const answer = documentResponse(request.headers.range, total);
      response.writeHead(answer.status, answer.headers);
      if (!answer.span || request.method === 'HEAD') return response.end();
      const fd = fs.openSync(pdf, 'r');
      const bytes = Buffer.alloc(answer.span.length);
      fs.readSync(fd, bytes, 0, bytes.length, answer.span.offset);
      fs.closeSync(fd);
      return response.end(bytes);
    }
    const file = statics[url.pathname];
    if (file) {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      return response.end(fs.readFileSync(file));
    }
    response.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
    return response.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('pdf.js baseline did not bind a port');
  return {
    url: `http://127.0.0.1:${address.port}/?page=1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
