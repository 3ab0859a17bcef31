import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { maxChunkBytes } from '../../../shared/domain/import';
import { CoreError } from '../errors';

interface Upload {
  fileName: string;
  byteSize: number;
  received: number;
  file: string;
  /** Lives only in memory: a part left behind by a crash is unreadable, and swept at the next start. */
  key: Buffer;
  chunks: number;
}

/**
 * Files arriving over the contract in ordered chunks (the same messages over IPC and HTTP), kept
 * in <data>/uploads until an import takes them. Anything left there from a crash is swept at start.
 * The parts are encrypted like everything else Chamber writes: a pack can hold exempt reports.
 */
export class Uploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly dir: string) {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  begin(fileName: string, byteSize: number): string {
    fs.mkdirSync(this.dir, { recursive: true });
    const id = randomUUID();
    const file = path.join(this.dir, `${id}.part`);
    fs.writeFileSync(file, new Uint8Array(0), { mode: 0o600 });
    this.uploads.set(id, { fileName, byteSize, received: 0, file, key: randomBytes(32), chunks: 0 });
    return id;
  }

  append(id: string, offset: number, base64: string): number {
    const upload = this.get(id);
    if (offset !== upload.received) {
      throw new CoreError('UPLOAD_OUT_OF_ORDER', `Expected the chunk at byte ${upload.received}, got ${offset}`);
    }
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length === 0 || bytes.length > maxChunkBytes || upload.received + bytes.length > upload.byteSize) {
      // Not a lost reply to retry (that is UPLOAD_OUT_OF_ORDER) but a sender that broke the
      // protocol: the upload cannot complete, so its part goes now rather than at the next start.
      this.discard(id);
      throw new CoreError('INVALID_INPUT', 'Chunk is empty, too large or beyond the announced size; the upload was discarded');
    }
    const cipher = createCipheriv('aes-256-gcm', upload.key, chunkNonce(upload.chunks));
    const sealed = Buffer.concat([cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(sealed.length);
    fs.appendFileSync(upload.file, Buffer.concat([length, sealed]));
    upload.chunks++;
    upload.received += bytes.length;
    return upload.received;
  }

  /** Hands over a complete upload and forgets it. */
  take(id: string): { fileName: string; bytes: Buffer } {
    const upload = this.get(id);
    if (upload.received !== upload.byteSize) {
      throw new CoreError('UPLOAD_INCOMPLETE', `Only ${upload.received} of ${upload.byteSize} bytes arrived`);
    }
    const bytes = openParts(fs.readFileSync(upload.file), upload.key);
    this.discard(id);
    return { fileName: upload.fileName, bytes };
  }

  discard(id: string): void {
    const upload = this.uploads.get(id);
    if (upload) fs.rmSync(upload.file, { force: true });
    this.uploads.delete(id);
  }

  private get(id: string): Upload {
    const upload = this.uploads.get(id);
    if (!upload) throw new CoreError('NOT_FOUND', 'No such upload (it may have been used or expired)');
    return upload;
  }
}

function chunkNonce(index: number): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeUInt32BE(index, 8);
  return iv;
}

function openParts(file: Buffer, key: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0, index = 0; at < file.length; index++) {
    const length = file.readUInt32BE(at);
    const sealed = file.subarray(at + 4, at + 4 + length);
    const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(index));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    parts.push(decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final());
    at += 4 + length;
  }
  return Buffer.concat(parts);
}
