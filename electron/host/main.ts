import path from 'node:path';
import { resolveDataDir } from '../../node/dataDir';
import { obtainUnlock } from '../core/security/terminalUnlock';
import { startBrowserHost } from './server';

// Built to dist/host/server.cjs; the renderer and the core worker are its siblings in dist/.
const dist = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const portArg = process.env.CHAMBER_HOST_PORT;
  const dataDir = resolveDataDir();
  const unlock = await obtainUnlock(dataDir);
  const host = await startBrowserHost({
    dataDir,
    unlock: unlock.via === 'os-keyring' ? { key: unlock.key.toString('hex') } : { passphrase: unlock.passphrase },
    rendererDir: path.join(dist, 'renderer'),
    coreEntry: path.join(dist, 'core', 'worker.cjs'),
    port: portArg ? Number(portArg) : 0,
  });
  console.log(`Chamber is running in your browser at ${host.url}`);
  console.log('Open that address (it carries this launch\'s access token). Press Ctrl+C to stop.');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
