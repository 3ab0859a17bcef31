import { parentPort, workerData } from 'node:worker_threads';
import { rasterPages, RasterRefused } from './rasterPage';

// Drawing pages runs in its own thread, as extraction does: the core keeps answering meanwhile.
const port = parentPort;
if (!port) throw new Error('rasterWorker must run in a worker thread');
const { bytes, pages } = workerData as { bytes: Uint8Array; pages: number[] };

rasterPages(bytes, pages).then(
  (rasters) => port.postMessage({ type: 'done', rasters }),
  (error: unknown) => port.postMessage({ type: 'error', refused: error instanceof RasterRefused, message: error instanceof Error ? error.message : String(error) }),
);
