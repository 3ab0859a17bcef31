import type { z } from 'zod';

/**
 * One operation of the core's API: its input and output schemas and what it does. Every feature's
 * contract (`contracts/<feature>.ts`) declares its operations with this, so they all have the same
 * shape and `contract.ts` only assembles them.
 */
export function operation<I extends z.ZodType, O extends z.ZodType>(spec: { input: I; output: O; summary: string }) {
  return spec;
}
