import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { MeetingStatus } from '../../../shared/domain/meeting';
import type { DocumentFailure, FetchedMeeting, ModernGovChange, RefreshResult } from '../../../shared/domain/moderngov';
import type { PackMember } from '../../../shared/domain/pack';
import { parsePackStructure } from '../../../shared/packs/structure';
import type { Db } from '../db/database';
import { sha256Hex, type DocumentStore } from '../packs/documentStore';
import type { NewVersionHook } from '../packs/importer';
import { agendaItem, agendaStructure, joinPdfs } from '../packs/join';
import type { Extractor } from '../packs/runExtraction';
import { CoreError } from '../errors';
import type { DomainTransaction, DomainWriter } from '../repositories/domainWriter';
import type { PacksRepository } from '../repositories/packs';
import { addDays, londonToday } from './calendar';
import { ModernGovClient } from './client';
import { ModernGovError } from './errors';
import type { SiteHttpOptions, Validators } from './http';
import type { DocumentRow, ItemRow, MeetingLink, ModernGovRepository } from './repository';
import type { MgDocument, MgMeeting, MgMeetingSummary } from './xml';

/**
 * How Modern.gov meetings become Chamber's own.
 *
 * A Modern.gov meeting has items and several linked PDFs per item; Chamber's reader, search, pack
 * versions and (issue 4) annotation re-anchoring all work on one pack PDF per meeting version. So
 * each linked PDF is downloaded and stored by its hash (as an imported pack is), and the meeting's
 * PDFs are joined in agenda order into one pack PDF, extracted by the same worker extractor and
 * saved as a pack version whose items are Modern.gov's items mapped to the pages their documents
 * occupy. A new version is made only when the set of documents changes (a supplement, a
 * republished paper), so fetching twice updates instead of duplicating, and the pack's version
 * history is what annotation re-anchoring follows.
 */

export interface RefreshContext {
  signal: AbortSignal;
  progress(done: number, total: number): void;
  /** Documents of the meeting being read (papers on demand show this). */
  documentProgress?(done: number, total: number): void;
}

/** A member asking for one meeting's papers: no validators, and no backoff for its failed documents. */
interface FetchMode {
  force: boolean;
}

/** Called after a fetch made a new pack version of a meeting that had one: the hook for issue 4 (re-anchoring annotations). */
export type PackRepublished = (event: { meetingId: string; previousPackId: string; packId: string }) => void;

interface Downloaded {
  doc: MgDocument;
  itemMgId: number;
  sha256: string | null;
  bytes: Uint8Array | null;
  /** Downloaded now and not yet stored: written only with the meeting's rows, so a failure leaves no file. */
  fresh: boolean;
  pageCount: number | null;
  validators: Validators;
  error: string | null;
  message: string | null;
  /** Failures in a row, and when to ask again (null: at the next refresh). */
  attempts: number;
  retryAfter: string | null;
}

/** The first failure waits a quarter of an hour, each further one twice as long, at most a day. */
export function documentBackoffMs(attempts: number): number {
  return Math.min(15 * 60_000 * 2 ** Math.max(0, attempts - 1), 24 * 3_600_000);
}

export interface FetchWindow {
  from: string;
  to: string;
}

export class ModernGovSync {
  constructor(
    private readonly db: Db,
    private readonly writer: DomainWriter,
    private readonly repo: ModernGovRepository,
    private readonly packs: PacksRepository,
    private readonly store: DocumentStore,
    private readonly extract: Extractor,
    private readonly clock: () => Date = () => new Date(),
    private readonly httpOptions: SiteHttpOptions = {},
    private readonly onPackRepublished: PackRepublished = () => undefined,
    /** The same hook a file import calls: page geometry and annotation re-anchoring, in the transaction. */
    private readonly onNewVersion: NewVersionHook = () => undefined,
  ) {}

  client(baseUrl: string, signal?: AbortSignal): ModernGovClient {
    return new ModernGovClient(baseUrl, { ...this.httpOptions, ...(signal ? { signal } : {}) });
  }

  defaultWindow(daysAhead: number): FetchWindow {
    const today = londonToday(this.clock());
    return { from: addDays(today, -30), to: addDays(today, daysAhead) };
  }

