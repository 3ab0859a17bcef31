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
/** Received bytes are committed in pieces of about this size (fewer, larger rows than the socket's). */
const partBytes = 256 * 1024;

/**
 * Downloads the packs and supplements of published meetings in the next N weeks. What has arrived
 * is committed as it arrives, so a cut download, or one interrupted by quitting the app, resumes
 * with a Range request from the bytes already held; the whole file must match its content hash
 * before it is imported.
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
    const whole = Buffer.concat(heldParts());
    // Whole or not, the parts have served: a file that fails its hash starts over next time.
    db.transaction(() => {
      db.prepare('DELETE FROM sync_download_parts WHERE document_id = ?').run(document.document_id);
      db.prepare('UPDATE sync_documents SET received = 0 WHERE document_id = ?').run(document.document_id);
    })();
    if (createHash('sha256').update(whole).digest('hex') !== document.sha256) {
      throw new EndpointCallError('BAD_RESPONSE', `Document ${document.document_id} did not match its content hash`);
    }
    return new Uint8Array(whole);
  }
}
