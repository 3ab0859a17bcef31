import { randomUUID } from 'node:crypto';
import { validateDeclaration } from '../../../shared/declarations/rules';
import type { Declaration, DeclarationDraft } from '../../../shared/declarations/schema';
import type { DeclarationHistoryEntry, StoredDeclaration } from '../../../shared/domain/interests';
import type { Db } from '../db/database';
import { CoreError } from '../errors';
import type { MeetingAccess } from '../meetings/access';
import type { DomainTransaction, DomainWriter } from '../repositories/domainWriter';

interface DeclarationRow {
  id: string;
  meeting_id: string;
  member_id: string;
  item_number: string;
  kind: Declaration['kind'];
  nature: string | null;
  nature_withheld: number;
  action: Declaration['action'];
  dispensation_reference: string | null;
  declared_at: string;
  scope: string;
  pre_declared: number;
  confirmed_by_chair: number;
  withdrawn_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const toDeclaration = (row: DeclarationRow): StoredDeclaration => ({
  id: row.id,
  memberId: row.member_id,
  meetingId: row.meeting_id,
  itemNumber: row.item_number,
  kind: row.kind,
  nature: row.nature,
  natureWithheld: row.nature_withheld === 1,
  action: row.action,
  ...(row.dispensation_reference === null ? {} : { dispensationReference: row.dispensation_reference }),
  declaredAt: JSON.parse(row.declared_at) as Declaration['declaredAt'],
  scope: JSON.parse(row.scope) as Declaration['scope'],
  preDeclared: row.pre_declared === 1,
  confirmedByChair: row.confirmed_by_chair === 1,
  withdrawnAt: row.withdrawn_at,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const declarationColumns = (d: StoredDeclaration) => ({
  id: d.id,
  meeting_id: d.meetingId,
  member_id: d.memberId,
  item_number: d.itemNumber,
  kind: d.kind,
  nature: d.nature,
  nature_withheld: d.natureWithheld ? 1 : 0,
  action: d.action,
  dispensation_reference: d.dispensationReference ?? null,
  declared_at: JSON.stringify(d.declaredAt),
  scope: JSON.stringify(d.scope),
  pre_declared: d.preDeclared ? 1 : 0,
  confirmed_by_chair: d.confirmedByChair ? 1 : 0,
  withdrawn_at: d.withdrawnAt,
  version: d.version,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
});

// The statements name the same columns the row mapping writes, so the two cannot drift apart.
const columnNames = Object.keys(declarationColumns({} as StoredDeclaration));
type HistoryRow = { id: number; declaration_id: string; actor_member_id: string; at: string; change: string };

/**
 * Declarations of interest with their append-only history. A member acts for themselves; the
 * meeting's chair, vice-chair or clerk may act for anyone at that meeting (MeetingAccess decides).
 */
export class DeclarationsRepository {
  private readonly selectForMeeting;
  private readonly selectOne;
  private readonly selectHistory;
  private readonly insert;
  private readonly update;
  private readonly insertHistory;

  constructor(
    db: Db,
    private readonly writer: DomainWriter,
    private readonly access: MeetingAccess,
  ) {
    this.selectForMeeting = db.prepare<[string], DeclarationRow>(
      `SELECT d.* FROM declarations d
       LEFT JOIN agenda_items a ON a.meeting_id = d.meeting_id AND a.number = d.item_number
            AND a.pack_id = (SELECT id FROM packs WHERE meeting_id = d.meeting_id ORDER BY version DESC LIMIT 1)
       WHERE d.meeting_id = ? ORDER BY coalesce(a.position, 1e9), d.created_at, d.id`,
    );
    this.selectOne = db.prepare<[string], DeclarationRow>('SELECT * FROM declarations WHERE id = ?');
    this.selectHistory = db.prepare<[string], HistoryRow>('SELECT * FROM declaration_history WHERE declaration_id = ? ORDER BY id');
    this.insert = db.prepare(`INSERT INTO declarations (${columnNames.join(', ')}) VALUES (${columnNames.map((n) => `@${n}`).join(', ')})`);
    const updated = columnNames.filter((n) => n !== 'id' && n !== 'created_at');
    this.update = db.prepare(`UPDATE declarations SET ${updated.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`);
    this.insertHistory = db.prepare('INSERT INTO declaration_history (declaration_id, actor_member_id, at, change) VALUES (?, ?, ?, ?)');
  }

  list(meetingId: string): StoredDeclaration[] {
    this.access.requireMeeting(meetingId);
    return this.selectForMeeting.all(meetingId).map(toDeclaration);
  }

  get(id: string): StoredDeclaration {
    const row = this.selectOne.get(id);
    if (!row) throw new CoreError('NOT_FOUND', `No declaration with id ${id}`);
    return toDeclaration(row);
  }

  history(id: string): DeclarationHistoryEntry[] {
    this.get(id);
    return this.selectHistory
      .all(id)
      .map((r) => ({ id: r.id, declarationId: r.declaration_id, actorMemberId: r.actor_member_id, at: r.at, change: JSON.parse(r.change) as DeclarationHistoryEntry['change'] }));
  }

  /**
   * Records a new declaration, or replaces one (`declarationId`), after the council's rules
   * (validateDeclaration) against the agenda of the meeting's latest pack. A member may record only
   * their own and may not mark it confirmed by the chair, so a member's edit of a confirmed
   * declaration goes back to the chair (who has not seen the new wording).
   */
  record(actingMemberId: string, draft: DeclarationDraft, declarationId?: string): StoredDeclaration {
    this.access.requireMeeting(draft.meetingId);
    this.access.requireMember(actingMemberId);
    const before = declarationId === undefined ? null : this.get(declarationId);
    if (before && (before.meetingId !== draft.meetingId || before.memberId !== draft.memberId)) {
      throw new CoreError('INVALID_INPUT', 'A declaration cannot move to another meeting or member; withdraw it and record a new one');
    }
    if (before?.withdrawnAt) throw new CoreError('INVALID_INPUT', 'That declaration was withdrawn; record a new one');
    const presides = this.access.presides(actingMemberId, draft.meetingId);
    if (!presides && draft.memberId !== actingMemberId) {
      throw new CoreError('FORBIDDEN', "Only the chair, vice-chair or clerk may record another member's declaration");
    }
    if (!presides && draft.confirmedByChair) {
      throw new CoreError('FORBIDDEN', 'Only the chair, vice-chair or clerk may confirm a declaration');
    }
    this.access.requireMember(draft.memberId);
    const validation = validateDeclaration(draft, { agendaItemNumbers: this.access.agendaNumbers(draft.meetingId) });
    if (!validation.ok) throw new CoreError('DECLARATION_INVALID', 'The declaration does not meet the rules on disclosing interests', validation.issues);

    return this.writer.write((tx) => {
      const after: StoredDeclaration = {
        ...validation.value,
        id: before?.id ?? randomUUID(),
        withdrawnAt: null,
        version: before?.version ?? 0,
        createdAt: before?.createdAt ?? tx.now,
        updatedAt: tx.now,
      };
      this.store(after, before === null);
      this.logChange(tx, actingMemberId, before === null ? 'record' : 'update', before, after);
      return after;
    });
  }

  /** The chair, vice-chair or clerk confirms a (pre-)declaration at the declarations item. */
  confirm(actingMemberId: string, declarationId: string): StoredDeclaration {
    this.access.requireMember(actingMemberId);
    const before = this.get(declarationId);
    if (!this.access.presides(actingMemberId, before.meetingId)) {
      throw new CoreError('FORBIDDEN', 'Only the chair, vice-chair or clerk may confirm a declaration');
    }
    if (before.withdrawnAt) throw new CoreError('INVALID_INPUT', 'That declaration was withdrawn');
    if (before.confirmedByChair) return before;
    return this.writer.write((tx) => {
      const after: StoredDeclaration = { ...before, confirmedByChair: true, updatedAt: tx.now };
      this.store(after, false);
      this.logChange(tx, actingMemberId, 'confirm', before, after);
      return after;
    });
  }

  /** Takes a declaration back (made in error); it is kept, marked withdrawn, with its history. */
  withdraw(actingMemberId: string, declarationId: string): StoredDeclaration {
    this.access.requireMember(actingMemberId);
    const before = this.get(declarationId);
    if (before.memberId !== actingMemberId && !this.access.presides(actingMemberId, before.meetingId)) {
      throw new CoreError('FORBIDDEN', "Only the chair, vice-chair or clerk may withdraw another member's declaration");
    }
    if (before.withdrawnAt) return before;
    return this.writer.write((tx) => {
      const after: StoredDeclaration = { ...before, withdrawnAt: tx.now, updatedAt: tx.now };
      this.store(after, false);
      this.logChange(tx, actingMemberId, 'withdraw', before, after);
      return after;
    });
  }

  private store(d: StoredDeclaration, insert: boolean): void {
    (insert ? this.insert : this.update).run(declarationColumns(d));
  }

  private logChange(tx: DomainTransaction, actor: string, op: DeclarationHistoryEntry['change']['op'], before: StoredDeclaration | null, after: StoredDeclaration): void {
    this.insertHistory.run(after.id, actor, tx.now, JSON.stringify({ op, before, after }));
    tx.recordEntity('declaration', after, before === null ? 'create' : 'update', { baseVersion: before?.version ?? 0 });
  }
}