  /** Every chosen committee of a site, over the site's window. */
  async refreshSite(siteId: string, context: RefreshContext): Promise<RefreshResult> {
    const site = this.repo.site(siteId);
    const committees = site.committees.filter((c) => c.chosen);
    const window = this.defaultWindow(site.daysAhead);
    const client = this.client(site.baseUrl, context.signal);
    const listed: { summary: MgMeetingSummary; committee: string }[] = [];
    for (const committee of committees) {
      for (const summary of await client.meetings(committee.id, window.from, window.to)) listed.push({ summary, committee: committee.title });
    }
    const result = await this.fetchMeetings(site.id, client, listed, context);
    this.repo.markRefreshed(site.id, this.clock().toISOString());
    return result;
  }

  /** One committee over a window (the command line), adding the site if Chamber does not know it. */
  async fetchCommittee(siteId: string, committeeId: number, window: FetchWindow, context: RefreshContext): Promise<RefreshResult> {
    const site = this.repo.site(siteId);
    const committee = site.committees.find((c) => c.id === committeeId);
    if (!committee) throw new ModernGovError('MODERNGOV_BAD_XML', `${site.baseUrl} lists no committee ${committeeId}.`);
    const client = this.client(site.baseUrl, context.signal);
    const listed = (await client.meetings(committeeId, window.from, window.to)).map((summary) => ({ summary, committee: committee.title }));
    return this.fetchMeetings(site.id, client, listed, context);
  }

  /**
   * Each meeting is its own unit of failure: one the site cannot give (HTTP 500, bad XML, a pack that
   * will not join) is named in `failures` and the others still arrive. Only cancelling stops the run.
   */
  /** One meeting's papers on demand, whatever its date (issue 20.4). */
  async refreshMeeting(meetingId: string, context: RefreshContext): Promise<RefreshResult> {
    const row = this.db
      .prepare<[string], { site_id: string; mg_meeting_id: number; mg_committee_id: number; mg_status: string; date: string; start_time: string; committee: string }>(
        `SELECT l.site_id, l.mg_meeting_id, l.mg_committee_id, l.mg_status, m.date, m.start_time, m.committee
           FROM moderngov_meetings l JOIN meetings m ON m.id = l.meeting_id WHERE l.meeting_id = ?`,
      )
      .get(meetingId);
    if (!row) throw new CoreError('NOT_FOUND', 'That meeting did not come from a Modern.gov site');
    const site = this.repo.site(row.site_id);
    const summary: MgMeetingSummary = { id: row.mg_meeting_id, committeeId: row.mg_committee_id, date: row.date, startTime: row.start_time, status: row.mg_status };
    return this.fetchMeetings(site.id, this.client(site.baseUrl, context.signal), [{ summary, committee: row.committee }], context, { force: true });
  }

  private async fetchMeetings(
    siteId: string,
    client: ModernGovClient,
    listed: { summary: MgMeetingSummary; committee: string }[],
    context: RefreshContext,
    mode: FetchMode = { force: false },
  ): Promise<RefreshResult> {
    const meetings: FetchedMeeting[] = [];
    const failures: DocumentFailure[] = [];
    context.progress(0, listed.length);
    for (const [index, { summary, committee }] of listed.entries()) {
      if (context.signal.aborted) throw cancelled();
      try {
        const fetched = await this.fetchMeeting(siteId, client, summary, committee, context, mode);
        meetings.push(fetched.meeting);
        failures.push(...fetched.failures);
      } catch (error) {
        if (context.signal.aborted) throw cancelled();
        failures.push(this.meetingFailed(siteId, summary, error));
      }
      context.progress(index + 1, listed.length);
    }
    return { meetings, failures };
  }

