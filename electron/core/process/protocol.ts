import { z } from 'zod';
import { ApiError } from '../../../shared/result';

/** Messages between a host (Electron main or the browser host) and the core running off its thread. */
/**
 * How the host unlocks the core's encrypted data: the data key itself (Electron, from safeStorage)
 * or a passphrase (command line, browser host). Sent only when the core asks, never on argv or env
 * of the core process, where other programs of the same user could read it.
 */
export const CoreUnlock = z
  .object({ key: z.string().regex(/^[0-9a-f]{64}$/).optional(), passphrase: z.string().min(1).optional() })
  .strict();
export type CoreUnlock = z.infer<typeof CoreUnlock>;

export const ToCore = z.discriminatedUnion('type', [
  z.object({ type: z.literal('unlock'), unlock: CoreUnlock }),
  z.object({ type: z.literal('call'), id: z.number().int(), name: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('shutdown') }),
]);
export type ToCore = z.infer<typeof ToCore>;

export const FromCore = z.discriminatedUnion('type', [
  /** The core has started and waits for its key. */
  z.object({ type: z.literal('locked') }),
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('fatal'), error: ApiError }),
  z.object({ type: z.literal('result'), id: z.number().int(), result: z.unknown() }),
  z.object({ type: z.literal('closed') }),
]);
export type FromCore = z.infer<typeof FromCore>;

/** The two ends differ (worker_threads port, Electron utility process port); this is all we need. */
export interface Port {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}
