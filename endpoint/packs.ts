import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type pg from 'pg';
import type { MeetingDocument, PublishedMeeting, PublishMeeting } from '../shared/sync/wire';
import { PublishMeeting as PublishMeetingSchema, type DocumentUpload } from '../shared/sync/wire';
import type { z } from 'zod';
import { publishes, seesCommittee, seesRestricted } from './access';
import { committeeId, EndpointError, type Principal } from './accounts';
import { DocumentMismatch, type DocumentStore, type StoredDocument } from './documents/store';
import { transaction, writeRecord } from './records';

type Upload = z.output<typeof DocumentUpload>;

interface MeetingDocumentRow {
  id: string;
  meeting_id: string;
  sha256: string;
  size: string;
  media_type: string;
  title: string;
  kind: MeetingDocument['kind'];
  item_number: string | null;
  restricted: boolean;
  version: number;
  published_at: Date;
}

function toDocument(row: MeetingDocumentRow): MeetingDocument {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    sha256: row.sha256,
    size: Number(row.size),
    mediaType: row.media_type,
    title: row.title,
    kind: row.kind,
    itemNumber: row.item_number,
    restricted: row.restricted,
    version: row.version,
    publishedAt: row.published_at.toISOString(),
  };
}

function mustPublish(principal: Principal): void {
  if (!publishes(principal)) throw new EndpointError(403, 'FORBIDDEN', 'Only a clerk may publish meetings and packs');
}

