import type { OperationName } from '../../shared/api/contract';

declare global {
  interface Window {
    /** Present only inside Electron, put there by the preload; untrusted until the client checks it. */
    chamber?: Record<OperationName, (input: unknown) => Promise<unknown>>;
  }
}
