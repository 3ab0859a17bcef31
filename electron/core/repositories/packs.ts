import { randomUUID } from 'node:crypto';
import type { MeetingPack, SearchHit } from '../../../shared/domain/import';
import type { ItemStatus, PackItem, PackMember, PackStructure, StructureWarning } from '../../../shared/domain/pack';
import type { Db } from '../db/database';
import type { DomainTransaction } from './domainWriter';
import { PackSearch } from './packSearch';

export { toFtsQuery } from './packSearch';

interface PackRow {
  id: string;
  meeting_id: string;
  version: number;
  document_sha256: string;
  source_name: string;
  warnings: string;
  imported_at: string;
  byte_size: number;
  page_count: number;
}

interface ItemRow {
  number: string;
  title: string;
  printed_from: number | null;
  printed_to: number | null;
  pdf_from: number | null;
  pdf_to: number | null;
  timing_from: string | null;
  timing_to: string | null;
  status: ItemStatus;
  restricted: number;
}

export interface NewPackVersion {
  meetingId: string;
  version: number;
  sha256: string;
  byteSize: number;
  sourceName: string;
  structure: PackStructure;
  pageTexts: string[];
}

export type ItemChange = MeetingPack['changes'][number];

const range = (from: number | null, to: number | null) => (from !== null && to !== null ? { from, to } : null);
const toItem = (row: ItemRow): PackItem => ({
  number: row.number,
  title: row.title,
  printedPages: range(row.printed_from, row.printed_to),
  pdfPages: range(row.pdf_from, row.pdf_to),
  timing: row.timing_from !== null && row.timing_to !== null ? { from: row.timing_from, to: row.timing_to } : null,
  status: row.status,
  ...(row.restricted === 1 ? { restricted: true } : {}),
});

/** Page text as compared between versions: the printed footer moves when pages shift, so drop it. */
const comparable = (text: string) => text.replace(/^\s*(Page|Tudalen)\s+\d+\s*$/gim, '').replace(/\s+/g, ' ').trim();

/** Agenda packs, their versions, pages (with the FTS index) and items. */
export class PacksRepository {
  private packSearch: PackSearch | undefined;

  constructor(private readonly db: Db) {}

  findMeetingByCommitteeAndDate(committee: string, date: string): string | null {
    const row = this.db
      .prepare<[string, string], { id: string }>('SELECT id FROM meetings WHERE lower(committee) = lower(?) AND date = ? ORDER BY created_at LIMIT 1')
      .get(committee, date);
    return row?.id ?? null;
  }

  /** The committee's most recent meeting, for the time and venue a front sheet left out. */
  latestMeetingOfCommittee(committee: string): { startTime: string; venue: string; date: string } | null {
    const row = this.db
      .prepare<[string], { start_time: string; venue: string; date: string }>(
        'SELECT start_time, venue, date FROM meetings WHERE lower(committee) = lower(?) ORDER BY date DESC, start_time DESC LIMIT 1',
      )
      .get(committee);
    return row ? { startTime: row.start_time, venue: row.venue, date: row.date } : null;
  }

  latest(meetingId: string): PackRow | null {
    return this.packRow('WHERE p.meeting_id = ? ORDER BY p.version DESC LIMIT 1', meetingId);
  }

  /** Retention deleted this version's papers: its row stays as the agenda of record, its pages are gone. */
  papersCleared(row: PackRow): boolean {
    if (row.page_count === 0) return false;
    return this.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM pack_pages WHERE pack_id = ?').get(row.id)?.n === 0;
  }

