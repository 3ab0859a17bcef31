import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { serveCore } from './serve';

// The browser host runs the core in a worker thread so a long import never stalls HTTP.
const port = parentPort;
if (!port) throw new Error('workerEntry must run inside a worker thread');
const { dataDir } = workerData as { dataDir: string };
serveCore(
  { post: (message) => port.postMessage(message), onMessage: (listener) => port.on('message', listener) },
  dataDir,
  // Bundled to dist/core/worker.cjs.
  path.resolve(__dirname, '..'),
  () => port.close(),
);