  private meetingFailed(siteId: string, summary: MgMeetingSummary, error: unknown): DocumentFailure {
    const known = error instanceof CoreError;
    if (!known) console.error('[core] Modern.gov meeting failed', summary.id, error);
    const code = known ? error.code : 'INTERNAL';
    const message = known ? error.message : 'Chamber could not read this meeting; nothing of it was saved.';
    const link = this.repo.link(siteId, summary.id);
    if (link) this.repo.markMeetingFailed(link.meeting_id, code, message, this.clock().toISOString());
    return { kind: 'meeting', meetingModernGovId: summary.id, meetingDate: summary.date, attachmentId: null, title: `Modern.gov meeting ${summary.id}`, url: '', code, message, retryAfter: null };
  }

  private async fetchMeeting(
    siteId: string,
    client: ModernGovClient,
    summary: MgMeetingSummary,
    committee: string,
    context: RefreshContext,
    mode: FetchMode,
  ): Promise<{ meeting: FetchedMeeting; failures: DocumentFailure[] }> {
    const { signal } = context;
    const link = this.repo.link(siteId, summary.id);
    const known = link ? this.repo.documents(link.meeting_id) : [];
    const now = this.clock().toISOString();
    // A document that failed is worth asking for again, even if the meeting did not change, once its backoff has passed.
    const retry = mode.force || known.some((d) => d.fetch_error !== null && d.restricted === 0 && (d.retry_after === null || d.retry_after <= now));
    const validators = link && !retry ? { etag: link.etag, lastModified: link.last_modified } : undefined;
    const answer = await client.meeting(summary.id, validators);
    if (!answer.changed && link) {
      this.repo.clearMeetingFailure(link.meeting_id);
      // Papers still waiting out their backoff are still missing: say so.
      const waiting = known.filter((d) => d.fetch_error !== null && d.restricted === 0);
      return {
        meeting: this.summaryOf(link.meeting_id, summary.id, false, 0),
        failures: waiting.map((d) => ({
          kind: 'document',
          meetingModernGovId: summary.id,
          meetingDate: summary.date,
          attachmentId: d.mg_attachment_id,
          title: d.title,
          url: d.url,
          code: d.fetch_error ?? '',
          message: `Not fetched (${d.failed_attempts} failed attempts); Chamber asks again after ${d.retry_after ?? 'the next refresh'}.`,
          retryAfter: d.retry_after,
        })),
      };
    }
    if (!answer.changed) throw new ModernGovError('MODERNGOV_BAD_XML', `The site sent nothing for meeting ${summary.id}.`);
    const mg = answer.value;

    const downloads: Downloaded[] = [];
    const total = mg.items.reduce((n, item) => n + item.documents.length, 0);
    context.documentProgress?.(0, total);
    for (const item of mg.items) {
      for (const doc of item.documents) {
        downloads.push(await this.download(client, item.id, doc, known, signal, mode));
        context.documentProgress?.(downloads.length, total);
      }
    }
    const failures: DocumentFailure[] = downloads
      .filter((d) => d.error !== null)
      .map((d) => ({
        kind: 'document' as const,
        meetingModernGovId: mg.id,
        meetingDate: mg.date,
        attachmentId: d.doc.attachmentId,
        title: d.doc.title,
        url: d.doc.url,
        code: d.error ?? '',
        message: d.message ?? '',
        retryAfter: d.retryAfter,
      }));

    const pack = await this.assemble(mg, downloads, link, signal);
    const { meetingId, changes, packVersion } = this.save(siteId, mg, summary, committee, answer.validators, downloads, link, pack);
    return { meeting: this.summaryOf(meetingId, mg.id, true, changes, packVersion), failures };
  }

