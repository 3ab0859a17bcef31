import { ModernGovError } from './errors';

/**
 * Every request to a Modern.gov site goes through here: only to the configured site's origin,
 * redirects followed by hand and refused when they leave it, validators sent when we have them,
 * answers read with a size cap so a hostile or broken site cannot fill the disk or the memory.
 */

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchOutcome =
  | { status: 'not-modified'; url: string }
  | { status: 'ok'; url: string; body: Buffer; contentType: string; validators: Validators };

export interface SiteHttpOptions {
  maxXmlBytes?: number;
  maxDocumentBytes?: number;
  timeoutMs?: number;
  /** How long one document may take, headers and body together: a slow drip is abandoned then. */
  documentDeadlineMs?: number;
  signal?: AbortSignal;
}

const maxRedirects = 5;
export const defaultMaxXmlBytes = 20 * 1024 * 1024;
export const defaultMaxDocumentBytes = 200 * 1024 * 1024;
export const defaultTimeoutMs = 60_000;
export const defaultDocumentDeadlineMs = 120_000;

/** The site's base URL as stored: http(s), no credentials, query or fragment, no trailing slash or asmx. */
export function normaliseSiteUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ModernGovError('MODERNGOV_UNREACHABLE', `"${input}" is not a web address.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ModernGovError('MODERNGOV_UNREACHABLE', 'A Modern.gov site address starts with https://');
  if (url.username || url.password) throw new ModernGovError('MODERNGOV_UNREACHABLE', 'A site address must not carry a user name or password.');
  const path = url.pathname.replace(/\/mgWebService\.asmx.*$/i, '').replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

export class SiteHttp {
  private readonly origin: string;

  constructor(
    readonly baseUrl: string,
    private readonly options: SiteHttpOptions = {},
  ) {
    this.origin = new URL(baseUrl).origin;
  }

  /** A link as the site wrote it (absolute or relative), resolved and checked against the site. */
  resolve(link: string): string {
    let url: URL;
    try {
      url = new URL(link, `${this.baseUrl}/`);
    } catch {
      throw new ModernGovError('MODERNGOV_OFF_SITE', `"${link}" is not a web address.`);
    }
    if (url.origin !== this.origin) throw new ModernGovError('MODERNGOV_OFF_SITE', `${url.origin} is not the configured site (${this.origin}); Chamber only fetches from the site itself.`);
    return url.href;
  }

  serviceUrl(operation: string, params: Record<string, string>): string {
    return `${this.baseUrl}/mgWebService.asmx/${operation}?${new URLSearchParams(params).toString()}`;
  }

  async get(link: string, kind: 'xml' | 'document', validators?: Validators): Promise<FetchOutcome> {
    let url = this.resolve(link);
    const limit = kind === 'xml' ? (this.options.maxXmlBytes ?? defaultMaxXmlBytes) : (this.options.maxDocumentBytes ?? defaultMaxDocumentBytes);
    // One deadline for the whole answer, body included: a site that drips bytes cannot hold a refresh.
    const deadlineMs = kind === 'xml' ? (this.options.timeoutMs ?? defaultTimeoutMs) : (this.options.documentDeadlineMs ?? defaultDocumentDeadlineMs);
    const deadline = AbortSignal.timeout(deadlineMs);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, deadline]) : deadline;
    const late = () => new ModernGovError('MODERNGOV_TIMED_OUT', `${url} did not arrive within ${Math.round(deadlineMs / 1000)} s; Chamber stopped waiting for it.`);
    for (let hop = 0; hop <= maxRedirects; hop++) {
      const headers: Record<string, string> = { accept: kind === 'xml' ? 'text/xml, application/xml' : 'application/pdf', 'user-agent': 'Chamber (council meetings reader)' };
      if (validators?.etag) headers['if-none-match'] = validators.etag;
      if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
      let response: Response;
      try {
        response = await fetch(url, { headers, redirect: 'manual', signal });
      } catch (error) {
        if (deadline.aborted && !this.options.signal?.aborted) throw late();
        throw new ModernGovError('MODERNGOV_UNREACHABLE', `Could not reach ${this.origin}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location) throw new ModernGovError('MODERNGOV_UNREACHABLE', `${url} redirected without saying where.`);
        url = this.resolve(new URL(location, url).href);
        continue;
      }
      if (response.status === 304) return { status: 'not-modified', url };
      if (response.status === 403 || response.status === 401) {
        await response.body?.cancel();
        throw new ModernGovError('MODERNGOV_FORBIDDEN', `${this.origin} refused the request (HTTP ${response.status}).`, response.status);
      }
      if (!response.ok) {
        await response.body?.cancel();
        if (kind === 'xml' && (response.status === 404 || response.status === 503 || response.status === 500)) {
          throw new ModernGovError('MODERNGOV_SWITCHED_OFF', `${this.origin} does not answer as a Modern.gov web service (HTTP ${response.status}); it may be switched off.`, response.status);
        }
        if (response.status >= 500) throw new ModernGovError('MODERNGOV_SERVER_ERROR', `${url} answered HTTP ${response.status}.`, response.status);
        throw new ModernGovError('MODERNGOV_UNREACHABLE', `${url} answered HTTP ${response.status}.`, response.status);
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > limit) {
        await response.body?.cancel();
        throw new ModernGovError('MODERNGOV_TOO_LARGE', `${url} is ${declared} bytes; Chamber accepts at most ${limit}.`);
      }
      let body: Buffer;
      try {
        body = await readCapped(response, limit, url);
      } catch (error) {
        if (error instanceof ModernGovError) throw error;
        if (this.options.signal?.aborted) throw new ModernGovError('MODERNGOV_CANCELLED', 'The refresh was cancelled.');
        if (deadline.aborted) throw late();
        throw new ModernGovError('MODERNGOV_CUT_OFF', `${url} was cut off before it all arrived: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (Number.isFinite(declared) && body.length < declared) {
        throw new ModernGovError('MODERNGOV_CUT_OFF', `${url} was cut off after ${body.length} of ${declared} bytes.`);
      }
      return {
        status: 'ok',
        url,
        body,
        contentType: response.headers.get('content-type') ?? '',
        validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
      };
    }
    throw new ModernGovError('MODERNGOV_UNREACHABLE', `${link} redirected more than ${maxRedirects} times.`);
  }

  /** A web-service answer as text, telling a switched-off service (an HTML page) from XML. */
  async getXml(operation: string, params: Record<string, string>, validators?: Validators): Promise<FetchOutcome & { text?: string }> {
    const outcome = await this.get(this.serviceUrl(operation, params), 'xml', validators);
    if (outcome.status === 'not-modified') return outcome;
    const text = outcome.body.toString('utf8').replace(/^\uFEFF/, '');
    if (/html/i.test(outcome.contentType) || /^\s*<(!doctype\s+html|html)/i.test(text)) {
      throw new ModernGovError('MODERNGOV_SWITCHED_OFF', `${this.origin} answered with a web page instead of Modern.gov data; its web service may be switched off.`);
    }
    return { ...outcome, text };
  }
}

async function readCapped(response: Response, limit: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    const value = chunk.value;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ModernGovError('MODERNGOV_TOO_LARGE', `${url} is larger than ${limit} bytes; Chamber stopped reading it.`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
