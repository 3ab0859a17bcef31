import { err } from '../../../shared/result';
import { openCore, type Core } from '../core';
import { CoreError } from '../errors';
import { ToCore, type CoreUnlock, type FromCore, type Port } from './protocol';

/**
 * Runs the core behind a message port. Calls are handled one at a time in arrival order: SQLite has
 * one writer anyway, and ordered handling keeps "acknowledged" meaning "committed".
 */
export function serveCore(port: Port, dataDir: string, distDir: string, onClosed: () => void): void {
  const send = (message: FromCore) => port.post(message);
  let core: Core | undefined;

  const open = (unlock: CoreUnlock) => {
    try {
      core = openCore({
        dataDir,
        distDir,
        key: unlock.key ? Buffer.from(unlock.key, 'hex') : undefined,
        passphrase: unlock.passphrase,
        log: (message, detail) => console.error(`[core] ${message}`, detail ?? ''),
        // Sync runs beside the call queue, never in it: the screen stays responsive while it works.
        syncIntervalMs: 60_000,
        applyRetentionOnOpen: true,
      });
      send({ type: 'ready' });
    } catch (error) {
      const failure =
        error instanceof CoreError ? err(error.code, error.message) : err('INTERNAL', `Chamber could not open its data: ${String(error)}`);
      send({ type: 'fatal', error: failure.error });
    }
  };

  let queue: Promise<void> = Promise.resolve();
  port.onMessage((raw) => {
    const message = ToCore.safeParse(raw);
    if (!message.success) return;
    if (message.data.type === 'unlock') {
      if (!core) open(message.data.unlock);
      return;
    }
    if (!core) return;
    const opened = core;
    if (message.data.type === 'shutdown') {
      queue = queue.then(() => {
        opened.close();
        send({ type: 'closed' });
        onClosed();
      });
      return;
    }
    const { id, name, input } = message.data;
    queue = queue.then(async () => {
      const result = await opened.dispatch(name, input);
      send({ type: 'result', id, result });
    });
  });
  send({ type: 'locked' });
}