  private async download(client: ModernGovClient, itemMgId: number, doc: MgDocument, known: DocumentRow[], signal: AbortSignal, mode: FetchMode): Promise<Downloaded> {
    const before = known.find((k) => k.mg_attachment_id === doc.attachmentId);
    const kept = { etag: before?.etag ?? null, lastModified: before?.last_modified ?? null };
    const base = { doc, itemMgId, bytes: null, fresh: false, pageCount: null, message: null, attempts: 0, retryAfter: null };
    if (doc.restricted) return { ...base, sha256: null, validators: kept, error: 'RESTRICTED', message: 'The document is restricted (exempt); the public web service does not give it out.' };
    // The older copy, if any, stays readable while the new one cannot be had.
    const held = async () => {
      const sha256 = before?.document_sha256 ?? null;
      const bytes = sha256 ? this.storedBytes(sha256) : null;
      return { sha256, bytes, pageCount: bytes ? await countPages(bytes) : null };
    };
    const now = this.clock();
    if (!mode.force && before?.fetch_error && before.retry_after && before.retry_after > now.toISOString()) {
      const message = `Not asked for again until ${before.retry_after} after ${before.failed_attempts} failed attempts.`;
      return { ...base, ...(await held()), validators: kept, error: before.fetch_error, message, attempts: before.failed_attempts, retryAfter: before.retry_after };
    }
    try {
      const answer = await client.document(doc.url, before?.document_sha256 ? kept : undefined);
      if (!answer.changed) return { ...base, ...(await held()), validators: kept, error: null };
      const pageCount = await countPages(answer.bytes);
      if (pageCount === null) throw new ModernGovError('MODERNGOV_NOT_PDF', `${doc.url} is not a readable PDF.`);
      return { ...base, sha256: sha256Hex(answer.bytes), bytes: answer.bytes, fresh: true, pageCount, validators: answer.validators, error: null };
    } catch (error) {
      if (signal.aborted) throw error;
      if (!(error instanceof ModernGovError)) throw error;
      const attempts = (before?.failed_attempts ?? 0) + 1;
      const retryAfter = new Date(now.getTime() + documentBackoffMs(attempts)).toISOString();
      return { ...base, ...(await held()), validators: kept, error: error.code, message: error.message, attempts, retryAfter };
    }
  }

  private storedBytes(sha256: string): Uint8Array | null {
    if (!this.store.has(sha256)) return null;
    const { total } = this.store.read(sha256, 0, 0);
    return this.store.read(sha256, 0, total).data;
  }

  /** Joins the meeting's PDFs in agenda order, unless the same documents already make the latest pack. */
  private async assemble(mg: MgMeeting, downloads: Downloaded[], link: MeetingLink | null, signal: AbortSignal) {
    // A part with no pages would occupy no range; it is as good as not held.
    const parts = downloads.filter((d) => d.sha256 !== null && d.bytes !== null && d.pageCount !== 0);
    if (parts.length === 0) return null;
    const composition = parts.map((d) => d.sha256).join(',');
    if (link?.pack_composition === composition) return { composition, changed: false as const };
    const { bytes, ranges } = await joinPdfs(
      parts.map((part) => ({ key: part.doc.attachmentId, bytes: part.bytes ?? new Uint8Array() })),
      `${mg.committeeTitle} ${mg.date}`,
    );
    const extracted = await this.extract(bytes, () => undefined, signal);
    const items = mg.items.map((item, position) =>
      agendaItem(
        { number: item.number || String(position + 1), title: item.title, restricted: item.restricted, parts: item.documents.map((d) => d.attachmentId), listed: item.documents.length },
        ranges,
      ),
    );
    const meeting = { committee: mg.committeeTitle || null, date: mg.date, startTime: mg.startTime, venue: mg.venue || null, members: membersOf(mg) };
    const structure = agendaStructure({ meeting, items }, parsePackStructure(extracted.pages));
    const sha256 = sha256Hex(bytes);
    return { composition, changed: true as const, sha256, bytes, structure, ranges, pages: extracted.pages, pageTexts: extracted.pages.map((p) => p.text) };
  }

