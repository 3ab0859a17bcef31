import type { Db } from '../db/database';
import { entityDefinition, pushable } from '../../../shared/sync/register';
import type { WireMutation } from '../../../shared/sync/wire';

/**
 * What this device does with a local change the endpoint refused: the register's `device.refused`
 * for the entity. Entities devices never push (the endpoint's own, such as meetings a device
 * imported itself) and things the register does not sync (packs) flag nothing: the endpoint's
 * refusal of them is expected.
 */
function handlingOf(entity: string): 'keep' | 'roll-back' | null {
  const definition = entityDefinition(entity);
  return definition && pushable(definition) ? (definition.device?.refused ?? null) : null;
}

export interface RejectedChange {
  mutationId: string;
  entity: string;
  entityId: string;
  operation: 'create' | 'update' | 'delete';
  memberId: string | null;
  reason: string;
  message: string;
  handling: 'rolled-back' | 'kept';
  /** The version the endpoint refused (null for a delete). */
  refused: unknown;
  rejectedAt: string;
}

interface Row {
  mutation_id: string;
  entity: string;
  entity_id: string;
  operation: RejectedChange['operation'];
  member_id: string | null;
  reason: string;
  message: string;
  handling: RejectedChange['handling'];
  refused: string | null;
  rejected_at: string;
}

/** Refused local changes (migration 0016), shown to the member until they dismiss them. */
export class Rejections {
  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  /**
   * Flags a refused change; `rollBack` restores the last synced copy and answers false when the
   * local tables would not take it (then the change is kept and says so).
   */
  flag(mutation: WireMutation, rejection: { reason: string; message: string }, memberId: string | null, rollBack: () => boolean): boolean {
    const policy = handlingOf(mutation.entity);
    if (!policy) return false;
    let handling: RejectedChange['handling'] = 'kept';
    if (policy === 'roll-back') {
      try {
        // Its own savepoint: a rollback the local schema refuses (locked minutes) undoes nothing else.
        if (this.db.transaction(rollBack)()) handling = 'rolled-back';
      } catch {
        handling = 'kept';
      }
    }
    this.db
      .prepare(
        `INSERT INTO sync_rejections (mutation_id, entity, entity_id, operation, member_id, reason, message, handling, refused, rejected_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mutation_id) DO NOTHING`,
      )
      .run(
        mutation.mutationId,
        mutation.entity,
        mutation.entityId,
        mutation.operation,
        memberId,
        rejection.reason,
        rejection.message,
        handling,
        mutation.operation === 'delete' ? null : JSON.stringify(mutation.payload ?? null),
        this.now(),
      );
    return true;
  }

  /** Open refusals in the order they were answered (a batch's share one timestamp, so rowid breaks the tie, not the random mutation id). */
  open(): RejectedChange[] {
    return this.db
      .prepare<[], Row>('SELECT * FROM sync_rejections WHERE dismissed_at IS NULL ORDER BY rejected_at, rowid')
      .all()
      .map((r) => ({
        mutationId: r.mutation_id,
        entity: r.entity,
        entityId: r.entity_id,
        operation: r.operation,
        memberId: r.member_id,
        reason: r.reason,
        message: r.message,
        handling: r.handling,
        refused: r.refused === null ? null : (JSON.parse(r.refused) as unknown),
        rejectedAt: r.rejected_at,
      }));
  }

  openCount(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sync_rejections WHERE dismissed_at IS NULL').get()?.n ?? 0;
  }

  /** The member has read it; it stays in the table as history. */
  dismiss(mutationId: string): boolean {
    return this.db.prepare('UPDATE sync_rejections SET dismissed_at = ? WHERE mutation_id = ? AND dismissed_at IS NULL').run(this.now(), mutationId).changes === 1;
  }
}
