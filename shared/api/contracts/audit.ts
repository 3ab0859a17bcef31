/**
 * The audit chain (issue 9.6): declarations, meeting and minutes history are append-only and
 * hash-chained; verifying walks the chain and names the first entry that was edited, deleted or
 * written behind the chain's back.
 */
import { z } from 'zod';
import { operation } from '../operation';

export const auditProblemKinds = ['edited', 'deleted', 'unchained', 'chain-broken', 'truncated'] as const;
export const AuditProblemKind = z.enum(auditProblemKinds);

export const AuditReport = z.object({
  ok: z.boolean(),
  /** Entries in the chain that were checked. */
  entries: z.number().int().nonnegative(),
  problem: z
    .object({
      kind: AuditProblemKind,
      /** Position in the chain; null for a history row that has no chain entry at all. */
      seq: z.number().int().positive().nullable(),
      source: z.enum(['declaration_history', 'meeting_history', 'minutes_history']),
      sourceId: z.number().int(),
    })
    .nullable(),
});
export type AuditReport = z.infer<typeof AuditReport>;

export const auditOperations = {
  verifyAudit: operation({
    summary: 'Check the hash chain over declaration, meeting and minutes history; reports the first broken entry',
    input: z.object({}).strict(),
    output: AuditReport,
  }),
};
