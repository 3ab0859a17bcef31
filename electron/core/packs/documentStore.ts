import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../errors';
import { chunkCount, chunkSpan, decodeHeader, decryptChunk, decryptDocument, encryptDocument, fileKey, headerBytes, rasterKey, type Header } from '../security/documentCipher';
import type { DataKey } from '../security/keyStore';

/** What the reader needs to place a page's picture before pdf.js has the page: sizes in pixels and points. */
export interface RasterMeta {
  mime: 'image/webp';
  width: number;
  height: number;
  pageWidth: number;
  pageHeight: number;
}

const rasterSaltBytes = 16;
const rasterSuffix = '.raster';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Stored PDFs, named by their sha256 under <data>/documents/ab/<hash>.pdf and encrypted at rest (see
 * documentCipher.ts). Writes go to a temporary file, are fsynced and renamed into place, so a crash
 * never leaves a half-written document under a real name.
 */
export class DocumentStore {
  constructor(
    private readonly root: string,
    private readonly key: DataKey,
  ) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new CoreError('INVALID_INPUT', 'Not a document hash');
    return path.join(this.root, sha256.slice(0, 2), `${sha256}.pdf`);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  /** Returns whether the file was newly written (so a failed import can remove only what it added). */
  put(sha256: string, bytes: Uint8Array): boolean {
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) return false;
    this.writeEncrypted(target, sha256, bytes);
    return true;
  }

  /** Removes the document and every page picture made of it (a picture shows the paper as much as the file does). */
  remove(sha256: string): void {
    fs.rmSync(this.pathOf(sha256), { force: true });
    for (const page of this.rasterPages(sha256)) fs.rmSync(this.rasterPathOf(sha256, page), { force: true });
  }

  /**
   * Page pictures live beside their document (<hash>.page-N.raster), sealed under a key of their own
   * (documentCipher.rasterKey, from a fresh salt at the head of the file), so removing or wiping
   * documents removes them too and nothing of a page is ever on disk in the clear.
   */
  rasterPathOf(sha256: string, page: number): string {
    if (!Number.isInteger(page) || page < 1) throw new CoreError('INVALID_INPUT', 'Not a page number');
    return path.join(path.dirname(this.pathOf(sha256)), `${sha256}.page-${page}${rasterSuffix}`);
  }

  /** The pages of a document that have a picture. */
  rasterPages(sha256: string): number[] {
    const folder = path.dirname(this.pathOf(sha256));
    if (!fs.existsSync(folder)) return [];
    const pattern = new RegExp(`^${sha256}\\.page-(\\d+)\\${rasterSuffix}$`);
    return fs.readdirSync(folder).flatMap((name) => {
      const match = pattern.exec(name);
      return match?.[1] ? [Number(match[1])] : [];
    });
  }

  putRaster(sha256: string, page: number, meta: RasterMeta, image: Uint8Array): void {
    const target = this.rasterPathOf(sha256, page);
    const salt = randomBytes(rasterSaltBytes);
    const head = Buffer.from(JSON.stringify(meta), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(head.length);
    const plain = Buffer.concat([length, head, image]);
    const temp = `${target}.${randomUUID()}.tmp`;
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      fs.writeSync(fd, Buffer.concat([salt, ...encryptDocument(rasterKey(this.key, sha256, page, salt), plain)]));
      fs.fsyncSync(fd);
    } catch (error) {
      fs.closeSync(fd);
      fs.rmSync(temp, { force: true });
      throw error;
    }
    fs.closeSync(fd);
    fs.renameSync(temp, target);
  }

  /** A page's picture, or null when none was made (or it cannot be opened: it is only a cache). */
  readRaster(sha256: string, page: number): { meta: RasterMeta; image: Buffer } | null {
    const file = this.rasterPathOf(sha256, page);
    if (!fs.existsSync(file)) return null;
    try {
      const sealed = fs.readFileSync(file);
      const plain = decryptDocument(rasterKey(this.key, sha256, page, sealed.subarray(0, rasterSaltBytes)), sealed.subarray(rasterSaltBytes));
      if (!plain) return null;
      const headLength = plain.readUInt32BE(0);
      const meta = JSON.parse(plain.subarray(4, 4 + headLength).toString('utf8')) as RasterMeta;
      return { meta, image: plain.subarray(4 + headLength) };
    } catch {
      return null;
    }
  }

  removeRaster(sha256: string, page: number): void {
    fs.rmSync(this.rasterPathOf(sha256, page), { force: true });
  }

  read(sha256: string, offset: number, length: number): { data: Buffer; total: number } {
    const file = this.pathOf(sha256);
    if (!fs.existsSync(file)) throw new CoreError('NOT_FOUND', 'That document is not stored on this device');
    const fd = fs.openSync(file, 'r');
    try {
      const header = readHeader(fd, file);
      const start = Math.max(0, Math.min(offset, header.plainSize));
      const end = Math.min(header.plainSize, start + Math.max(0, length));
      if (end <= start) return { data: Buffer.alloc(0), total: header.plainSize };
      const key = fileKey(this.key, sha256);
      const parts: Buffer[] = [];
      for (let index = Math.floor(start / header.chunkSize); index * header.chunkSize < end; index++) {
        const plain = this.readChunk(fd, key, header, index, file);
        const chunkStart = index * header.chunkSize;
        parts.push(plain.subarray(Math.max(0, start - chunkStart), Math.min(plain.length, end - chunkStart)));
      }
      return { data: Buffer.concat(parts), total: header.plainSize };
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The whole document, decrypted (exports and re-extraction need every byte). */
  readAll(sha256: string): Buffer {
    const { total } = this.read(sha256, 0, 0);
    return this.read(sha256, 0, total).data;
  }

  /**
   * Encrypts documents stored before encryption existed. Each is verified against its name (the
   * content hash) first, so a file that is not what it claims is left for the member to re-import
   * rather than sealed under the key as if it were genuine.
   */
  encryptLegacyFiles(): { encrypted: number; skipped: string[] } {
    const result = { encrypted: 0, skipped: [] as string[] };
    if (!fs.existsSync(this.root)) return result;
    for (const dir of fs.readdirSync(this.root)) {
      const folder = path.join(this.root, dir);
      if (!fs.statSync(folder).isDirectory()) continue;
      for (const name of fs.readdirSync(folder)) {
        const match = /^([0-9a-f]{64})\.pdf$/.exec(name);
        if (!match?.[1]) continue;
        const file = path.join(folder, name);
        const bytes = fs.readFileSync(file);
        if (decodeHeader(bytes.subarray(0, headerBytes))) continue;
        if (sha256Hex(bytes) !== match[1]) {
          result.skipped.push(file);
          continue;
        }
        this.writeEncrypted(file, match[1], bytes);
        result.encrypted++;
      }
    }
    return result;
  }

  private writeEncrypted(target: string, sha256: string, bytes: Uint8Array): void {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.tmp`;
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      for (const part of encryptDocument(fileKey(this.key, sha256), bytes)) fs.writeSync(fd, part);
      fs.fsyncSync(fd);
    } catch (error) {
      fs.closeSync(fd);
      fs.rmSync(temp, { force: true });
      throw error;
    }
    fs.closeSync(fd);
    fs.renameSync(temp, target);
  }

  private readChunk(fd: number, key: Buffer, header: Header, index: number, file: string): Buffer {
    if (index >= chunkCount(header)) return Buffer.alloc(0);
    const span = chunkSpan(header, index);
    const sealed = Buffer.alloc(span.length);
    const read = fs.readSync(fd, sealed, 0, span.length, span.offset);
    try {
      if (read !== span.length) throw new Error('short read');
      return decryptChunk(key, header, index, sealed);
    } catch {
      throw new CoreError('DOCUMENT_DAMAGED', `${file} is damaged or was not encrypted with this device's key`);
    }
  }
}

function readHeader(fd: number, file: string): Header {
  const buffer = Buffer.alloc(headerBytes);
  fs.readSync(fd, buffer, 0, headerBytes, 0);
  const header = decodeHeader(buffer);
  if (!header) throw new CoreError('DOCUMENT_DAMAGED', `${file} is not an encrypted Chamber document`);
  return header;
}
