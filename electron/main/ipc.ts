import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { ipcChannel, operationNames } from '../../shared/api/contract';
import { err } from '../../shared/result';
import type { CoreClient } from '../core/process/client';
import { isTrustedSender, type TrustedRenderer } from './senderPolicy';

/**
 * Binds every contract operation to one IPC channel and forwards it to the core unchanged; the core's
 * dispatcher validates the payload. Messages from any frame but our own top-level page are refused.
 */
export function bindContractToIpc(core: CoreClient, trusted: () => TrustedRenderer | null): () => void {
  for (const name of operationNames) {
    ipcMain.handle(ipcChannel(name), async (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      const sender = frame
        ? { url: frame.url, isMainFrame: frame.parent === null, webContentsId: event.sender.id }
        : null;
      if (!isTrustedSender(sender, trusted())) return err('FORBIDDEN_SENDER', 'This window may not call Chamber');
      return core.call(name, input);
    });
  }
  return () => {
    for (const name of operationNames) ipcMain.removeHandler(ipcChannel(name));
  };
}
