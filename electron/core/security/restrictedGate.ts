import type { Db } from '../db/database';
import { CoreError } from '../errors';

/**
 * Whether a document (by its sha256) is a restricted paper: published as restricted by the
 * endpoint, or exempt on Modern.gov.
 */
const restrictedPaperSql = (sha256: string): string =>
  `(EXISTS (SELECT 1 FROM sync_documents rd WHERE rd.sha256 = ${sha256} AND rd.restricted = 1)
    OR EXISTS (SELECT 1 FROM moderngov_documents rg WHERE rg.document_sha256 = ${sha256} AND rg.restricted = 1))`;

/** Whether an agenda item (row alias `a`) is Part II: on the published agenda, or taken in private on the day. */
const partTwoItemSql = (a: string): string =>
  `(${a}.restricted = 1 OR EXISTS (SELECT 1 FROM agenda_progress rp WHERE rp.meeting_id = ${a}.meeting_id AND rp.item_number = ${a}.number AND rp.part_two = 1))`;

/**
 * Whether a pack page (`pack_pages` row alias `pp`) holds restricted text: the whole pack is a
 * restricted paper, or the page belongs to a Part II item. For queries that list page text.
 */
export const restrictedPageSql = (pp: string): string =>
  `EXISTS (SELECT 1 FROM packs rk WHERE rk.id = ${pp}.pack_id AND (${restrictedPaperSql('rk.document_sha256')}
     OR EXISTS (SELECT 1 FROM agenda_items ri WHERE ri.pack_id = rk.id AND ri.pdf_from <= ${pp}.page_index + 1 AND ri.pdf_to >= ${pp}.page_index + 1 AND ${partTwoItemSql('ri')})))`;

const refusal = (what: string): CoreError =>
  new CoreError('SIGN_IN_REQUIRED', `${what} includes restricted (Part II) business, which stays closed when Chamber has not reached the council for too long: sign in again first`);

/**
 * The offline expiry gate (issue 9.4, issue 17 point 7): after too long without reaching the
 * endpoint, nothing on this device serves restricted text (Part II papers, their pages, notes and
 * minutes of Part II items) until the member signs in again. Every handler that would serve such
 * text asks here, so what counts as restricted is decided once.
 */
export class RestrictedGate {
  constructor(
    private readonly db: Db,
    /** Too long since the endpoint was last reached (handlers/sync.ts decides how long). */
    readonly closed: () => boolean,
  ) {}

  /** Opening a paper: refused when it is restricted or a pack holding a Part II item's pages. */
  requirePaper(sha256: string): void {
    if (!this.closed()) return;
    const restricted = this.db
      .prepare<[{ sha: string }], { one: number }>(
        `SELECT 1 AS one WHERE ${restrictedPaperSql('@sha')}
            OR EXISTS (SELECT 1 FROM packs p JOIN agenda_items a ON a.pack_id = p.id WHERE p.document_sha256 = @sha AND a.pdf_from IS NOT NULL AND ${partTwoItemSql('a')})`,
      )
      .get({ sha: sha256 });
    if (restricted) throw refusal('This paper');
  }

  /** One page's text (the large-print reader). */
  requirePage(packId: string, pageIndex: number): void {
    if (!this.closed()) return;
    const restricted = this.db.prepare<[string, number], { one: number }>(`SELECT 1 AS one FROM pack_pages pp WHERE pp.pack_id = ? AND pp.page_index = ? AND ${restrictedPageSql('pp')}`).get(packId, pageIndex);
    if (restricted) throw refusal('This page');
  }

  /**
   * An export of a meeting: refused when what it would hold touches restricted business. `items`
   * are the agenda items the exported text belongs to (null: none in particular), or 'all' for an
   * export of the whole meeting (its minutes, the pack itself).
   */
  requireMeeting(meetingId: string, items: 'all' | readonly (string | null)[], what: string): void {
    if (!this.closed()) return;
    const { wholePack, partTwo } = this.restrictedOf(meetingId);
    const touches = items === 'all' ? wholePack || partTwo.size > 0 : items.some((item) => wholePack || (item !== null && partTwo.has(item)));
    if (touches) throw refusal(what);
  }

  /**
   * Records as a list may show them: while the gate is closed, those on a Part II item (or every
   * one of a meeting whose whole pack is a restricted paper) are left out, since notes, outcomes and
   * comments quote the business they are on. Each meeting's restrictions are read once per list,
   * however many of its records the list holds. Open, the list is returned as it is.
   */
  visible<T extends { meetingId: string }>(records: readonly T[], itemOf: (record: T) => string | null): T[] {
    if (!this.closed()) return [...records];
    const restricted = new Map<string, { wholePack: boolean; partTwo: Set<string> }>();
    return records.filter((record) => {
      let meeting = restricted.get(record.meetingId);
      if (!meeting) {
        meeting = this.restrictedOf(record.meetingId);
        restricted.set(record.meetingId, meeting);
      }
      const item = itemOf(record);
      return !meeting.wholePack && (item === null || !meeting.partTwo.has(item));
    });
  }

  /** One record on an item (a panel comment's text and history): refused while it is closed. */
  requireItem(meetingId: string, itemNumber: string | null, what: string): void {
    this.requireMeeting(meetingId, [itemNumber], what);
  }

  /** What of a meeting is restricted, as this device knows it: its latest pack, and its Part II items. */
  private restrictedOf(meetingId: string): { wholePack: boolean; partTwo: Set<string> } {
    const latest = this.db.prepare<[string], { id: string; document_sha256: string }>('SELECT id, document_sha256 FROM packs WHERE meeting_id = ? ORDER BY version DESC LIMIT 1').get(meetingId);
    const wholePack = latest !== undefined && this.db.prepare<[{ sha: string }], { one: number }>(`SELECT 1 AS one WHERE ${restrictedPaperSql('@sha')}`).get({ sha: latest.document_sha256 }) !== undefined;
    const items = this.db
      .prepare<[string, string], { number: string }>(
        `SELECT a.number FROM agenda_items a WHERE a.pack_id = ? AND ${partTwoItemSql('a')}
         UNION SELECT item_number FROM agenda_progress WHERE meeting_id = ? AND part_two = 1`,
      )
      .all(latest?.id ?? '', meetingId);
    return { wholePack, partTwo: new Set(items.map((i) => i.number)) };
  }
}