  private save(
    siteId: string,
    mg: MgMeeting,
    summary: MgMeetingSummary,
    committee: string,
    validators: Validators,
    downloads: Downloaded[],
    link: MeetingLink | null,
    pack: Awaited<ReturnType<ModernGovSync['assemble']>>,
  ): { meetingId: string; changes: number; packVersion: number | null } {
    let saved;
    // Files go in just before the rows that name them; if the rows do not commit, the files go too.
    const written: string[] = [];
    const put = (sha256: string, bytes: Uint8Array) => {
      if (this.store.put(sha256, bytes)) written.push(sha256);
    };
    try {
      for (const d of downloads) if (d.fresh && d.sha256 && d.bytes) put(d.sha256, d.bytes);
      if (pack?.changed) put(pack.sha256, pack.bytes);
      saved = this.writer.write((tx) => {
        const meetingId = this.upsertMeeting(tx, mg, summary, committee, link);
        this.db
          .prepare(
            `INSERT INTO moderngov_meetings (meeting_id, site_id, mg_meeting_id, mg_committee_id, mg_status, etag, last_modified, pack_composition, fetched_at)
             VALUES (@meetingId, @siteId, @mgId, @committeeId, @status, @etag, @lastModified, @composition, @now)
             ON CONFLICT (meeting_id) DO UPDATE SET mg_status = excluded.mg_status, etag = excluded.etag, last_modified = excluded.last_modified,
               pack_composition = coalesce(excluded.pack_composition, pack_composition), fetched_at = excluded.fetched_at,
               fetch_error = NULL, fetch_error_message = NULL, fetch_error_at = NULL`,
          )
          .run({
            meetingId,
            siteId,
            mgId: mg.id,
            committeeId: mg.committeeId ?? summary.committeeId ?? 0,
            status: mg.status,
            etag: validators.etag,
            lastModified: validators.lastModified,
            composition: pack?.composition ?? null,
            now: tx.now,
          });
        for (const d of downloads) {
          if (d.sha256 && d.bytes && d.pageCount !== null) {
            this.db.prepare('INSERT OR IGNORE INTO documents (sha256, byte_size, page_count, created_at) VALUES (?, ?, ?, ?)').run(d.sha256, d.bytes.length, d.pageCount, tx.now);
          }
        }
        const changes = this.saveItems(tx, meetingId, mg, downloads, link !== null, pack?.changed ? pack.ranges : null);
        if (!pack?.changed) return { meetingId, changes, packVersion: this.packs.latest(meetingId)?.version ?? null, republished: null };
        const previous = this.packs.latest(meetingId);
        const packVersion = (previous?.version ?? 0) + 1;
        const packId = this.packs.insertVersion(
          { meetingId, version: packVersion, sha256: pack.sha256, byteSize: pack.bytes.length, sourceName: `Modern.gov meeting ${mg.id}`, structure: pack.structure, pageTexts: pack.pageTexts },
          tx,
        );
        this.onNewVersion({ meetingId, packId, pages: pack.pages }, tx);
        return { meetingId, changes, packVersion, republished: previous ? { meetingId, previousPackId: previous.id, packId } : null };
      });
    } catch (error) {
      // The transaction rolled back: remove what this meeting wrote that no row names.
      for (const sha256 of written) if (!this.db.prepare('SELECT 1 FROM documents WHERE sha256 = ?').get(sha256)) this.store.remove(sha256);
      throw error;
    }
    // Only once committed: re-anchoring must see the new version in the database.
    if (saved.republished) this.onPackRepublished(saved.republished);
    return { meetingId: saved.meetingId, changes: saved.changes, packVersion: saved.packVersion };
  }

  private upsertMeeting(tx: DomainTransaction, mg: MgMeeting, summary: MgMeetingSummary, committee: string, link: MeetingLink | null): string {
    const fields = {
      title: (mg.committeeTitle || committee).slice(0, 200),
      committee: (mg.committeeTitle || committee).slice(0, 200),
      date: mg.date,
      startTime: mg.startTime ?? summary.startTime ?? '00:00',
      venue: (mg.venue || 'To be confirmed').slice(0, 200),
    };
    if (!link) {
      const id = randomUUID();
      const status: MeetingStatus = /cancel/i.test(mg.status) ? 'cancelled' : 'scheduled';
      const meeting = { id, ...fields, status, version: 0, createdAt: tx.now, updatedAt: tx.now };
      this.db
        .prepare(
          `INSERT INTO meetings (id, title, committee, date, start_time, venue, status, version, created_at, updated_at)
           VALUES (@id, @title, @committee, @date, @startTime, @venue, @status, @version, @createdAt, @updatedAt)`,
        )
        .run(meeting);
      tx.recordEntity('meeting', meeting, 'create');
      return id;
    }
    const row = this.db
      .prepare<[string], { title: string; committee: string; date: string; start_time: string; venue: string; status: MeetingStatus; version: number }>(
        'SELECT title, committee, date, start_time, venue, status, version FROM meetings WHERE id = ?',
      )
      .get(link.meeting_id);
    if (!row) throw new ModernGovError('MODERNGOV_BAD_XML', 'The meeting fetched before has gone from this device.');
    // The site decides when and where; what happens in the room (in progress, closed) stays Chamber's.
    const status: MeetingStatus = /cancel/i.test(mg.status) ? 'cancelled' : row.status === 'cancelled' ? 'scheduled' : row.status;
    const same = row.title === fields.title && row.committee === fields.committee && row.date === fields.date && row.start_time === fields.startTime && row.venue === fields.venue && row.status === status;
    if (!same) {
      this.db
        .prepare('UPDATE meetings SET title = @title, committee = @committee, date = @date, start_time = @startTime, venue = @venue, status = @status, updated_at = @now WHERE id = @id')
        .run({ ...fields, status, now: tx.now, id: link.meeting_id });
      tx.recordEntity('meeting', { id: link.meeting_id, ...fields, status }, 'update', { baseVersion: row.version });
    }
    return link.meeting_id;
  }

