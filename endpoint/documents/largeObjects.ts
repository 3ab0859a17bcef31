import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { transaction } from '../records';
import { DocumentMismatch, type ByteRange, type DocumentStore, type ExpectedDocument, type StoredDocument } from './store';

/** Bytes per round trip: large enough to keep a download near the wire's speed, small enough to hold. */
export const largeObjectChunkBytes = 1024 * 1024;

/** An upload unfinished this long was cut off by a crash or a lost connection, never finished. */
const abandonedAfter = '1 day';

/**
 * Documents as PostgreSQL large objects (endpoint migration 8): `documents` says what is stored,
 * `document_large_objects` which object holds it. Bytes move with lo_put and lo_get one chunk per
 * statement, each its own short transaction, for two reasons. A pull serves only changes older
 * than every transaction still running, so one transaction held open for a clerk's slow 200 MB
 * upload would hold back every member's pull until it ended. And a download between two chunks
 * holds no connection, so a slow reader never starves the pool.
 *
 * An upload in progress is listed in `document_uploads` from the statement that creates its object,
 * so one cut off by a crash is found and unlinked by a later upload rather than left orphaned.
 */
export class LargeObjectStore implements DocumentStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly chunkBytes = largeObjectChunkBytes,
  ) {}

  async put(body: Readable, expected: ExpectedDocument): Promise<StoredDocument> {
    await this.pool.query(`WITH gone AS (DELETE FROM document_uploads WHERE started_at < now() - interval '${abandonedAfter}' RETURNING oid) SELECT lo_unlink(oid) FROM gone`);
    const created = await this.pool.query<{ oid: number }>('INSERT INTO document_uploads (oid) VALUES (lo_create(0)) RETURNING oid');
    const oid = created.rows[0]!.oid;
    try {
      const hash = createHash('sha256');
      // One buffer, filled and written again and again: an upload adds no garbage of its own.
      const buffer = Buffer.allocUnsafe(this.chunkBytes);
      let filled = 0;
      let written = 0;
      const flush = async (): Promise<void> => {
        if (filled === 0) return;
        await this.pool.query('SELECT lo_put($1, $2, $3)', [oid, written, buffer.subarray(0, filled)]);
        written += filled;
        filled = 0;
      };
      // Iterating pauses the body while a chunk is written: the sender is held back, not buffered.
      for await (const chunk of body as AsyncIterable<Buffer>) {
        hash.update(chunk);
        if (expected.size !== undefined && written + filled + chunk.length > expected.size) throw new DocumentMismatch(`The document is larger than the ${expected.size} bytes declared`);
        for (let from = 0; from < chunk.length; ) {
          const copied = chunk.copy(buffer, filled, from);
          from += copied;
          filled += copied;
          if (filled === buffer.length) await flush();
        }
      }
      await flush();
      const sha256 = hash.digest('hex');
      if (expected.sha256 !== undefined && expected.sha256 !== sha256) throw new DocumentMismatch(`The document's SHA-256 is ${sha256}, not the ${expected.sha256} declared`);
      if (expected.size !== undefined && expected.size !== written) throw new DocumentMismatch(`The document has ${written} bytes, not the ${expected.size} declared`);
      return await transaction(this.pool, async (client) => {
        const inserted = await client.query<{ media_type: string }>(
          'INSERT INTO documents (sha256, size, media_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING media_type',
          [sha256, written, expected.mediaType],
        );
        if (inserted.rowCount === 1) {
          await client.query('INSERT INTO document_large_objects (sha256, oid) VALUES ($1, $2)', [sha256, oid]);
        } else {
          // Stored already, by an earlier upload or one finishing at the same moment: keep that copy.
          await client.query('SELECT lo_unlink($1)', [oid]);
        }
        await client.query('DELETE FROM document_uploads WHERE oid = $1', [oid]);
        const stored = inserted.rows[0] ?? (await client.query<{ media_type: string }>('SELECT media_type FROM documents WHERE sha256 = $1', [sha256])).rows[0]!;
        return { sha256, size: written, mediaType: stored.media_type };
      });
    } catch (error) {
      await this.pool.query('WITH gone AS (DELETE FROM document_uploads WHERE oid = $1 RETURNING oid) SELECT lo_unlink(oid) FROM gone', [oid]);
      throw error;
    }
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable | null> {
    const found = await this.pool.query<{ oid: number; size: string }>('SELECT l.oid, d.size FROM document_large_objects l JOIN documents d USING (sha256) WHERE sha256 = $1', [sha256]);
    const row = found.rows[0];
    if (!row) return null;
    const { pool, chunkBytes } = this;
    const end = range ? range.end : Number(row.size) - 1;
    let position = range ? range.start : 0;
    return new Readable({
      // One chunk read ahead: what the endpoint holds per download whatever the document's size.
      highWaterMark: chunkBytes,
      read() {
        if (position > end) {
          this.push(null);
          return;
        }
        // Base64 rather than node-pg's default hex: a third less to send and decode per chunk.
        // (Its binary result mode would be smaller still, but decodes bytea as UTF-8 and corrupts it.)
        pool.query<{ part: string }>("SELECT encode(lo_get($1, $2, $3), 'base64') AS part", [row.oid, position, Math.min(chunkBytes, end - position + 1)]).then(
          (result) => {
            // PostgreSQL breaks the text into lines, which Buffer's decoder skips.
            const encoded = result.rows[0]?.part;
            const part = encoded ? Buffer.from(encoded, 'base64') : null;
            if (!part || part.length === 0) {
              this.destroy(new Error(`large object ${row.oid} of ${sha256} ends at ${position}, before ${end + 1}`));
              return;
            }
            position += part.length;
            this.push(part);
          },
          (error: Error) => this.destroy(error),
        );
      },
    });
  }

  async stat(sha256: string): Promise<StoredDocument | null> {
    const found = await this.pool.query<{ size: string; media_type: string }>('SELECT size, media_type FROM documents WHERE sha256 = $1', [sha256]);
    const row = found.rows[0];
    return row ? { sha256, size: Number(row.size), mediaType: row.media_type } : null;
  }
}
