import { Worker } from 'node:worker_threads';
import type { CoreChannel } from './client';

export function startCoreWorker(entryFile: string, dataDir: string): CoreChannel {
  const worker = new Worker(entryFile, { workerData: { dataDir } });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) => worker.on('exit', listener),
    kill: () => void worker.terminate(),
  };
}
