import { randomUUID } from 'node:crypto';
import type { ModernGovChange, ModernGovDocument, ModernGovMeetingDetail, ModernGovSite } from '../../../shared/domain/moderngov';
import type { Db } from '../db/database';
import { CoreError } from '../errors';
import type { MgCommittee } from './xml';

interface SiteRow {
  id: string;
  base_url: string;
  days_ahead: number;
  refreshed_at: string | null;
}

export interface MeetingLink {
  meeting_id: string;
  etag: string | null;
  last_modified: string | null;
  pack_composition: string | null;
}

export interface ItemRow {
  id: string;
  mg_item_id: number;
  position: number;
  number: string;
  title: string;
  agenda_html: string;
  restricted: number;
}

export interface DocumentRow {
  item_id: string;
  mg_attachment_id: number;
  position: number;
  title: string;
  url: string;
  published_at: string | null;
  restricted: number;
  document_sha256: string | null;
  etag: string | null;
  last_modified: string | null;
  fetch_error: string | null;
  pdf_from: number | null;
  pdf_to: number | null;
  failed_attempts: number;
  retry_after: string | null;
}

/** Sites, their committees and what was fetched from them: reads, and the writes that are not domain data. */
export class ModernGovRepository {
  constructor(private readonly db: Db) {}

  /** Adds a site (or refreshes its committee list), keeping the committees already chosen. */
  saveSite(baseUrl: string, committees: MgCommittee[], now: string): ModernGovSite {
    return this.db.transaction(() => {
      const existing = this.db.prepare<[string], { id: string }>('SELECT id FROM moderngov_sites WHERE base_url = ?').get(baseUrl);
      const id = existing?.id ?? randomUUID();
      if (!existing) this.db.prepare('INSERT INTO moderngov_sites (id, base_url, created_at) VALUES (?, ?, ?)').run(id, baseUrl, now);
      const upsert = this.db.prepare(
        `INSERT INTO moderngov_committees (site_id, committee_id, title) VALUES (?, ?, ?)
         ON CONFLICT (site_id, committee_id) DO UPDATE SET title = excluded.title`,
      );
      for (const c of committees) upsert.run(id, c.id, c.title);
      return this.site(id);
    })();
  }

  siteByUrl(baseUrl: string): ModernGovSite | null {
    const row = this.db.prepare<[string], { id: string }>('SELECT id FROM moderngov_sites WHERE base_url = ?').get(baseUrl);
    return row ? this.site(row.id) : null;
  }

  site(id: string): ModernGovSite {
    const row = this.db.prepare<[string], SiteRow>('SELECT * FROM moderngov_sites WHERE id = ?').get(id);
    if (!row) throw new CoreError('NOT_FOUND', 'No such Modern.gov site');
    const committees = this.db
      .prepare<[string], { committee_id: number; title: string; chosen: number }>('SELECT committee_id, title, chosen FROM moderngov_committees WHERE site_id = ? ORDER BY title')
      .all(id);
    return {
      id: row.id,
      baseUrl: row.base_url,
      daysAhead: row.days_ahead,
      refreshedAt: row.refreshed_at,
      committees: committees.map((c) => ({ id: c.committee_id, title: c.title, chosen: c.chosen === 1 })),
    };
  }

  sites(): ModernGovSite[] {
    return this.db
      .prepare<[], { id: string }>('SELECT id FROM moderngov_sites ORDER BY base_url')
      .all()
      .map((r) => this.site(r.id));
  }

  updateSite(id: string, change: { chosenCommitteeIds?: number[] | undefined; daysAhead?: number | undefined }): ModernGovSite {
    const site = this.site(id);
    return this.db.transaction(() => {
      if (change.daysAhead !== undefined) this.db.prepare('UPDATE moderngov_sites SET days_ahead = ? WHERE id = ?').run(change.daysAhead, id);
      if (change.chosenCommitteeIds) {
        const known = new Set(site.committees.map((c) => c.id));
        const unknown = change.chosenCommitteeIds.filter((c) => !known.has(c));
        if (unknown.length > 0) throw new CoreError('NOT_FOUND', `The site has no committee ${unknown.join(', ')}`);
        const chosen = new Set(change.chosenCommitteeIds);
        const set = this.db.prepare('UPDATE moderngov_committees SET chosen = ? WHERE site_id = ? AND committee_id = ?');
        for (const c of site.committees) set.run(chosen.has(c.id) ? 1 : 0, id, c.id);
      }
      return this.site(id);
    })();
  }

  removeSite(id: string): void {
    this.site(id);
    this.db.prepare('DELETE FROM moderngov_sites WHERE id = ?').run(id);
  }

