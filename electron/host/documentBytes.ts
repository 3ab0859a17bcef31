import { z } from 'zod';
import { err, type ErrorCode, type Result } from '../../shared/result';
import { documentResponse } from './byteRange';

/** A contract call into the core (CoreClient.call): the same validation and sign-in rules apply. */
export type CoreCall = (name: string, input: unknown) => Promise<Result<unknown>>;

export interface ServedDocument {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The contract caps one readDocument call at 4 MiB. */
const maxReadBytes = 4 * 1024 * 1024;
const ReadAnswer = z.object({ data: z.string(), total: z.number().int().nonnegative() });
const Sha256 = /^[0-9a-f]{64}$/;

const RasterAnswer = z.object({ mime: z.literal('image/webp'), width: z.number(), height: z.number(), pageWidth: z.number(), pageHeight: z.number(), data: z.string() }).nullable();

const statusFor: Partial<Record<ErrorCode, number>> = { NOT_FOUND: 404, INVALID_INPUT: 400, UNAUTHORISED: 401, FORBIDDEN: 403 };
const failure = (code: ErrorCode, message: string, status?: number): ServedDocument => ({
  status: status ?? statusFor[code] ?? 500,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: Buffer.from(JSON.stringify(err(code, message))),
});

/**
 * Serves a stored document's bytes as bytes, for pdf.js's range loader: the browser host's route
 * and Electron's document protocol both answer through this, each read going through the core's
 * readDocument operation (its input checks and the fresh-sign-in rule for restricted papers), so
 * the only thing that changes from the contract call is that no base64 travels to the renderer.
 * `sizes` remembers each document's size across requests (the server keeps one per host).
 */
export async function serveDocument(call: CoreCall, sha256: string, rangeHeader: string | null | undefined, sizes: Map<string, number> = new Map()): Promise<ServedDocument> {
  if (!Sha256.test(sha256)) return failure('INVALID_INPUT', 'A document is named by its SHA-256 (64 hex digits)');
  const read = async (offset: number, length: number): Promise<{ data: Buffer; total: number } | ServedDocument> => {
    const answer = await call('readDocument', { sha256, offset, length });
    if (!answer.ok) return failure(answer.error.code, answer.error.message);
    const parsed = ReadAnswer.safeParse(answer.value);
    if (!parsed.success) return failure('INTERNAL', 'The core answered a document read in an unexpected shape');
    return { data: Buffer.from(parsed.data.data, 'base64'), total: parsed.data.total };
  };
  // Documents are content-addressed, so their size never changes: one byte tells it (and checks
  // access) the first time, and later ranges skip that round trip to the core, each read of the
  // range itself still going through readDocument's checks. An answer without bytes still asks.
  const known = sizes.get(sha256);
  let plan = known === undefined ? null : documentResponse(rangeHeader, known);
  if (!plan?.span) {
    const probe = await read(0, 1);
    if ('status' in probe) return probe;
    if (sizes.size > 64) sizes.clear();
    sizes.set(sha256, probe.total);
    plan = documentResponse(rangeHeader, probe.total);
  }
  if (!plan.span) return { status: plan.status, headers: plan.headers, body: Buffer.alloc(0) };
  const parts: Buffer[] = [];
  for (let offset = plan.span.offset, end = plan.span.offset + plan.span.length; offset < end; ) {
    const chunk = await read(offset, Math.min(maxReadBytes, end - offset));
    if ('status' in chunk) return chunk;
    if (chunk.data.length === 0) break;
    parts.push(chunk.data);
    offset += chunk.data.length;
  }
  return { status: plan.status, headers: plan.headers, body: Buffer.concat(parts) };
}

/**
 * A stored picture of one page as an image (readPageRaster, the same access rules as the PDF's
 * bytes). The page's size in points travels in headers so the reader can lay it out before pdf.js
 * has the page. Never cached by the browser: it is council paper like the PDF.
 */
export async function servePageRaster(call: CoreCall, sha256: string, page: string): Promise<ServedDocument> {
  if (!Sha256.test(sha256)) return failure('INVALID_INPUT', 'A document is named by its SHA-256 (64 hex digits)');
  const number = Number(page);
  if (!Number.isInteger(number) || number < 1) return failure('INVALID_INPUT', 'A page is a whole number from 1');
  const answer = await call('readPageRaster', { sha256, page: number });
  if (!answer.ok) return failure(answer.error.code, answer.error.message);
  const parsed = RasterAnswer.safeParse(answer.value);
  if (!parsed.success) return failure('INTERNAL', 'The core answered a page picture in an unexpected shape');
  if (parsed.data === null) return failure('NOT_FOUND', 'That page has no stored picture', 404);
  const { data, mime, pageWidth, pageHeight } = parsed.data;
  return {
    status: 200,
    headers: { 'content-type': mime, 'cache-control': 'no-store', 'x-page-width': String(pageWidth), 'x-page-height': String(pageHeight) },
    body: Buffer.from(data, 'base64'),
  };
}
