import { z } from 'zod';
import { ApiError } from '../../../shared/result';

/** Messages between a host (Electron main or the browser host) and the core running off its thread. */
export const ToCore = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.number().int(), name: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('shutdown') }),
]);
export type ToCore = z.infer<typeof ToCore>;

export const FromCore = z.discriminatedUnion('type', [
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