  markRefreshed(id: string, now: string): void {
    this.db.prepare('UPDATE moderngov_sites SET refreshed_at = ? WHERE id = ?').run(now, id);
  }

  /** The last refresh could not read this meeting: its page says so until one can. */
  markMeetingFailed(meetingId: string, code: string, message: string, now: string): void {
    this.db.prepare('UPDATE moderngov_meetings SET fetch_error = ?, fetch_error_message = ?, fetch_error_at = ? WHERE meeting_id = ?').run(code, message.slice(0, 500), now, meetingId);
  }

  clearMeetingFailure(meetingId: string): void {
    this.db.prepare('UPDATE moderngov_meetings SET fetch_error = NULL, fetch_error_message = NULL, fetch_error_at = NULL WHERE meeting_id = ? AND fetch_error IS NOT NULL').run(meetingId);
  }

  link(siteId: string, mgMeetingId: number): MeetingLink | null {
    return (
      this.db
        .prepare<[string, number], MeetingLink>('SELECT meeting_id, etag, last_modified, pack_composition FROM moderngov_meetings WHERE site_id = ? AND mg_meeting_id = ?')
        .get(siteId, mgMeetingId) ?? null
    );
  }

  items(meetingId: string): ItemRow[] {
    return this.db.prepare<[string], ItemRow>('SELECT * FROM moderngov_items WHERE meeting_id = ? ORDER BY position').all(meetingId);
  }

  documents(meetingId: string): DocumentRow[] {
    return this.db
      .prepare<[string], DocumentRow>(
        `SELECT d.* FROM moderngov_documents d JOIN moderngov_items i ON i.id = d.item_id WHERE i.meeting_id = ? ORDER BY i.position, d.position`,
      )
      .all(meetingId);
  }

  detail(meetingId: string): ModernGovMeetingDetail | null {
    const link = this.db
      .prepare<[string], { site_id: string; base_url: string; mg_meeting_id: number; fetched_at: string; fetch_error: string | null; fetch_error_message: string | null; fetch_error_at: string | null }>(
        `SELECT m.site_id, s.base_url, m.mg_meeting_id, m.fetched_at, m.fetch_error, m.fetch_error_message, m.fetch_error_at
           FROM moderngov_meetings m JOIN moderngov_sites s ON s.id = m.site_id WHERE m.meeting_id = ?`,
      )
      .get(meetingId);
    if (!link) return null;
    const documents = this.documents(meetingId);
    const changes = this.db
      .prepare<[string], { item_id: string; kind: ModernGovChange['kind']; detail: string; detected_at: string; seen: number }>(
        `SELECT c.item_id, c.kind, c.detail, c.detected_at, c.seen FROM moderngov_item_changes c JOIN moderngov_items i ON i.id = c.item_id
         WHERE i.meeting_id = ? ORDER BY c.id`,
      )
      .all(meetingId);
    return {
      meetingId,
      siteId: link.site_id,
      siteUrl: link.base_url,
      modernGovId: link.mg_meeting_id,
      fetchedAt: link.fetched_at,
      failure: link.fetch_error && link.fetch_error_at ? { code: link.fetch_error, message: link.fetch_error_message ?? '', at: link.fetch_error_at } : null,
      items: this.items(meetingId).map((item) => ({
        modernGovId: item.mg_item_id,
        number: item.number,
        title: item.title,
        agendaHtml: item.agenda_html,
        restricted: item.restricted === 1,
        documents: documents.filter((d) => d.item_id === item.id).map(toDocument),
        changes: changes
          .filter((c) => c.item_id === item.id)
          .map((c) => {
            const detail = JSON.parse(c.detail) as { documentTitle?: string; from?: string | null; to?: string | null };
            return { kind: c.kind, documentTitle: detail.documentTitle ?? null, from: detail.from ?? null, to: detail.to ?? null, detectedAt: c.detected_at, seen: c.seen === 1 };
          }),
      })),
    };
  }

  markSeen(meetingId: string): number {
    return this.db
      .prepare('UPDATE moderngov_item_changes SET seen = 1 WHERE seen = 0 AND item_id IN (SELECT id FROM moderngov_items WHERE meeting_id = ?)')
      .run(meetingId).changes;
  }
}

function toDocument(d: DocumentRow): ModernGovDocument {
  return {
    attachmentId: d.mg_attachment_id,
    title: d.title,
    url: d.url,
    publishedAt: d.published_at,
    restricted: d.restricted === 1,
    sha256: d.document_sha256,
    pdfPages: d.pdf_from !== null && d.pdf_to !== null ? { from: d.pdf_from, to: d.pdf_to } : null,
    error: d.fetch_error,
    retryAfter: d.fetch_error ? d.retry_after : null,
  };
}