  /** Upserts items and documents by their Modern.gov ids and records what changed since the last fetch. */
  private saveItems(tx: DomainTransaction, meetingId: string, mg: MgMeeting, downloads: Downloaded[], fetchedBefore: boolean, ranges: Map<number, { from: number; to: number }> | null): number {
    const oldItems = new Map(this.repo.items(meetingId).map((i) => [i.mg_item_id, i]));
    const oldDocs = this.repo.documents(meetingId);
    const changeRows: { itemId: string; kind: ModernGovChange['kind']; detail: object }[] = [];
    const keep = new Set<number>();
    const upsertItem = this.db.prepare(
      `INSERT INTO moderngov_items (id, meeting_id, mg_item_id, position, number, title, agenda_html, restricted, declaration_count)
       VALUES (@id, @meetingId, @mgId, @position, @number, @title, @html, @restricted, @declarations)
       ON CONFLICT (meeting_id, mg_item_id) DO UPDATE SET position = excluded.position, number = excluded.number, title = excluded.title,
         agenda_html = excluded.agenda_html, restricted = excluded.restricted, declaration_count = excluded.declaration_count`,
    );
    const upsertDoc = this.db.prepare(
      `INSERT INTO moderngov_documents (item_id, mg_attachment_id, position, title, url, published_at, restricted, document_sha256, etag, last_modified, fetch_error, pdf_from, pdf_to, failed_attempts, retry_after)
       VALUES (@itemId, @attachmentId, @position, @title, @url, @publishedAt, @restricted, @sha256, @etag, @lastModified, @error, @pdfFrom, @pdfTo, @attempts, @retryAfter)
       ON CONFLICT (item_id, mg_attachment_id) DO UPDATE SET position = excluded.position, title = excluded.title, url = excluded.url,
         published_at = excluded.published_at, restricted = excluded.restricted, document_sha256 = excluded.document_sha256, etag = excluded.etag,
         last_modified = excluded.last_modified, fetch_error = excluded.fetch_error, failed_attempts = excluded.failed_attempts, retry_after = excluded.retry_after,
         pdf_from = CASE WHEN @rangesKnown THEN excluded.pdf_from ELSE pdf_from END, pdf_to = CASE WHEN @rangesKnown THEN excluded.pdf_to ELSE pdf_to END`,
    );
    for (const [position, item] of mg.items.entries()) {
      keep.add(item.id);
      const before: ItemRow | undefined = oldItems.get(item.id);
      const itemId = before?.id ?? randomUUID();
      const number = item.number || String(position + 1);
      upsertItem.run({ id: itemId, meetingId, mgId: item.id, position, number, title: item.title, html: item.agendaHtml, restricted: item.restricted ? 1 : 0, declarations: item.declarationCount });
      if (fetchedBefore && !before) changeRows.push({ itemId, kind: 'new-item', detail: { to: item.title } });
      if (before && before.title !== item.title) changeRows.push({ itemId, kind: 'title-changed', detail: { from: before.title, to: item.title } });
      if (before && before.agenda_html !== item.agendaHtml) changeRows.push({ itemId, kind: 'agenda-text-changed', detail: {} });
      for (const [docPosition, doc] of item.documents.entries()) {
        const got = downloads.find((d) => d.itemMgId === item.id && d.doc.attachmentId === doc.attachmentId);
        const prior = oldDocs.find((d) => d.item_id === itemId && d.mg_attachment_id === doc.attachmentId);
        const range = ranges?.get(doc.attachmentId) ?? null;
        upsertDoc.run({
          itemId,
          attachmentId: doc.attachmentId,
          position: docPosition,
          title: doc.title,
          url: doc.url,
          publishedAt: doc.publishedAt,
          restricted: doc.restricted ? 1 : 0,
          sha256: got?.sha256 ?? null,
          etag: got?.validators.etag ?? null,
          lastModified: got?.validators.lastModified ?? null,
          error: got?.error ?? null,
          attempts: got?.attempts ?? 0,
          retryAfter: got?.retryAfter ?? null,
          pdfFrom: range?.from ?? null,
          pdfTo: range?.to ?? null,
          rangesKnown: ranges ? 1 : 0,
        });
        if (!fetchedBefore) continue;
        if (!prior) {
          changeRows.push({ itemId, kind: /supplement|to follow|addendum|additional/i.test(doc.title) ? 'supplement' : 'new-document', detail: { documentTitle: doc.title, to: doc.publishedAt } });
          continue;
        }
        if (prior.published_at !== doc.publishedAt) changeRows.push({ itemId, kind: 'publication-date-changed', detail: { documentTitle: doc.title, from: prior.published_at, to: doc.publishedAt } });
        if (prior.document_sha256 && got?.sha256 && prior.document_sha256 !== got.sha256) changeRows.push({ itemId, kind: 'document-changed', detail: { documentTitle: doc.title } });
      }
      const current = new Set(item.documents.map((d) => d.attachmentId));
      for (const gone of oldDocs.filter((d) => d.item_id === itemId && !current.has(d.mg_attachment_id))) {
        this.db.prepare('DELETE FROM moderngov_documents WHERE item_id = ? AND mg_attachment_id = ?').run(itemId, gone.mg_attachment_id);
      }
    }
    for (const [mgId, old] of oldItems) if (!keep.has(mgId)) this.db.prepare('DELETE FROM moderngov_items WHERE id = ?').run(old.id);
    const insertChange = this.db.prepare('INSERT INTO moderngov_item_changes (item_id, kind, detail, detected_at) VALUES (?, ?, ?, ?)');
    for (const c of changeRows) insertChange.run(c.itemId, c.kind, JSON.stringify(c.detail), tx.now);
    return changeRows.length;
  }

