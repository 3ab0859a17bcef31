import type { ChamberApi } from '../../../shared/api/binding';
import { maxUploadBytes } from '../../../shared/domain/import';
import { err, ok, type Result } from '../../../shared/result';
import { bytesToBase64 } from '../api/base64';

/** Chunk size on the wire: well under the contract's 1 MiB cap, small enough for smooth progress. */
export const uploadChunkBytes = 512 * 1024;

export class UploadCancelled extends Error {
  constructor() {
    super('Upload cancelled');
    this.name = 'UploadCancelled';
  }
}

/** What the renderer can tell about a file before sending any of it. */
export function precheckFile(file: File): 'NOT_A_PDF' | 'FILE_TOO_LARGE' | null {
  if (file.size === 0) return 'NOT_A_PDF';
  if (file.size > maxUploadBytes) return 'FILE_TOO_LARGE';
  return null;
}

/** The contract caps file names at 255 characters; keep the extension when shortening. */
export function uploadName(file: File): string {
  const name = file.name.trim() || 'agenda-pack.pdf';
  if (name.length <= 255) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, 255 - ext.length) + ext;
}

/**
 * Sends a file to the core in ordered chunks (File.slice → base64 → uploadChunk). Reads one chunk
 * at a time, so a 500 MB pack never sits in memory whole. Throws UploadCancelled when the signal
 * aborts between chunks.
 */
export async function uploadFile(
  api: ChamberApi,
  file: File,
  options: { signal: AbortSignal; onProgress: (sent: number, total: number) => void },
): Promise<Result<{ uploadId: string }>> {
  const begun = await api.beginUpload({ fileName: uploadName(file), byteSize: file.size });
  if (!begun.ok) return begun;
  const { uploadId } = begun.value;
  let offset = 0;
  options.onProgress(0, file.size);
  while (offset < file.size) {
    if (options.signal.aborted) throw new UploadCancelled();
    const bytes = new Uint8Array(await file.slice(offset, offset + uploadChunkBytes).arrayBuffer());
    if (bytes.length === 0) return err('UPLOAD_INCOMPLETE', 'The file became shorter while it was being read');
    const sent = await api.uploadChunk({ uploadId, offset, data: bytesToBase64(bytes) });
    if (!sent.ok) return sent;
    offset = sent.value.received;
    options.onProgress(offset, file.size);
  }
  return ok({ uploadId });
}
