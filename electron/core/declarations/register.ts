import { randomUUID } from 'node:crypto';
import type { InterestSuggestion, RegisteredInterest } from '../../../shared/declarations/schema';
import { RegisteredInterest as RegisteredInterestSchema } from '../../../shared/declarations/schema';
import { suggestInterests, type AgendaItemText } from '../../../shared/declarations/suggestions';
import type { StoredRegisteredInterest } from '../../../shared/domain/interests';
import { issuesFromZod } from '../../../shared/result';
import { z } from 'zod';
import type { Db } from '../db/database';
import { CoreError } from '../errors';
import type { MeetingAccess } from '../meetings/access';
import type { DomainTransaction, DomainWriter } from '../repositories/domainWriter';

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

/**
 * Each member's register of interests, and the prompts it gives against a meeting's agenda. Members
 * keep their own register; a clerk (at any meeting) may keep anyone's.
 */
export class InterestsRegister {
  private readonly selectForMember;
  private readonly selectAll;
  private readonly selectOne;
  private readonly selectSame;
  private readonly remove;
  private readonly update;
  private readonly insert;
  private readonly selectItems;
  private readonly selectPages;

  constructor(
    db: Db,
    private readonly writer: DomainWriter,
    private readonly access: MeetingAccess,
  ) {
    this.selectForMember = db.prepare<[string], InterestRow>('SELECT * FROM registered_interests WHERE member_id = ? ORDER BY created_at, id');
    this.selectAll = db.prepare<[], InterestRow>('SELECT * FROM registered_interests ORDER BY member_id, created_at, id');
    this.selectOne = db.prepare<[string], InterestRow>('SELECT * FROM registered_interests WHERE id = ?');
    this.selectSame = db.prepare<[string, string, string], { id: string }>(
      'SELECT id FROM registered_interests WHERE member_id = ? AND category = ? AND lower(description) = lower(?) LIMIT 1',
    );
    this.remove = db.prepare('DELETE FROM registered_interests WHERE id = ?');
    this.update = db.prepare(
      'UPDATE registered_interests SET category = @category, description = @description, organisation = @organisation, place = @place, keywords = @keywords, updated_at = @updated_at WHERE id = @id',
    );
    this.insert = db.prepare(
      `INSERT INTO registered_interests (id, member_id, category, description, organisation, place, keywords, version, created_at, updated_at)
       VALUES (@id, @member_id, @category, @description, @organisation, @place, @keywords, @version, @created_at, @updated_at)`,
    );
    this.selectItems = db.prepare<[string], { number: string; title: string; pdf_from: number | null; pdf_to: number | null }>(
      'SELECT number, title, pdf_from, pdf_to FROM agenda_items WHERE pack_id = ? ORDER BY position',
    );
    this.selectPages = db.prepare<[string, number, number], { text: string }>('SELECT text FROM pack_pages WHERE pack_id = ? AND page_index BETWEEN ? AND ? ORDER BY page_index');
  }

  listInterests(memberId: string): StoredRegisteredInterest[] {
    this.access.requireMember(memberId);
    return this.selectForMember
      .all(memberId)
      .map(toInterest);
  }

  /** Adds an entry to a member's register, or changes one (`id`). Members keep their own register. */
  saveInterest(actingMemberId: string, interest: RegisteredInterest, id?: string): StoredRegisteredInterest {
    this.access.requireMember(actingMemberId);
    this.requireRegisterAccess(actingMemberId, [interest.memberId]);
    this.access.requireMember(interest.memberId);
    return this.writer.write((tx) => this.putInterest(tx, interest, id));
  }

  deleteInterest(actingMemberId: string, id: string): void {
    this.access.requireMember(actingMemberId);
    const row = this.selectOne.get(id);
    if (!row) throw new CoreError('NOT_FOUND', `No registered interest with id ${id}`);
    this.requireRegisterAccess(actingMemberId, [row.member_id]);
    this.writer.write((tx) => {
      this.remove.run(id);
      tx.recordEntity('registered_interest', { id }, 'delete', { baseVersion: row.version });
    });
  }

  /**
   * Imports register entries from JSON (an array of RegisteredInterest), all or nothing. An entry
   * with the same member, category and description as a stored one updates it, so importing the
   * same file twice adds no duplicates.
   */
  importInterests(actingMemberId: string, json: string): { created: number; updated: number } {
    this.access.requireMember(actingMemberId);
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
    for (const memberId of memberIds) this.access.requireMember(memberId);
    return this.writer.write((tx) => {
      let created = 0;
      let updated = 0;
      for (const interest of parsed.data) {
        const existing = this.selectSame.get(interest.memberId, interest.category, interest.description);
        this.putInterest(tx, interest, existing?.id);
        if (existing) updated += 1;
        else created += 1;
      }
      return { created, updated };
    });
  }

  /**
   * Registered interests that may relate to items of the meeting's latest pack (title and the text
   * of the item's pages). Only prompts: nothing is declared. For one member, or everyone with a
   * register when `memberId` is left out.
   */
  suggest(meetingId: string, memberId?: string): InterestSuggestion[] {
    this.access.requireMeeting(meetingId);
    const rows =
      memberId === undefined
        ? this.selectAll.all()
        : this.selectForMember.all(memberId);
    const register: RegisteredInterest[] = rows.map((r) => {
      const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...interest } = toInterest(r);
      return interest;
    });
    if (register.length === 0) return [];
    return suggestInterests(register, this.agendaTexts(meetingId));
  }

  private agendaTexts(meetingId: string): AgendaItemText[] {
    const packId = this.access.latestPack(meetingId)?.id;
    if (packId === undefined) return [];
    return this.selectItems.all(packId).map((item) => ({
      number: item.number,
      title: item.title,
      text:
        item.pdf_from === null || item.pdf_to === null
          ? ''
          : this.selectPages
              .all(packId, item.pdf_from - 1, item.pdf_to - 1)
              .map((p) => p.text)
              .join('\n'),
    }));
  }

  private putInterest(tx: DomainTransaction, interest: RegisteredInterest, id?: string): StoredRegisteredInterest {
    const existing = id === undefined ? undefined : this.selectOne.get(id);
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
      this.update.run(columns);
    } else {
      this.insert.run(columns);
    }
    tx.recordEntity('registered_interest', stored, existing ? 'update' : 'create', { baseVersion: stored.version });
    return toInterest(this.selectOne.get(stored.id) as InterestRow);
  }

  /** Members keep their own register; a clerk (at any meeting) may keep anyone's. */
  private requireRegisterAccess(actingMemberId: string, memberIds: readonly string[]): void {
    if (memberIds.every((id) => id === actingMemberId)) return;
    if (!this.access.isClerkAnywhere(actingMemberId)) throw new CoreError('FORBIDDEN', "Only a clerk may change another member's register of interests");
  }
}
