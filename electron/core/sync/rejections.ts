import type { Db } from '../db/database';
import type { WireMutation } from '../../../shared/sync/wire';

/**
 * What this device does with a local change the endpoint refused, per synced entity:
 *
 * - keep: a member's own notes and questions are words only they wrote; undoing them would lose
 *   that work. The change stays here (the endpoint never had it) and is flagged with the reason.
 * - roll-back: everything else is part of a shared or legal record (declarations and the register
 *   of interests, attendance, roles, outcomes, actions, the live agenda, the panel's comments,
 *   the minutes): a device must not go on showing what the committee's record does not hold, such
 *   as an outcome "recorded by the chair" that the chair never made or a declaration confirmed by
 *   its own author. The last synced copy comes back (a never-synced record is removed); the refused
 *   version is kept in the flag so nothing typed is lost.
 *
 * Entities not listed never travel (meetings and packs a device imported itself): the endpoint's
 * UNKNOWN_ENTITY for them is expected and flags nothing.
 */
export const rejectionHandling: Readonly<Record<string, 'keep' | 'roll-back'>> = {
  annotation: 'keep',
  question: 'keep',
  declaration: 'roll-back',
  registered_interest: 'roll-back',
  attendance: 'roll-back',
  meeting_role: 'roll-back',
  outcome: 'roll-back',
  action: 'roll-back',
  agenda_progress: 'roll-back',
  meeting_live: 'roll-back',
  panel_comment: 'roll-back',
  minute: 'roll-back',
  minute_narrative: 'roll-back',
  minute_correction: 'roll-back',
};

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
    const policy = rejectionHandling[mutation.entity];
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
