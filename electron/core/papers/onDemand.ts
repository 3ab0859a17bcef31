import type { PapersDownload } from '../../../shared/api/contracts/papers';
import { errorCodes } from '../../../shared/result';
import { MeetingDocument } from '../../../shared/sync/wire';
import type { Db } from '../db/database';
import type { MeetingAccess } from '../meetings/access';
import { CoreError } from '../errors';
import { toCoreError } from '../sync/service';
import type { ModernGovSync } from '../moderngov/sync';
import type { SyncEngine } from '../sync/engine';
import type { PackDownloads } from '../sync/packDownloads';

interface Deps {
  db: Db;
  access: MeetingAccess;
  engine: SyncEngine;
  downloads: PackDownloads;
  moderngov: ModernGovSync;
}

type Running = Pick<PapersDownload, 'state' | 'done' | 'total' | 'error'> & { documents: { done: number; total: number } | null };

/**
 * A meeting's papers when a member asks, whatever the meeting's date. From the endpoint it asks the
 * sync's own downloader for the meeting (resumed with Range, hash-checked, imported as a synced pack
 * is; the endpoint gives restricted papers only to members entitled to them); from a Modern.gov site
 * it reads the meeting again through the refresh, overriding the backoff of its failed documents.
 */
export class PapersOnDemand {
  private readonly runs = new Map<string, Running>();

  constructor(private readonly deps: Deps) {}

  get(meetingId: string): PapersDownload {
    const source = this.source(meetingId);
    const run = this.runs.get(meetingId);
    const progress = run?.state === 'running' ? (run.documents ?? this.deps.downloads.progress) : null;
    return {
      meetingId,
      source,
      state: run?.state ?? 'idle',
      done: progress?.done ?? run?.done ?? 0,
      total: progress?.total ?? run?.total ?? 0,
      ...this.held(meetingId, source),
      error: run?.error ?? null,
    };
  }

  /** A second ask while one runs follows the running one. */
  start(meetingId: string): PapersDownload {
    this.deps.access.requireMeeting(meetingId);
    if (this.runs.get(meetingId)?.state === 'running') return this.get(meetingId);
    const source = this.source(meetingId);
    if (source === null) throw new CoreError('NOT_FOUND', "This meeting's papers do not come from the council endpoint or a Modern.gov site; import its pack instead");
    if (source === 'endpoint' && !this.deps.engine.signedIn()) throw new CoreError('SIGN_IN_REQUIRED', 'Sign in to the council endpoint to fetch these papers');
    const run: Running = { state: 'running', done: 0, total: 0, error: null, documents: null };
    this.runs.set(meetingId, run);
    const work = source === 'endpoint' ? this.fromEndpoint(meetingId) : this.fromModernGov(meetingId, run);
    work.then(
      () => {
        run.state = 'succeeded';
      },
      (error: unknown) => {
        const known = toCoreError(error);
        if (!(known instanceof CoreError)) console.error('[core] papers on demand failed', error);
        run.state = 'failed';
        run.error = known instanceof CoreError ? { code: known.code, message: known.message } : { code: 'INTERNAL', message: 'The papers could not be fetched; nothing was half-saved.' };
      },
    );
    return this.get(meetingId);
  }

  private async fromEndpoint(meetingId: string): Promise<void> {
    this.deps.downloads.request(meetingId);
    // A sync already running may be past its downloads: then the next one serves the meeting.
    await this.deps.engine.sync();
    if (this.deps.downloads.isRequested(meetingId)) await this.deps.engine.sync();
  }

  private async fromModernGov(meetingId: string, run: Running): Promise<void> {
    const result = await this.deps.moderngov.refreshMeeting(meetingId, {
      signal: new AbortController().signal,
      progress: () => undefined,
      documentProgress: (done, total) => {
        run.documents = { done, total };
      },
    });
    const failed = result.failures.find((f) => f.kind === 'meeting');
    if (failed) throw new CoreError(errorCodes.find((c) => c === failed.code) ?? 'INTERNAL', failed.message);
  }

  private source(meetingId: string): PapersDownload['source'] {
    const db = this.deps.db;
    if (db.prepare('SELECT 1 FROM moderngov_meetings WHERE meeting_id = ?').get(meetingId) !== undefined) return 'moderngov';
    if (db.prepare("SELECT 1 FROM sync_shadow WHERE entity = 'meeting' AND id = ? AND deleted = 0").get(meetingId) !== undefined) return 'endpoint';
    return null;
  }

  private held(meetingId: string, source: PapersDownload['source']): Pick<PapersDownload, 'stored' | 'refused'> {
    const db = this.deps.db;
    if (source === 'moderngov') {
      const docs = db
        .prepare<[string], { title: string; document_sha256: string | null; fetch_error: string | null }>(
          'SELECT d.title, d.document_sha256, d.fetch_error FROM moderngov_documents d JOIN moderngov_items i ON i.id = d.item_id WHERE i.meeting_id = ? ORDER BY i.position, d.position',
        )
        .all(meetingId);
      return { stored: docs.filter((d) => d.document_sha256 !== null).length, refused: docs.flatMap((d) => (d.fetch_error ? [{ title: d.title, reason: d.fetch_error }] : [])) };
    }
    if (source === 'endpoint') {
      const docs = db
        .prepare<[string], { stored_at: string | null; error: string | null; record: string | null }>(
          `SELECT d.stored_at, d.error, s.data AS record FROM sync_documents d
             LEFT JOIN sync_shadow s ON s.entity = 'meeting_document' AND s.id = d.document_id WHERE d.meeting_id = ? ORDER BY d.rowid`,
        )
        .all(meetingId);
      const title = (record: string | null) => {
        const parsed = MeetingDocument.safeParse(record === null ? null : JSON.parse(record));
        return parsed.success ? parsed.data.title : null;
      };
      return { stored: docs.filter((d) => d.stored_at !== null).length, refused: docs.flatMap((d) => (d.error ? [{ title: title(d.record), reason: d.error }] : [])) };
    }
    return { stored: 0, refused: [] };
  }
}
