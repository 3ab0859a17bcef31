import type { auditOperations } from '../../../shared/api/contracts/audit';
import { verifyAuditChain } from './verify';
import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';

export type AuditHandlers = Pick<Handlers, keyof typeof auditOperations>;

/** The handlers for the audit chain (shared/api/contracts/audit.ts). */
export function auditHandlers(db: Db): AuditHandlers {
  return { verifyAudit: () => verifyAuditChain(db) };
}
