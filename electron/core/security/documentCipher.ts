import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import type { DataKey } from './keyStore';

/**
 * Stored documents are encrypted with AES-256-GCM in fixed-size chunks, so the reader's range
 * requests decrypt only the chunks they touch instead of the whole 500-page pack.
 *
 * Each file has its own key, derived from the data key and the document's content hash with HKDF.
 * Documents are content-addressed and never rewritten, so one key only ever encrypts one plaintext,
 * which is what makes the counter nonce (the chunk index) safe. The header, the chunk index and a
 * last-chunk flag are authenticated with every chunk: chunks cannot be reordered, swapped between
 * files or cut off the end without decryption failing.
 *
 * Layout: magic(8) | chunkSize u32 BE | plainSize u64 BE | chunk0 ciphertext+tag(16) | chunk1 …
 */
export const magic = Buffer.from('CHMBDOC1', 'ascii');
export const headerBytes = magic.length + 4 + 8;
export const tagBytes = 16;
export const defaultChunkSize = 64 * 1024;

export interface Header {
  chunkSize: number;
  plainSize: number;
}

export function fileKey(dataKey: DataKey, sha256: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.from(sha256, 'hex'), 'chamber/document/v1', 32));
}

/**
 * A page raster's key (a picture of one page of a stored document, made so the reader can show it
 * before pdf.js has parsed the pack). Its own HKDF label and the page number keep it apart from the
 * document's key: the raster is a different plaintext, so it may not share the document's nonces.
 * A raster made again at another size is written under a new salt (`generation`).
 */
export function rasterKey(dataKey: DataKey, sha256: string, page: number, generation: Buffer): Buffer {
  const salt = Buffer.concat([Buffer.from(sha256, 'hex'), Buffer.from(String(page)), generation]);
  return Buffer.from(hkdfSync('sha256', dataKey, salt, 'chamber/page-raster/v1', 32));
}

/** A saved-notes file's key: from the data key and the file's own random salt, so each key seals one plaintext. */
export function savedNotesKey(dataKey: DataKey, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, salt, 'chamber/saved-notes/v1', 32));
}

export function encodeHeader(header: Header): Buffer {
  const out = Buffer.alloc(headerBytes);
  magic.copy(out, 0);
  out.writeUInt32BE(header.chunkSize, magic.length);
  out.writeBigUInt64BE(BigInt(header.plainSize), magic.length + 4);
  return out;
}

/** Undefined when the bytes are not an encrypted document (e.g. a PDF stored before encryption). */
export function decodeHeader(bytes: Buffer): Header | undefined {
  if (bytes.length < headerBytes || !bytes.subarray(0, magic.length).equals(magic)) return undefined;
  const chunkSize = bytes.readUInt32BE(magic.length);
  const plainSize = Number(bytes.readBigUInt64BE(magic.length + 4));
  if (chunkSize <= 0 || !Number.isSafeInteger(plainSize)) return undefined;
  return { chunkSize, plainSize };
}

export const chunkCount = (header: Header): number => Math.max(1, Math.ceil(header.plainSize / header.chunkSize));

/** Where chunk `index` starts in the file, and how many bytes (ciphertext + tag) it takes. */
export function chunkSpan(header: Header, index: number): { offset: number; length: number } {
  const plain = Math.min(header.chunkSize, header.plainSize - index * header.chunkSize);
  return { offset: headerBytes + index * (header.chunkSize + tagBytes), length: Math.max(0, plain) + tagBytes };
}

function nonce(index: number): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeBigUInt64BE(BigInt(index), 4);
  return iv;
}

function aad(headerBuffer: Buffer, index: number, last: boolean): Buffer {
  const extra = Buffer.alloc(9);
  extra.writeBigUInt64BE(BigInt(index), 0);
  extra[8] = last ? 1 : 0;
  return Buffer.concat([headerBuffer, extra]);
}

/** Encrypts a whole document; yields the header then each sealed chunk so large files stream to disk. */
export function* encryptDocument(key: Buffer, plain: Uint8Array, chunkSize = defaultChunkSize): Generator<Buffer> {
  const header = { chunkSize, plainSize: plain.length };
  const headerBuffer = encodeHeader(header);
  yield headerBuffer;
  const count = chunkCount(header);
  for (let index = 0; index < count; index++) {
    const cipher = createCipheriv('aes-256-gcm', key, nonce(index));
    cipher.setAAD(aad(headerBuffer, index, index === count - 1));
    const part = plain.subarray(index * chunkSize, Math.min(plain.length, (index + 1) * chunkSize));
    yield Buffer.concat([cipher.update(part), cipher.final(), cipher.getAuthTag()]);
  }
}

/** Opens one sealed chunk; throws if it was altered, moved or belongs to another file. */
export function decryptChunk(key: Buffer, header: Header, index: number, sealed: Buffer): Buffer {
  const count = chunkCount(header);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce(index));
  decipher.setAAD(aad(encodeHeader(header), index, index === count - 1));
  decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - tagBytes)), decipher.final()]);
}

/**
 * Opens a whole document sealed by `encryptDocument` (small ones read at once, such as saved
 * notes): undefined when it has no header; throws if any chunk was altered, cut short or sealed
 * under another key.
 */
export function decryptDocument(key: Buffer, sealed: Buffer): Buffer | undefined {
  const header = decodeHeader(sealed);
  if (!header) return undefined;
  const parts: Buffer[] = [];
  for (let index = 0; index < chunkCount(header); index++) {
    const span = chunkSpan(header, index);
    parts.push(decryptChunk(key, header, index, sealed.subarray(span.offset, span.offset + span.length)));
  }
  return Buffer.concat(parts);
}
