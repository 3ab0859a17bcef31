import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { maxChunkBytes } from '../../../shared/domain/import';
import { CoreError } from '../errors';

interface Upload {
  fileName: string;
  byteSize: number;
  received: number;
  file: string;
}

/**
 * Files arriving over the contract in ordered chunks (the same messages over IPC and HTTP), kept
 * in <data>/uploads until an import takes them. Anything left there from a crash is swept at start.
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
    this.uploads.set(id, { fileName, byteSize, received: 0, file });
    return id;
  }

  append(id: string, offset: number, base64: string): number {
    const upload = this.get(id);
    if (offset !== upload.received) {
      throw new CoreError('UPLOAD_OUT_OF_ORDER', `Expected the chunk at byte ${upload.received}, got ${offset}`);
    }
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length === 0 || bytes.length > maxChunkBytes || upload.received + bytes.length > upload.byteSize) {
      throw new CoreError('INVALID_INPUT', 'Chunk is empty, too large or beyond the announced size');
    }
    fs.appendFileSync(upload.file, bytes);
    upload.received += bytes.length;
    return upload.received;
  }

  /** Hands over a complete upload and forgets it. */
  take(id: string): { fileName: string; bytes: Buffer } {
    const upload = this.get(id);
    if (upload.received !== upload.byteSize) {
      throw new CoreError('UPLOAD_INCOMPLETE', `Only ${upload.received} of ${upload.byteSize} bytes arrived`);
    }
    const bytes = fs.readFileSync(upload.file);
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
