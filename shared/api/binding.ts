import type { Result } from '../result';
import { operationNames, type InputOf, type OperationName, type OutputOf } from './contract';

/** `window.chamber`: one async function per contract operation, each answering a typed result. */
export type ChamberApi = {
  [N in OperationName]: (input: InputOf<N>) => Promise<Result<OutputOf<N>>>;
};

export type Send = (name: OperationName, input: unknown) => Promise<unknown>;

/**
 * Builds the API object from a transport. The preload (IPC) and the browser host client (HTTP) both
 * call this, so neither can expose more or fewer operations than the contract declares. The values
 * it returns are untrusted until the renderer client checks them.
 */
export function bindContract(send: Send): Record<OperationName, (input: unknown) => Promise<unknown>> {
  const api = {} as Record<OperationName, (input: unknown) => Promise<unknown>>;
  for (const name of operationNames) {
    api[name] = (input: unknown) => send(name, input);
  }
  return Object.freeze(api);
}