  /** Inside the caller's domain transaction: document row, pack, pages, items, members, outbox. */
  insertVersion(pack: NewPackVersion, tx: DomainTransaction): string {
    const id = randomUUID();
    const { structure } = pack;
    this.db
      .prepare('INSERT OR IGNORE INTO documents (sha256, byte_size, page_count, created_at) VALUES (?, ?, ?, ?)')
      .run(pack.sha256, pack.byteSize, pack.pageTexts.length, tx.now);
    this.db
      .prepare(
        `INSERT INTO packs (id, meeting_id, version, document_sha256, source_name, structure_source, warnings, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, pack.meetingId, pack.version, pack.sha256, pack.sourceName, structure.source, JSON.stringify(structure.warnings), tx.now);
    const insertPage = this.db.prepare('INSERT INTO pack_pages (pack_id, page_index, printed_page, text) VALUES (?, ?, ?, ?)');
    pack.pageTexts.forEach((text, index) => insertPage.run(id, index, structure.printedPageNumbers[index] ?? null, text));
    const insertItem = this.db.prepare(
      `INSERT INTO agenda_items (id, pack_id, meeting_id, position, number, title, printed_from, printed_to, pdf_from, pdf_to, timing_from, timing_to, status, restricted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    structure.items.forEach((item, position) =>
      insertItem.run(
        randomUUID(),
        id,
        pack.meetingId,
        position,
        item.number,
        item.title,
        item.printedPages?.from ?? null,
        item.printedPages?.to ?? null,
        item.pdfPages?.from ?? null,
        item.pdfPages?.to ?? null,
        item.timing?.from ?? null,
        item.timing?.to ?? null,
        item.status,
        item.restricted === true ? 1 : 0,
      ),
    );
    if (structure.meeting.members.length > 0) this.replaceMembers(pack.meetingId, structure.meeting.members);
    tx.recordUnsynced('pack', id, { id, meetingId: pack.meetingId, version: pack.version, documentSha256: pack.sha256, sourceName: pack.sourceName, items: structure.items, members: structure.meeting.members });
    return id;
  }

  get(meetingId: string, version?: number): MeetingPack | null {
    const row = version === undefined ? this.latest(meetingId) : this.packRow('WHERE p.meeting_id = ? AND p.version = ?', meetingId, version);
    if (!row) return null;
    const versions = this.db
      .prepare<[string], { id: string; version: number; imported_at: string; source_name: string; page_count: number }>(
        `SELECT p.id, p.version, p.imported_at, p.source_name, d.page_count FROM packs p JOIN documents d ON d.sha256 = p.document_sha256
         WHERE p.meeting_id = ? ORDER BY p.version`,
      )
      .all(meetingId);
    const previous = versions.filter((v) => v.version < row.version).at(-1);
    const printed = this.db
      .prepare<[string], { printed_page: number | null }>('SELECT printed_page FROM pack_pages WHERE pack_id = ? ORDER BY page_index')
      .all(row.id)
      .map((r) => r.printed_page);
    return {
      meetingId,
      packId: row.id,
      version: row.version,
      documentSha256: row.document_sha256,
      byteSize: row.byte_size,
      pageCount: row.page_count,
      printedPageNumbers: printed,
      items: this.items(row.id),
      members: this.members(meetingId),
      warnings: JSON.parse(row.warnings) as StructureWarning[],
      versions: versions.map((v) => ({ packId: v.id, version: v.version, importedAt: v.imported_at, sourceName: v.source_name, pageCount: v.page_count })),
      changes: previous ? this.compare(previous.id, row.id) : [],
    };
  }

  /** Which items were added, removed or changed (title, pages, status or the text of their pages). */
  compare(oldPackId: string, newPackId: string): ItemChange[] {
    const oldItems = new Map(this.items(oldPackId).map((i) => [i.number, i]));
    const newItems = new Map(this.items(newPackId).map((i) => [i.number, i]));
    const changes: ItemChange[] = [];
    for (const [number, item] of newItems) {
      const before = oldItems.get(number);
      if (!before) changes.push({ number, title: item.title, change: 'added' });
      else if (
        before.title !== item.title ||
        before.status !== item.status ||
        (before.restricted === true) !== (item.restricted === true) ||
        JSON.stringify(before.printedPages) !== JSON.stringify(item.printedPages) ||
        this.itemText(oldPackId, before) !== this.itemText(newPackId, item)
      ) {
        changes.push({ number, title: item.title, change: 'changed' });
      }
    }
    for (const [number, item] of oldItems) if (!newItems.has(number)) changes.push({ number, title: item.title, change: 'removed' });
    return changes;
  }

  /** `withoutRestricted`: leave out pages of restricted text (the offline expiry closed them). */
  search(query: string, limit: number, { withoutRestricted = false, offset = 0, packId = null as string | null } = {}): SearchHit[] {
    this.packSearch ??= new PackSearch(this.db);
    return this.packSearch.search(query, { limit, offset, withoutRestricted, packId });
  }

  private items(packId: string): PackItem[] {
    return this.db.prepare<[string], ItemRow>('SELECT * FROM agenda_items WHERE pack_id = ? ORDER BY position').all(packId).map(toItem);
  }

  private members(meetingId: string): PackMember[] {
    return this.db.prepare<[string], PackMember>('SELECT name, role FROM meeting_members WHERE meeting_id = ? ORDER BY position').all(meetingId);
  }

  private replaceMembers(meetingId: string, members: readonly PackMember[]): void {
    this.db.prepare('DELETE FROM meeting_members WHERE meeting_id = ?').run(meetingId);
    const insert = this.db.prepare('INSERT INTO meeting_members (meeting_id, position, name, role) VALUES (?, ?, ?, ?)');
    members.forEach((m, i) => insert.run(meetingId, i, m.name, m.role));
  }

  private itemText(packId: string, item: PackItem): string {
    if (!item.pdfPages) return '';
    return this.db
      .prepare<[string, number, number], { text: string }>('SELECT text FROM pack_pages WHERE pack_id = ? AND page_index BETWEEN ? AND ? ORDER BY page_index')
      .all(packId, item.pdfPages.from - 1, item.pdfPages.to - 1)
      .map((r) => comparable(r.text))
      .join(' ');
  }

  private packRow(where: string, ...params: (string | number)[]): PackRow | null {
    return (
      this.db
        .prepare<(string | number)[], PackRow>(
          `SELECT p.*, d.byte_size, d.page_count FROM packs p JOIN documents d ON d.sha256 = p.document_sha256 ${where}`,
        )
        .get(...params) ?? null
    );
  }
}
