/** What a request's Range header asks of a resource of `total` bytes (RFC 9110 §14, one range). */
export type ByteRange = { kind: 'whole' } | { kind: 'range'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * Parses a single `bytes=` range; `end` is inclusive, as on the wire. Several ranges in one header
 * (which pdf.js never sends) are answered with the whole resource, as the RFC allows.
 */
export function parseByteRange(header: string | null | undefined, total: number): ByteRange {
  if (!header) return { kind: 'whole' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return header.trim().startsWith('bytes=') && header.includes(',') ? { kind: 'whole' } : { kind: 'unsatisfiable' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'unsatisfiable' };
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || total === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, total - length), end: total - 1 };
  }
  const start = Number(first);
  const end = last === '' ? total - 1 : Math.min(Number(last), total - 1);
  if (start >= total || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end };
}

export interface DocumentResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** Present for 200 and 206. */
  span?: { offset: number; length: number };
}

/**
 * The status, headers and byte span for serving a stored document: the browser host's route and
 * Electron's protocol handler both answer from this, so Range behaves the same in both.
 */
export function documentResponse(rangeHeader: string | null | undefined, total: number): DocumentResponse {
  const range = parseByteRange(rangeHeader, total);
  // The bytes are decrypted on the fly and may be restricted papers: never kept in any cache.
  const common = { 'accept-ranges': 'bytes', 'cache-control': 'no-store', 'content-type': 'application/pdf' };
  if (range.kind === 'unsatisfiable') return { status: 416, headers: { ...common, 'content-range': `bytes */${total}` } };
  if (range.kind === 'whole') return { status: 200, headers: { ...common, 'content-length': String(total) }, span: { offset: 0, length: total } };
  const length = range.end - range.start + 1;
  return {
    status: 206,
    headers: { ...common, 'content-length': String(length), 'content-range': `bytes ${range.start}-${range.end}/${total}` },
    span: { offset: range.start, length },
  };
}
