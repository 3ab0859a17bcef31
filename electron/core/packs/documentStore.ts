import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../errors';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Stored PDFs, named by their sha256 under <data>/documents/ab/<hash>.pdf. Writes go to a temporary
 * file, are fsynced and renamed into place, so a crash never leaves a half-written document under a
 * real name.
 */
export class DocumentStore {
  constructor(private readonly root: string) {}

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
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.tmp`;
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
    return true;
  }

  remove(sha256: string): void {
    fs.rmSync(this.pathOf(sha256), { force: true });
  }

  read(sha256: string, offset: number, length: number): { data: Buffer; total: number } {
    const file = this.pathOf(sha256);
    if (!fs.existsSync(file)) throw new CoreError('NOT_FOUND', 'That document is not stored on this device');
    const fd = fs.openSync(file, 'r');
    try {
      const total = fs.fstatSync(fd).size;
      const size = Math.max(0, Math.min(length, total - offset));
      const data = Buffer.alloc(size);
      if (size > 0) fs.readSync(fd, data, 0, size, offset);
      return { data, total };
    } finally {
      fs.closeSync(fd);
    }
  }
}
