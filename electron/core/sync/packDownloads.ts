import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MeetingDocument } from '../../../shared/sync/wire';
import { agendaItem, joinPdfs, UnreadablePart, type AgendaOutline } from '../packs/join';
import { EndpointCallError, type EndpointClient } from './endpointClient';
import type { LocalHooks } from './localRecord';
import type { SyncStore } from './syncStore';

export type Authorised = <T>(call: (client: EndpointClient, token: string) => Promise<T>) => Promise<T>;

/**
 * Hands a downloaded PDF to the same importer a dropped file goes through, so the reader works
 * unchanged. A pack joined from separate papers comes with its agenda, which the importer uses
 * instead of guessing items from the text.
 */
export type ImportPack = (bytes: Uint8Array, fileName: string, meetingId: string, agenda?: AgendaOutline) => Promise<void>;

interface WantedDocument {
  document_id: string;
  meeting_id: string;
  sha256: string;
  size: number;
}

/** A paper of a meeting published as agenda items and documents, with the record it was published under. */
interface Paper extends WantedDocument {
  record: MeetingDocument;
  stored: boolean;
  error: string | null;
}

/** A meeting whose papers are to be joined into its next pack version, in pack order. */
interface JoinPlan {
  meetingId: string;
  papers: Paper[];
  agenda: { number: string; title: string; restricted: boolean }[];
}

/** The file does not hash to what the endpoint published: refused, not imported. */
class CorruptDocument extends Error {}

/** The meeting's agenda as it came with the meeting record (the local meetings table keeps no items). */
const PublishedItems = z.object({ items: z.array(z.object({ number: z.string(), title: z.string(), restricted: z.boolean().default(false) })).default([]) });

/** Within an item: the report first, then its appendices, then anything else. */
export interface UnavailablePaper {
  meetingId: string;
  meetingTitle: string;
  meetingDate: string;
  /** The paper's title as published; null for a record this device could not read. */
  title: string | null;
  kind: string;
}

const kindRank = (kind: MeetingDocument['kind']): number => (kind === 'report' ? 0 : kind === 'appendix' ? 1 : 2);

/** Attempts per document after a cut connection; each resumes where the last stopped. */
const resumeAttempts = 5;
/** Received bytes are committed in pieces of about this size (fewer, larger rows than the socket's). */
const partBytes = 256 * 1024;

/**
 * Downloads the papers of published meetings in the next N weeks. A meeting published with a pack
 * gets its pack and supplements imported as they are; a meeting published as agenda items and
 * documents gets each paper the member may see joined, in agenda order, into one pack version, and
 * a new one whenever a paper is republished. What has arrived is committed as it arrives, so a cut
 * download, or one interrupted by quitting the app, resumes with a Range request from the bytes
 * already held; each file must match its content hash before it is used. A paper that fails is
 * refused with its reason in sync_documents.error, and the other meetings carry on.
 */
export class PackDownloads {
  progress: { done: number; total: number } | null = null;
  /** Meetings whose papers a member asked for, whatever their date (papers on demand); the next run takes them. */
  private readonly requested = new Set<string>();

  constructor(
    private readonly store: SyncStore,
    private readonly importPack: ImportPack,
    private readonly clock: () => Date,
  ) {}

