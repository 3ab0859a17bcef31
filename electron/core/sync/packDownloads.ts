import { createHash } from 'node:crypto';
import { EndpointCallError, type EndpointClient } from './endpointClient';
import type { SyncStore } from './syncStore';

export type Authorised = <T>(call: (client: EndpointClient, token: string) => Promise<T>) => Promise<T>;

/** Hands a downloaded PDF to the same importer a dropped file goes through, so the reader works unchanged. */
export type ImportPack = (bytes: Uint8Array, fileName: string, meetingId: string) => Promise<void>;

interface WantedDocument {
  document_id: string;
  meeting_id: string;
  sha256: string;
  size: number;
}

/** Attempts per document after a cut connection; each resumes where the last stopped. */
const resumeAttempts = 5;

/**
 * Downloads the packs and supplements of published meetings in the next N weeks. A cut download
 * resumes with a Range request from the bytes already received, and the whole file must match
 * its content hash before it is imported.
 */
export class PackDownloads {
  progress: { done: number; total: number } | null = null;

  constructor(
    private readonly store: SyncStore,
    private readonly importPack: ImportPack,
    private readonly clock: () => Date,
  ) {}

  wanted(weeks: number): WantedDocument[] {
    const today = this.clock().toISOString().slice(0, 10);
    const until = new Date(this.clock().getTime() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
    return this.store.db
      .prepare<[string, string], WantedDocument>(
        `SELECT d.document_id, d.meeting_id, d.sha256, d.size FROM sync_documents d JOIN meetings m ON m.id = d.meeting_id
          WHERE d.stored_at IS NULL AND d.error IS NULL AND d.kind IN ('pack', 'supplement') AND m.date BETWEEN ? AND ?
          ORDER BY m.date, d.rowid`,
      )
      .all(today, until);
  }

  async run(authorised: Authorised, weeks: number): Promise<number> {
    const documents = this.wanted(weeks);
    if (documents.length === 0) return 0;
    const total = documents.reduce((sum, d) => sum + d.size, 0);
    let before = 0;
    this.progress = { done: 0, total };
    try {
      for (const document of documents) {
        const bytes = await this.download(authorised, document, (received) => {
          this.progress = { done: before + received, total };
          this.store.db.prepare('UPDATE sync_documents SET received = ? WHERE document_id = ?').run(received, document.document_id);
        });
        before += document.size;
        try {
          await this.importPack(bytes, `${document.sha256.slice(0, 12)}.pdf`, document.meeting_id);
          this.store.db.prepare('UPDATE sync_documents SET stored_at = ? WHERE document_id = ?').run(this.clock().toISOString(), document.document_id);
        } catch (error) {
          // A pack the importer refuses stays refused until republished; the others carry on.
          this.store.db.prepare('UPDATE sync_documents SET error = ? WHERE document_id = ?').run((error as Error).message.slice(0, 500), document.document_id);
        }
      }
      // Annotations and declarations that waited for their meeting's pack can land now.
      this.store.retryWaiting();
      return documents.length;
    } finally {
      this.progress = null;
    }
  }

  private async download(authorised: Authorised, document: WantedDocument, onProgress: (received: number) => void): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let received = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        while (received < document.size) {
          const { bytes } = await authorised((client, token) => client.documentBytes(token, document.sha256, received));
          if (bytes.length === 0) break;
          parts.push(bytes);
          received += bytes.length;
          onProgress(received);
        }
        break;
      } catch (error) {
        if (!(error instanceof EndpointCallError) || !error.transient || attempt >= resumeAttempts) throw error;
      }
    }
    const whole = Buffer.concat(parts);
    if (createHash('sha256').update(whole).digest('hex') !== document.sha256) {
      throw new EndpointCallError('BAD_RESPONSE', `Document ${document.document_id} did not match its content hash`);
    }
    return new Uint8Array(whole);
  }
}