  private summaryOf(meetingId: string, modernGovId: number, changed: boolean, changes: number, packVersion?: number | null): FetchedMeeting {
    const row = this.db
      .prepare<[string], { committee: string; date: string; start_time: string; status: MeetingStatus }>('SELECT committee, date, start_time, status FROM meetings WHERE id = ?')
      .get(meetingId);
    if (!row) throw new ModernGovError('MODERNGOV_BAD_XML', 'The fetched meeting is missing.');
    return {
      id: meetingId,
      modernGovId,
      committee: row.committee,
      date: row.date,
      startTime: row.start_time,
      status: row.status,
      changed,
      packVersion: packVersion === undefined ? (this.packs.latest(meetingId)?.version ?? null) : packVersion,
      changes,
    };
  }
}

function membersOf(mg: MgMeeting): PackMember[] {
  return mg.attendees.map((a) => ({
    name: a.name.replace(/^(Cllr|Councillor|Cyng\.?|Cynghorydd)\s+/i, ''),
    role: /vice/i.test(a.role) ? 'vice-chair' : /chair/i.test(a.role) ? 'chair' : 'member',
  }));
}

function cancelled(): ModernGovError {
  return new ModernGovError('MODERNGOV_CANCELLED', 'The refresh was cancelled; meetings already fetched were kept.');
}

async function countPages(bytes: Uint8Array): Promise<number | null> {
  try {
    return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  } catch {
    return null;
  }
}