export async function publishMeeting(pool: pg.Pool, principal: Principal, input: PublishMeeting): Promise<PublishedMeeting> {
  mustPublish(principal);
  const meeting = PublishMeetingSchema.parse(input);
  return transaction(pool, async (client) => {
    // The clerk's own council's committee of that name, never a namesake elsewhere.
    const committee = await committeeId(client, principal.councilId, meeting.committee);
    const id = randomUUID();
    await client.query(
      `INSERT INTO meetings (id, council_id, committee_id, title, date, start_time, venue, items, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, principal.councilId, committee, meeting.title, meeting.date, meeting.startTime, meeting.venue, JSON.stringify(meeting.items), principal.userId],
    );
    const published = { id, committee: meeting.committee, title: meeting.title, date: meeting.date, startTime: meeting.startTime, venue: meeting.venue, items: meeting.items };
    const record = await writeRecord(client, null, { entity: 'meeting', id, deleted: false, data: published, ownerId: null, committeeId: committee, councilId: principal.councilId, private: false, restricted: false }, 'create');
    return { ...published, version: record.version };
  });
}

/** The body passed on as it arrives, refused as soon as it is not a PDF or grows past `maxBytes`. */
async function* pdfBody(body: Readable, maxBytes: number): AsyncGenerator<Buffer> {
  let head = Buffer.alloc(0);
  let size = 0;
  // Not destroyed on a refusal: the rest is drained so the uploader still gets the answer.
  for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new EndpointError(413, 'INVALID_INPUT', `The document is larger than ${maxBytes} bytes`);
    if (head.length < 5) {
      head = Buffer.concat([head, chunk.subarray(0, 5 - head.length)]);
      if (head.length === 5 && head.toString('latin1') !== '%PDF-') throw notPdf();
    }
    yield chunk;
  }
  if (head.length < 5) throw notPdf();
}

const notPdf = (): EndpointError => new EndpointError(400, 'INVALID_INPUT', 'The document is not a PDF');

export interface UploadBody {
  stream: Readable;
  /** Content-Length, when the uploader sent one. */
  size?: number;
  maxBytes: number;
}

/**
 * Stores the PDF once by its SHA-256 and links it to the meeting. A paper published again under
 * the same kind and title becomes its next version; a supplement is just another kind. The bytes
 * stream into the store, checked against the hash and size declared, before the link is written:
 * a refused upload leaves no link, and the store keeps nothing of it either.
 */
export async function uploadDocument(pool: pg.Pool, store: DocumentStore, principal: Principal, meetingId: string, upload: Upload, body: UploadBody): Promise<MeetingDocument> {
  mustPublish(principal);
  // Settled before a byte is read: refusing an upload costs nothing.
  const known = await pool.query('SELECT 1 FROM meetings WHERE id = $1 AND council_id = $2', [meetingId, principal.councilId]);
  if (known.rowCount === 0) throw new EndpointError(404, 'NOT_FOUND', 'No such meeting');
  if (body.size !== undefined && body.size > body.maxBytes) throw new EndpointError(413, 'INVALID_INPUT', `The document is larger than ${body.maxBytes} bytes`);
  let stored: StoredDocument;
  try {
    stored = await store.put(Readable.from(pdfBody(body.stream, body.maxBytes)), { sha256: upload.sha256, size: body.size, mediaType: 'application/pdf' });
  } catch (error) {
    if (error instanceof DocumentMismatch) throw new EndpointError(400, 'INVALID_INPUT', error.message);
    throw error;
  }
  const { sha256, size } = stored;
  return transaction(pool, async (client) => {
    // Locking the meeting serialises uploads to it, so two versions never get the same number.
    // Another council's meeting is no meeting at all to this clerk.
    const meeting = await client.query<{ committee_id: string }>('SELECT committee_id FROM meetings WHERE id = $1 AND council_id = $2 FOR UPDATE', [meetingId, principal.councilId]);
    const found = meeting.rows[0];
    if (!found) throw new EndpointError(404, 'NOT_FOUND', 'No such meeting');
    const inserted = await client.query<MeetingDocumentRow>(
      `INSERT INTO meeting_documents (id, meeting_id, sha256, title, kind, item_number, restricted, version)
       SELECT $1, $2, $3, $4, $5, $6, $7, coalesce(max(version), 0) + 1 FROM meeting_documents WHERE meeting_id = $2 AND kind = $5 AND title = $4
       RETURNING *, $8::bigint AS size, 'application/pdf' AS media_type`,
      [randomUUID(), meetingId, sha256, upload.title, upload.kind, upload.itemNumber ?? null, upload.restricted, size],
    );
    const document = toDocument(inserted.rows[0]!);
    await writeRecord(client, null, { entity: 'meeting_document', id: document.id, deleted: false, data: document, ownerId: null, committeeId: found.committee_id, councilId: principal.councilId, private: false, restricted: document.restricted }, 'create');
    return document;
  });
}

export async function listDocuments(pool: pg.Pool, principal: Principal, meetingId: string): Promise<MeetingDocument[]> {
  const meeting = await pool.query<{ committee_id: string }>('SELECT committee_id FROM meetings WHERE id = $1 AND council_id = $2', [meetingId, principal.councilId]);
  const found = meeting.rows[0];
  if (!found || !seesCommittee(principal, found.committee_id)) throw new EndpointError(404, 'NOT_FOUND', 'No such meeting');
  const rows = await pool.query<MeetingDocumentRow>(
    `SELECT md.*, d.size, d.media_type FROM meeting_documents md JOIN documents d USING (sha256)
      WHERE md.meeting_id = $1 AND (NOT md.restricted OR $2) ORDER BY md.published_at, md.id`,
    [meetingId, seesRestricted(principal, found.committee_id)],
  );
  return rows.rows.map(toDocument);
}

/**
 * Size of a document the caller is entitled to, or a 404 that does not say whether it exists.
 * The bytes are stored once whoever published them; only a link from a meeting of the caller's
 * council entitles them, so knowing another council's hash fetches nothing.
 */
export async function entitledDocument(pool: pg.Pool, principal: Principal, sha256: string): Promise<{ size: number }> {
  const links = await pool.query<{ committee_id: string; restricted: boolean; size: string }>(
    `SELECT m.committee_id, md.restricted, d.size FROM meeting_documents md JOIN meetings m ON m.id = md.meeting_id JOIN documents d USING (sha256) WHERE md.sha256 = $1 AND m.council_id = $2`,
    [sha256, principal.councilId],
  );
  const entitled = links.rows.find((l) => (l.restricted ? seesRestricted(principal, l.committee_id) : seesCommittee(principal, l.committee_id)));
  if (!entitled) throw new EndpointError(404, 'NOT_FOUND', 'No such document');
  return { size: Number(entitled.size) };
}
