import type { Readable } from 'node:stream';

/** What a client declares about an upload; whatever it declares is checked against the bytes. */
export interface ExpectedDocument {
  /** Hex SHA-256 the bytes must hash to. */
  sha256?: string;
  size?: number;
  mediaType: string;
}

export interface StoredDocument {
  sha256: string;
  size: number;
  mediaType: string;
}

/** Inclusive byte positions, already checked against the document's size. */
export interface ByteRange {
  start: number;
  end: number;
}

/** The bytes did not hash to, or did not add up to, what the uploader declared. */
export class DocumentMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentMismatch';
  }
}

/**
 * Where published PDFs live, content-addressed by SHA-256. Every method streams: neither an upload
 * nor a download is ever held whole in the endpoint's memory, whatever its size. Who may read a
 * document is not the store's business (packs.ts decides that from `meeting_documents`); the store
 * holds bytes and the `documents` row that says they are complete.
 *
 * The one implementation is PostgreSQL large objects (largeObjects.ts). A hosted deployment would
 * plug object storage in here instead: see "Where documents are stored" in the README.
 */
export interface DocumentStore {
  /**
   * Consumes `body` while hashing it. Resolves once the bytes are durably stored and their
   * `documents` row written; the same bytes stored twice are kept once. Rejects, leaving nothing
   * behind, when the body fails (the stream's own error is passed on) or does not match `expected`
   * (DocumentMismatch).
   */
  put(body: Readable, expected: ExpectedDocument): Promise<StoredDocument>;
  /**
   * The whole document, or only `range` of it, or null when it is not stored. Resolves once the
   * bytes are found, so the caller can still answer 404 before any header is sent.
   */
  get(sha256: string, range?: ByteRange): Promise<Readable | null>;
  stat(sha256: string): Promise<StoredDocument | null>;
}