  private window(weeks: number): [string, string] {
    const today = this.clock().toISOString().slice(0, 10);
    const until = new Date(this.clock().getTime() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
    return [today, until];
  }

  /**
   * Asks for a meeting's papers at the next run, past or future: a paper refused before is tried
   * again (the member asked), and the endpoint still decides what this member may have.
   */
  request(meetingId: string): void {
    this.requested.add(meetingId);
    this.store.db.prepare('UPDATE sync_documents SET error = NULL WHERE meeting_id = ? AND stored_at IS NULL').run(meetingId);
  }

  isRequested(meetingId: string): boolean {
    return this.requested.has(meetingId);
  }

  private requestedJson(): string {
    return JSON.stringify([...this.requested]);
  }

  /** Packs, and the supplements of meetings published with a pack: each imported on its own. */
  wanted(weeks: number): WantedDocument[] {
    return this.store.db
      .prepare<[string, string, string], WantedDocument>(
        `SELECT d.document_id, d.meeting_id, d.sha256, d.size FROM sync_documents d JOIN meetings m ON m.id = d.meeting_id
          WHERE d.stored_at IS NULL AND d.error IS NULL AND (m.date BETWEEN ? AND ? OR m.id IN (SELECT value FROM json_each(?)))
            AND (d.kind = 'pack' OR (d.kind = 'supplement' AND EXISTS (SELECT 1 FROM sync_documents p WHERE p.meeting_id = d.meeting_id AND p.kind = 'pack')))
          ORDER BY m.date, d.rowid`,
      )
      .all(...this.window(weeks), this.requestedJson());
  }

  /**
   * Papers of meetings from today on that this device refused (unreadable, or no longer served),
   * unless a later version under the same title has replaced them: what a member is told is missing.
   */
  unavailable(): UnavailablePaper[] {
    const rows = this.store.db
      .prepare<[string], { document_id: string; meeting_id: string; kind: string; error: string | null; meeting_title: string; date: string; record: string | null }>(
        `SELECT d.document_id, d.meeting_id, d.kind, d.error, m.title AS meeting_title, m.date, s.data AS record
           FROM sync_documents d JOIN meetings m ON m.id = d.meeting_id
           LEFT JOIN sync_shadow s ON s.entity = 'meeting_document' AND s.id = d.document_id AND s.deleted = 0
          WHERE m.date >= ?
            -- The status asks this every few seconds: only meetings with a refused paper need reading.
            AND EXISTS (SELECT 1 FROM sync_documents e WHERE e.meeting_id = d.meeting_id AND e.error IS NOT NULL)
          ORDER BY m.date, m.start_time, d.rowid`,
      )
      .all(this.window(0)[0]);
    const latest = new Map<string, { version: number; paper: UnavailablePaper | null }>();
    for (const row of rows) {
      const parsed = MeetingDocument.safeParse(row.record === null ? null : JSON.parse(row.record));
      const record = parsed.success ? parsed.data : null;
      const key = record ? `${row.meeting_id}\u0000${record.kind}\u0000${record.title}` : row.document_id;
      const version = record?.version ?? 1;
      if ((latest.get(key)?.version ?? 0) > version) continue;
      const paper = row.error === null ? null : { meetingId: row.meeting_id, meetingTitle: row.meeting_title, meetingDate: row.date, title: record?.title ?? null, kind: row.kind };
      latest.set(key, { version, paper });
    }
    return [...latest.values()].flatMap(({ paper }) => (paper ? [paper] : []));
  }

  /**
   * Meetings published without a pack whose current papers are not all in their latest joined pack.
   * The current paper of a title is its latest version; a meeting with a refused current paper
   * waits until it is republished rather than getting a pack with a hole in it.
   */
  joins(weeks: number): JoinPlan[] {
    const rows = this.store.db
      .prepare<[string, string, string], WantedDocument & { stored_at: string | null; error: string | null; record: string | null; meeting: string | null }>(
        `SELECT d.document_id, d.meeting_id, d.sha256, d.size, d.stored_at, d.error, s.data AS record, ms.data AS meeting
           FROM sync_documents d JOIN meetings m ON m.id = d.meeting_id
           JOIN sync_shadow s ON s.entity = 'meeting_document' AND s.id = d.document_id AND s.deleted = 0
           LEFT JOIN sync_shadow ms ON ms.entity = 'meeting' AND ms.id = d.meeting_id
          WHERE d.kind <> 'pack' AND (m.date BETWEEN ? AND ? OR m.id IN (SELECT value FROM json_each(?)))
            AND NOT EXISTS (SELECT 1 FROM sync_documents p WHERE p.meeting_id = d.meeting_id AND p.kind = 'pack')
          ORDER BY m.date, m.start_time, d.meeting_id, d.rowid`,
      )
      .all(...this.window(weeks), this.requestedJson());
    const byMeeting = new Map<string, { meeting: string | null; papers: Paper[] }>();
    for (const row of rows) {
      const record = MeetingDocument.safeParse(row.record === null ? null : JSON.parse(row.record));
      if (!record.success) continue;
      const entry = byMeeting.get(row.meeting_id) ?? { meeting: row.meeting, papers: [] };
      entry.papers.push({ document_id: row.document_id, meeting_id: row.meeting_id, sha256: row.sha256, size: row.size, record: record.data, stored: row.stored_at !== null, error: row.error });
      byMeeting.set(row.meeting_id, entry);
    }
    const plans: JoinPlan[] = [];
    for (const [meetingId, { meeting, papers }] of byMeeting) {
      const titleOf = (p: Paper): string => `${p.record.kind}\u0000${p.record.title}`;
      const current = new Map<string, Paper>();
      // A republished paper keeps the place its first version had among the item's papers.
      const firstPublished = new Map<string, string>();
      for (const paper of papers) {
        const key = titleOf(paper);
        const held = current.get(key);
        if (!held || paper.record.version > held.record.version) current.set(key, paper);
        const first = firstPublished.get(key);
        if (first === undefined || paper.record.publishedAt < first) firstPublished.set(key, paper.record.publishedAt);
      }
      const chosen = [...current.values()];
      if (chosen.some((p) => p.error !== null) || chosen.every((p) => p.stored)) continue;
      const parsedMeeting = PublishedItems.safeParse(meeting === null ? {} : JSON.parse(meeting));
      const agenda = parsedMeeting.success ? parsedMeeting.data.items : [];
      const order = (a: Paper, b: Paper): number =>
        kindRank(a.record.kind) - kindRank(b.record.kind) ||
        (firstPublished.get(titleOf(a)) ?? '').localeCompare(firstPublished.get(titleOf(b)) ?? '') ||
        a.record.publishedAt.localeCompare(b.record.publishedAt) ||
        a.document_id.localeCompare(b.document_id);
      const numbers = new Set(agenda.map((i) => i.number));
      // Papers under no item of the agenda follow the agenda's papers, in the order they were published.
      const ordered = [
        ...agenda.flatMap((item) => chosen.filter((p) => p.record.itemNumber === item.number).sort(order)),
        ...chosen.filter((p) => p.record.itemNumber === null || !numbers.has(p.record.itemNumber)).sort(order),
      ];
      plans.push({ meetingId, papers: ordered, agenda });
    }
    return plans;
  }

  async run(authorised: Authorised, weeks: number): Promise<number> {
    const asked = [...this.requested];
    const documents = this.wanted(weeks);
    const joins = this.joins(weeks);
    // Asked-for meetings are served by this run, whatever it finds for them.
    const served = () => {
      for (const id of asked) this.requested.delete(id);
    };
    if (documents.length === 0 && joins.length === 0) {
      served();
      return 0;
    }
    const total = [...documents, ...joins.flatMap((j) => j.papers)].reduce((sum, d) => sum + d.size, 0);
    let before = 0;
    this.progress = { done: 0, total };
    const onProgress = (received: number): void => {
      this.progress = { done: before + received, total };
    };
    try {
      for (const document of documents) {
        let bytes: Uint8Array;
        try {
          bytes = await this.download(authorised, document, onProgress, false);
        } catch (error) {
          if (!refusable(error)) throw error;
          this.refuse([document.document_id], `The pack ${document.sha256.slice(0, 12)}: ${(error as Error).message}`);
          continue;
        } finally {
          before += document.size;
        }
        try {
          await this.importPack(bytes, `${document.sha256.slice(0, 12)}.pdf`, document.meeting_id);
          this.store.db.prepare('UPDATE sync_documents SET stored_at = ? WHERE document_id = ?').run(this.clock().toISOString(), document.document_id);
        } catch (error) {
          // A pack the importer refuses stays refused until republished; the others carry on.
          this.refuse([document.document_id], (error as Error).message);
        }
      }
      for (const plan of joins) {
        await this.join(authorised, plan, onProgress, (size) => {
          before += size;
        });
      }
      // Annotations and declarations that waited for their meeting's pack can land now.
      this.store.retryWaiting();
      served();
      return documents.length + joins.length;
    } finally {
      this.progress = null;
    }
  }

  /**
   * Downloads every current paper of the meeting (each kept in sync_download_parts until the join,
   * so a restart resumes rather than starts over), joins them in agenda order and imports the result
   * as the meeting's next pack version. Nothing is imported unless every paper was good.
   */
  private async join(authorised: Authorised, plan: JoinPlan, onProgress: (received: number) => void, advance: (size: number) => void): Promise<void> {
    const meeting = this.store.db
      .prepare<[string], { committee: string; date: string; start_time: string; venue: string }>('SELECT committee, date, start_time, venue FROM meetings WHERE id = ?')
      .get(plan.meetingId);
    if (!meeting) return;
    const parts: { key: string; bytes: Uint8Array }[] = [];
    for (const paper of plan.papers) {
      try {
        parts.push({ key: paper.document_id, bytes: await this.download(authorised, paper, onProgress, true) });
      } catch (error) {
        if (!refusable(error)) throw error;
        this.refuse([paper.document_id], `${describe(paper)}: ${(error as Error).message}`);
        return;
      } finally {
        advance(paper.size);
      }
    }
    const ids = plan.papers.map((p) => p.document_id);
    let joined: Awaited<ReturnType<typeof joinPdfs<string>>>;
    try {
      joined = await joinPdfs(parts, `${meeting.committee} ${meeting.date}`);
    } catch (error) {
      if (!(error instanceof UnreadablePart)) throw error;
      const bad = plan.papers.find((p) => p.document_id === error.key);
      this.refuse([String(error.key)], `${bad ? describe(bad) : 'A paper'} is not a readable PDF (${error.message}); the meeting's papers were not imported`);
      this.clearParts(ids);
      return;
    }
    const agenda: AgendaOutline = {
      meeting: { committee: meeting.committee, date: meeting.date, startTime: meeting.start_time, venue: meeting.venue, members: [] },
      items: plan.agenda.map((item) => {
        const papers = plan.papers.filter((p) => p.record.itemNumber === item.number);
        // An item is Part II when the agenda says so or any of its papers is restricted.
        return agendaItem({ number: item.number, title: item.title, restricted: item.restricted || papers.some((p) => p.record.restricted), parts: papers.map((p) => p.document_id), listed: papers.length }, joined.ranges);
      }),
    };
    try {
      await this.importPack(joined.bytes, `${meeting.committee} ${meeting.date}.pdf`, plan.meetingId, agenda);
    } catch (error) {
      // Refused until one of the new papers is republished; the pack already held stays as it was.
      const fresh = plan.papers.filter((p) => !p.stored).map((p) => p.document_id);
      this.refuse(fresh, `The meeting's papers could not be imported: ${(error as Error).message}`);
      this.clearParts(ids);
      return;
    }
    const now = this.clock().toISOString();
    this.store.db.transaction(() => {
      this.clearParts(ids);
      for (const id of ids) this.store.db.prepare('UPDATE sync_documents SET stored_at = ?, error = NULL WHERE document_id = ?').run(now, id);
    })();
  }

  private refuse(documentIds: readonly string[], message: string): void {
    const update = this.store.db.prepare('UPDATE sync_documents SET error = ? WHERE document_id = ?');
    this.store.db.transaction(() => {
      for (const id of documentIds) update.run(message.slice(0, 500), id);
    })();
  }

  private clearParts(documentIds: readonly string[]): void {
    const db = this.store.db;
    db.transaction(() => {
      for (const id of documentIds) {
        db.prepare('DELETE FROM sync_download_parts WHERE document_id = ?').run(id);
        db.prepare('UPDATE sync_documents SET received = 0 WHERE document_id = ?').run(id);
      }
    })();
  }

  /**
   * The whole file, checked against its hash. `keep` leaves a good file's parts in place (a joined
   * pack needs all its papers at once, possibly across restarts); a bad one is always dropped, so a
   * republished paper starts over.
   */
  private async download(authorised: Authorised, document: WantedDocument, onProgress: (received: number) => void, keep: boolean): Promise<Uint8Array> {
    const db = this.store.db;
    const heldParts = (): Buffer[] =>
      db.prepare<[string], { bytes: Buffer }>('SELECT bytes FROM sync_download_parts WHERE document_id = ? ORDER BY byte_offset').all(document.document_id).map((p) => p.bytes);
    let received = heldParts().reduce((sum, part) => sum + part.length, 0);
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const commit = (): void => {
      if (pendingBytes === 0) return;
      const bytes = Buffer.concat(pending);
      db.transaction(() => {
        db.prepare('INSERT INTO sync_download_parts (document_id, byte_offset, bytes) VALUES (?, ?, ?)').run(document.document_id, received, bytes);
        received += bytes.length;
        db.prepare('UPDATE sync_documents SET received = ? WHERE document_id = ?').run(received, document.document_id);
      })();
      pending = [];
      pendingBytes = 0;
      onProgress(received);
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        while (received < document.size) {
          const { received: got } = await authorised((client, token) =>
            client.documentBytes(token, document.sha256, received, (piece) => {
              pending.push(piece);
              pendingBytes += piece.length;
              if (pendingBytes >= partBytes) commit();
            }),
          );
          commit();
          if (got === 0) break;
        }
        break;
      } catch (error) {
        // Whatever arrived before the cut is kept: the retry, or the next start of the app, resumes after it.
        commit();
        if (!(error instanceof EndpointCallError) || !error.transient || attempt >= resumeAttempts) throw error;
      }
    }
    onProgress(received);
    const whole = Buffer.concat(heldParts());
    const good = createHash('sha256').update(whole).digest('hex') === document.sha256;
    // Whole or not, the parts of a pack have served; a file that fails its hash starts over when republished.
    if (!keep || !good) this.clearParts([document.document_id]);
    if (!good) throw new CorruptDocument(`it did not match its content hash (${whole.length} of ${document.size} bytes received); it was not imported`);
    return new Uint8Array(whole);
  }
}

/** A published document: remembered here, and fetched and imported by the pack download. */
export const syncedDocument: LocalHooks = {
  store: (deleted, data, { db }) => {
    const parsed = MeetingDocument.safeParse(data);
    if (deleted || !parsed.success) return 'applied';
    const d = parsed.data;
    db.prepare(
      `INSERT INTO sync_documents (document_id, meeting_id, sha256, size, restricted, kind) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (document_id) DO NOTHING`,
    ).run(d.id, d.meetingId, d.sha256, d.size, d.restricted ? 1 : 0, d.kind);
    return 'applied';
  },
};

/** Failures of one paper that must not hold up the rest: a bad file, or one the endpoint no longer gives this member. */
function refusable(error: unknown): boolean {
  return error instanceof CorruptDocument || (error instanceof EndpointCallError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN'));
}

function describe(paper: Paper): string {
  const item = paper.record.itemNumber === null ? '' : `, item ${paper.record.itemNumber}`;
  return `"${paper.record.title}" (${paper.record.kind}${item}, version ${paper.record.version})`;
}
