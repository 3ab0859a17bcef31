import path from 'node:path';
import { serveCore } from './serve';

/**
 * Entry of the Electron utility process. `process.parentPort` is an Electron global here, reached
 * without importing `electron`, which the core never does.
 */
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
if (!parentPort) throw new Error('utilityEntry must run in an Electron utility process');
const dataDir = process.env.CHAMBER_DATA_DIR;
if (!dataDir) throw new Error('CHAMBER_DATA_DIR must be set for the core process');
serveCore(
  { post: (message) => parentPort.postMessage(message), onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)) },
  dataDir,
  // Bundled to dist/core/utility.cjs.
  path.resolve(__dirname, '..'),
  () => process.exit(0),
);
