import { randomUUID } from 'node:crypto';
import { validateDeclaration } from '../../../shared/declarations/rules';
import type { Declaration, DeclarationDraft, InterestSuggestion, RegisteredInterest } from '../../../shared/declarations/schema';
import { RegisteredInterest as RegisteredInterestSchema } from '../../../shared/declarations/schema';
import { suggestInterests, type AgendaItemText } from '../../../shared/declarations/suggestions';
import {
  presidingRoles,
  type DeclarationHistoryEntry,
  type MeetingRole,
  type MeetingRoleName,
  type Member,
  type StoredDeclaration,
  type StoredRegisteredInterest,
} from '../../../shared/domain/interests';
import { issuesFromZod } from '../../../shared/result';
import { z } from 'zod';
import type { Db } from '../db/database';
import { CoreError } from '../errors';
import type { DomainTransaction, DomainWriter } from './domainWriter';

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

interface InterestRow {
  id: string;
  member_id: string;
  category: RegisteredInterest['category'];
  description: string;
  organisation: string | null;
  place: string | null;
  keywords: string;
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

const toInterest = (row: InterestRow): StoredRegisteredInterest => {
  const keywords = JSON.parse(row.keywords) as string[];
  return {
    id: row.id,
    memberId: row.member_id,
    category: row.category,
    description: row.description,
    ...(row.organisation === null ? {} : { organisation: row.organisation }),
    ...(row.place === null ? {} : { place: row.place }),
    ...(keywords.length > 0 ? { keywords } : {}),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
};

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

/**
 * Members, meeting roles, declarations of interest (with their append-only history) and the register
 * of interests. Every domain write goes through the DomainWriter, so it reaches the outbox in the
 * same transaction. Permissions: a member acts for themselves; the meeting's chair, vice-chair or
 * clerk may act for anyone at that meeting.
 */
export class DeclarationsRepository {
  constructor(
    private readonly db: Db,
    private readonly writer: DomainWriter,
  ) {}

  /* ----------------------------------------------------------------------------------------- */
  /* Members and roles                                                                          */
  /* ----------------------------------------------------------------------------------------- */

  listMembers(): Member[] {
    return this.db.prepare<[], Member>('SELECT id, name FROM members ORDER BY lower(name)').all();
  }

  /** Adds a member or renames one; names are unique regardless of case. */
  saveMember(member: Member): Member {
    return this.writer.write((tx) => {
      const clash = this.db.prepare<[string, string], { id: string }>('SELECT id FROM members WHERE lower(name) = lower(?) AND id <> ?').get(member.name, member.id);
      if (clash) throw new CoreError('INVALID_INPUT', `Another member is already called ${member.name}`, [{ path: ['name'], code: 'name_taken', message: 'That name is already used' }]);
      const existing = this.db.prepare<[string], { id: string }>('SELECT id FROM members WHERE id = ?').get(member.id);
      if (existing) this.db.prepare('UPDATE members SET name = ? WHERE id = ?').run(member.name, member.id);
      else this.db.prepare('INSERT INTO members (id, name, created_at) VALUES (?, ?, ?)').run(member.id, member.name, tx.now);
      tx.recordEntity('member', member, existing ? 'update' : 'create');
      return member;
    });
  }

  listMeetingRoles(meetingId: string): MeetingRole[] {
    this.requireMeeting(meetingId);
    return this.db
      .prepare<[string], { meeting_id: string; member_id: string; name: string; role: MeetingRoleName }>(
        'SELECT r.meeting_id, r.member_id, m.name, r.role FROM meeting_roles r JOIN members m ON m.id = r.member_id WHERE r.meeting_id = ? ORDER BY lower(m.name)',
      )
      .all(meetingId)
      .map((r) => ({ meetingId: r.meeting_id, memberId: r.member_id, memberName: r.name, role: r.role }));
  }

  /**
   * Gives a member a role at a meeting (or changes it). Once the meeting has a chair, vice-chair or
   * clerk only they may change roles; before that anyone may set the meeting up.
   */
  setMeetingRole(actingMemberId: string, meetingId: string, memberId: string, role: MeetingRoleName): MeetingRole {
    this.requireMeeting(meetingId);
    this.requireMember(actingMemberId);
    this.requireMember(memberId);
    const presiding = this.db
      .prepare<[string], { n: number }>(`SELECT count(*) AS n FROM meeting_roles WHERE meeting_id = ? AND role IN ('chair', 'vice-chair', 'clerk')`)
      .get(meetingId);
    if ((presiding?.n ?? 0) > 0 && !this.presides(actingMemberId, meetingId)) {
      throw new CoreError('FORBIDDEN', 'Only the chair, vice-chair or clerk may change roles at this meeting');
    }
    return this.writer.write((tx) => {
      const before = this.roleOf(memberId, meetingId);
      this.db
        .prepare('INSERT INTO meeting_roles (meeting_id, member_id, role) VALUES (?, ?, ?) ON CONFLICT (meeting_id, member_id) DO UPDATE SET role = excluded.role')
        .run(meetingId, memberId, role);
      tx.recordEntity('meeting_role', { meetingId, memberId, role }, before ? 'update' : 'create');
      const found = this.listMeetingRoles(meetingId).find((r) => r.memberId === memberId);
      if (!found) throw new Error('role not stored');
      return found;
    });
  }

  /* ----------------------------------------------------------------------------------------- */
  /* Declarations                                                                               */
  /* ----------------------------------------------------------------------------------------- */

  list(meetingId: string): StoredDeclaration[] {
    this.requireMeeting(meetingId);
    return this.db
      .prepare<[string], DeclarationRow>(
        `SELECT d.* FROM declarations d
         LEFT JOIN agenda_items a ON a.meeting_id = d.meeting_id AND a.number = d.item_number
              AND a.pack_id = (SELECT id FROM packs WHERE meeting_id = d.meeting_id ORDER BY version DESC LIMIT 1)
         WHERE d.meeting_id = ? ORDER BY coalesce(a.position, 1e9), d.created_at, d.id`,
      )
      .all(meetingId)
      .map(toDeclaration);
  }

  get(id: string): StoredDeclaration {
    const row = this.db.prepare<[string], DeclarationRow>('SELECT * FROM declarations WHERE id = ?').get(id);
    if (!row) throw new CoreError('NOT_FOUND', `No declaration with id ${id}`);
    return toDeclaration(row);
  }

  history(id: string): DeclarationHistoryEntry[] {
    this.get(id);
    return this.db
      .prepare<[string], { id: number; declaration_id: string; actor_member_id: string; at: string; change: string }>(
        'SELECT * FROM declaration_history WHERE declaration_id = ? ORDER BY id',
      )
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
    this.requireMeeting(draft.meetingId);
    this.requireMember(actingMemberId);
    const before = declarationId === undefined ? null : this.get(declarationId);
    if (before && (before.meetingId !== draft.meetingId || before.memberId !== draft.memberId)) {
      throw new CoreError('INVALID_INPUT', 'A declaration cannot move to another meeting or member; withdraw it and record a new one');
    }
    if (before?.withdrawnAt) throw new CoreError('INVALID_INPUT', 'That declaration was withdrawn; record a new one');
    const presides = this.presides(actingMemberId, draft.meetingId);
    if (!presides && draft.memberId !== actingMemberId) {
      throw new CoreError('FORBIDDEN', "Only the chair, vice-chair or clerk may record another member's declaration");
    }
    if (!presides && draft.confirmedByChair) {
      throw new CoreError('FORBIDDEN', 'Only the chair, vice-chair or clerk may confirm a declaration');
    }
    this.requireMember(draft.memberId);
    const validation = validateDeclaration(draft, { agendaItemNumbers: this.agendaNumbers(draft.meetingId) });
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
    this.requireMember(actingMemberId);
    const before = this.get(declarationId);
    if (!this.presides(actingMemberId, before.meetingId)) {
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
    this.requireMember(actingMemberId);
    const before = this.get(declarationId);
    if (before.memberId !== actingMemberId && !this.presides(actingMemberId, before.meetingId)) {
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

  /* ----------------------------------------------------------------------------------------- */
  /* Register of interests                                                                      */
  /* ----------------------------------------------------------------------------------------- */

  listInterests(memberId: string): StoredRegisteredInterest[] {
    this.requireMember(memberId);
    return this.db
      .prepare<[string], InterestRow>('SELECT * FROM registered_interests WHERE member_id = ? ORDER BY created_at, id')
      .all(memberId)
      .map(toInterest);
  }

  /** Adds an entry to a member's register, or changes one (`id`). Members keep their own register. */
  saveInterest(actingMemberId: string, interest: RegisteredInterest, id?: string): StoredRegisteredInterest {
    this.requireMember(actingMemberId);
    this.requireRegisterAccess(actingMemberId, [interest.memberId]);
    this.requireMember(interest.memberId);
    return this.writer.write((tx) => this.putInterest(tx, interest, id));
  }

  deleteInterest(actingMemberId: string, id: string): void {
    this.requireMember(actingMemberId);
    const row = this.db.prepare<[string], InterestRow>('SELECT * FROM registered_interests WHERE id = ?').get(id);
    if (!row) throw new CoreError('NOT_FOUND', `No registered interest with id ${id}`);
    this.requireRegisterAccess(actingMemberId, [row.member_id]);
    this.writer.write((tx) => {
      this.db.prepare('DELETE FROM registered_interests WHERE id = ?').run(id);
      tx.recordEntity('registered_interest', { id }, 'delete', { baseVersion: row.version });
    });
  }

  /**
   * Imports register entries from JSON (an array of RegisteredInterest), all or nothing. An entry
   * with the same member, category and description as a stored one updates it, so importing the
   * same file twice adds no duplicates.
   */
  importInterests(actingMemberId: string, json: string): { created: number; updated: number } {
    this.requireMember(actingMemberId);
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch (error) {
      throw new CoreError('INVALID_INPUT', `The register is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, [
        { path: [], code: 'invalid_json', message: 'Not valid JSON' },
      ]);
    }
    const parsed = z.array(RegisteredInterestSchema).max(10_000).safeParse(data);
    if (!parsed.success) throw new CoreError('INVALID_INPUT', 'The register does not have the expected entries', issuesFromZod(parsed.error));
    const memberIds = [...new Set(parsed.data.map((i) => i.memberId))];
    this.requireRegisterAccess(actingMemberId, memberIds);
    for (const memberId of memberIds) this.requireMember(memberId);
    const find = this.db.prepare<[string, string, string], { id: string }>(
      'SELECT id FROM registered_interests WHERE member_id = ? AND category = ? AND lower(description) = lower(?) LIMIT 1',
    );
    return this.writer.write((tx) => {
      let created = 0;
      let updated = 0;
      for (const interest of parsed.data) {
        const existing = find.get(interest.memberId, interest.category, interest.description);
        this.putInterest(tx, interest, existing?.id);
        if (existing) updated += 1;
        else created += 1;
      }
      return { created, updated };
    });
  }

  /* ----------------------------------------------------------------------------------------- */
  /* Suggestions                                                                                */
  /* ----------------------------------------------------------------------------------------- */

  /**
   * Registered interests that may relate to items of the meeting's latest pack (title and the text
   * of the item's pages). Only prompts: nothing is declared. For one member, or everyone with a
   * register when `memberId` is left out.
   */
  suggest(meetingId: string, memberId?: string): InterestSuggestion[] {
    this.requireMeeting(meetingId);
    const rows =
      memberId === undefined
        ? this.db.prepare<[], InterestRow>('SELECT * FROM registered_interests ORDER BY member_id, created_at, id').all()
        : this.db.prepare<[string], InterestRow>('SELECT * FROM registered_interests WHERE member_id = ? ORDER BY created_at, id').all(memberId);
    const register: RegisteredInterest[] = rows.map((r) => {
      const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...interest } = toInterest(r);
      return interest;
    });
    if (register.length === 0) return [];
    return suggestInterests(register, this.agendaTexts(meetingId));
  }

  /* ----------------------------------------------------------------------------------------- */

  private latestPackId(meetingId: string): string | null {
    return this.db.prepare<[string], { id: string }>('SELECT id FROM packs WHERE meeting_id = ? ORDER BY version DESC LIMIT 1').get(meetingId)?.id ?? null;
  }

  private agendaNumbers(meetingId: string): string[] {
    const packId = this.latestPackId(meetingId);
    if (packId === null) return [];
    return this.db.prepare<[string], { number: string }>('SELECT number FROM agenda_items WHERE pack_id = ? ORDER BY position').all(packId).map((r) => r.number);
  }

  private agendaTexts(meetingId: string): AgendaItemText[] {
    const packId = this.latestPackId(meetingId);
    if (packId === null) return [];
    const pages = this.db.prepare<[string, number, number], { text: string }>(
      'SELECT text FROM pack_pages WHERE pack_id = ? AND page_index BETWEEN ? AND ? ORDER BY page_index',
    );
    return this.db
      .prepare<[string], { number: string; title: string; pdf_from: number | null; pdf_to: number | null }>(
        'SELECT number, title, pdf_from, pdf_to FROM agenda_items WHERE pack_id = ? ORDER BY position',
      )
      .all(packId)
      .map((item) => ({
        number: item.number,
        title: item.title,
        text:
          item.pdf_from === null || item.pdf_to === null
            ? ''
            : pages
                .all(packId, item.pdf_from - 1, item.pdf_to - 1)
                .map((p) => p.text)
                .join('\n'),
      }));
  }

  private store(d: StoredDeclaration, insert: boolean): void {
    const columns = declarationColumns(d);
    if (insert) {
      const names = Object.keys(columns);
      this.db.prepare(`INSERT INTO declarations (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(columns);
    } else {
      const names = Object.keys(columns).filter((n) => n !== 'id' && n !== 'created_at');
      this.db.prepare(`UPDATE declarations SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`).run(columns);
    }
  }

  private logChange(tx: DomainTransaction, actor: string, op: DeclarationHistoryEntry['change']['op'], before: StoredDeclaration | null, after: StoredDeclaration): void {
    this.db
      .prepare('INSERT INTO declaration_history (declaration_id, actor_member_id, at, change) VALUES (?, ?, ?, ?)')
      .run(after.id, actor, tx.now, JSON.stringify({ op, before, after }));
    tx.recordEntity('declaration', after, before === null ? 'create' : 'update', { baseVersion: before?.version ?? 0 });
  }

  private putInterest(tx: DomainTransaction, interest: RegisteredInterest, id?: string): StoredRegisteredInterest {
    const existing = id === undefined ? undefined : this.db.prepare<[string], InterestRow>('SELECT * FROM registered_interests WHERE id = ?').get(id);
    if (id !== undefined && !existing) throw new CoreError('NOT_FOUND', `No registered interest with id ${id}`);
    if (existing && existing.member_id !== interest.memberId) throw new CoreError('INVALID_INPUT', 'A registered interest cannot move to another member');
    const stored: StoredRegisteredInterest = {
      ...interest,
      id: existing?.id ?? randomUUID(),
      version: existing?.version ?? 0,
      createdAt: existing?.created_at ?? tx.now,
      updatedAt: tx.now,
    };
    const columns = {
      id: stored.id,
      member_id: stored.memberId,
      category: stored.category,
      description: stored.description,
      organisation: stored.organisation ?? null,
      place: stored.place ?? null,
      keywords: JSON.stringify(stored.keywords ?? []),
      version: stored.version,
      created_at: stored.createdAt,
      updated_at: stored.updatedAt,
    };
    if (existing) {
      this.db
        .prepare('UPDATE registered_interests SET category = @category, description = @description, organisation = @organisation, place = @place, keywords = @keywords, updated_at = @updated_at WHERE id = @id')
        .run(columns);
    } else {
      this.db
        .prepare(
          `INSERT INTO registered_interests (id, member_id, category, description, organisation, place, keywords, version, created_at, updated_at)
           VALUES (@id, @member_id, @category, @description, @organisation, @place, @keywords, @version, @created_at, @updated_at)`,
        )
        .run(columns);
    }
    tx.recordEntity('registered_interest', stored, existing ? 'update' : 'create', { baseVersion: stored.version });
    return toInterest(this.db.prepare<[string], InterestRow>('SELECT * FROM registered_interests WHERE id = ?').get(stored.id) as InterestRow);
  }

  /** Members keep their own register; a clerk (at any meeting) may keep anyone's. */
  private requireRegisterAccess(actingMemberId: string, memberIds: readonly string[]): void {
    if (memberIds.every((id) => id === actingMemberId)) return;
    const clerk = this.db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM meeting_roles WHERE member_id = ? AND role = 'clerk'").get(actingMemberId);
    if ((clerk?.n ?? 0) === 0) throw new CoreError('FORBIDDEN', "Only a clerk may change another member's register of interests");
  }

  private roleOf(memberId: string, meetingId: string): MeetingRoleName | null {
    return this.db.prepare<[string, string], { role: MeetingRoleName }>('SELECT role FROM meeting_roles WHERE member_id = ? AND meeting_id = ?').get(memberId, meetingId)?.role ?? null;
  }

  private presides(memberId: string, meetingId: string): boolean {
    const role = this.roleOf(memberId, meetingId);
    return role !== null && presidingRoles.includes(role);
  }

  private requireMeeting(meetingId: string): void {
    if (!this.db.prepare<[string], { id: string }>('SELECT id FROM meetings WHERE id = ?').get(meetingId)) {
      throw new CoreError('NOT_FOUND', `No meeting with id ${meetingId}`);
    }
  }

  private requireMember(memberId: string): void {
    if (!this.db.prepare<[string], { id: string }>('SELECT id FROM members WHERE id = ?').get(memberId)) {
      throw new CoreError('NOT_FOUND', `No member with id ${memberId}`);
    }
  }
}
