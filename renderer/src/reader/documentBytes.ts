import type { ApiError } from '../../../shared/result';

/** Reads [offset, offset + length) of a stored document. */
export type ReadBytes = (offset: number, length: number) => Promise<Uint8Array>;

export class DocumentReadError extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
    this.name = 'DocumentReadError';
  }
}

const isApiError = (value: unknown): value is { error: ApiError } =>
  typeof value === 'object' && value !== null && 'error' in value && typeof (value as { error: { code?: unknown } }).error.code === 'string';

/**
 * The browser host's binary document route: the bytes come back as bytes with HTTP Range (behind
 * the launch token, read through the core's readDocument), not as base64 inside JSON.
 */
export function hostDocumentReader(token: string, sha256: string): ReadBytes {
  return async (offset, length) => {
    const response = await fetch(`/api/documents/${sha256}`, {
      headers: { authorization: `Bearer ${token}`, range: `bytes=${offset}-${offset + length - 1}` },
      cache: 'no-store',
    });
    if (response.status === 416) return new Uint8Array(0);
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      throw new DocumentReadError(isApiError(body) ? body.error : { code: 'INTERNAL', message: `The document could not be read (HTTP ${response.status})` });
    }
    return new Uint8Array(await response.arrayBuffer());
  };
}
