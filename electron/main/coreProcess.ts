import { utilityProcess } from 'electron';
import type { CoreChannel } from '../core/process/client';

/**
 * The core (SQLite, imports, sync) runs in a utility process so long work never blocks the main
 * process, and a crash there cannot take the window down.
 */
export function startCoreProcess(entryFile: string, dataDir: string): CoreChannel {
  const child = utilityProcess.fork(entryFile, [], {
    serviceName: 'Chamber core',
    env: { ...process.env, CHAMBER_DATA_DIR: dataDir },
    stdio: 'inherit',
  });
  return {
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  };
}
