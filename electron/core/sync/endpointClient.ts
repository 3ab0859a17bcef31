import type { z } from 'zod';
import { ErrorBody, PullResponse, PushResponse, Session, type EndpointErrorCode, type PushRequest } from '../../../shared/sync/wire';

/** The endpoint answered with an error body, or could not be reached at all (code NETWORK). */
export class EndpointCallError extends Error {
  constructor(
    readonly code: EndpointErrorCode | 'NETWORK' | 'BAD_RESPONSE',
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }

  /** Worth trying again later: the network, a restart, an overloaded server. */
  get transient(): boolean {
    return this.code === 'NETWORK' || this.code === 'INTERNAL' || this.code === 'RATE_LIMITED' || this.code === 'BAD_RESPONSE' || (this.status !== null && this.status >= 500);
  }
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export interface EndpointClientOptions {
  baseUrl: string;
  /** A request that takes longer is abandoned and retried by the engine. */
  timeoutMs?: number;
}

/**
 * HTTP to the council endpoint, every answer parsed with the shared wire schemas. Async all the
 * way down: the core's worker thread keeps serving the UI while a sync is in flight.
 */
export class EndpointClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: EndpointClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  private async request(method: string, path: string, init: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new EndpointCallError('NETWORK', `The endpoint could not be reached: ${(error as Error).message}`);
    }
    if (response.ok || response.status === 304) return response;
    const text = await response.text().catch(() => '');
    let parsed: z.infer<typeof ErrorBody> | null = null;
    try {
      const result = ErrorBody.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      parsed = null;
    }
    if (parsed) throw new EndpointCallError(parsed.error.code, parsed.error.message, response.status);
    throw new EndpointCallError(response.status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE', `The endpoint answered ${response.status}`, response.status);
  }

  private async json<T extends z.ZodType>(schema: T, response: Response): Promise<z.output<T>> {
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      // A connection cut while the body streamed in.
      throw new EndpointCallError('NETWORK', `The answer was cut off: ${(error as Error).message}`);
    }
    const result = schema.safeParse(body);
    if (!result.success) throw new EndpointCallError('BAD_RESPONSE', 'The endpoint sent an answer this version does not understand');
    return result.data;
  }

  async signIn(email: string, password: string, deviceName: string): Promise<Session> {
    return this.json(Session, await this.request('POST', '/v1/auth/sign-in', { body: { email, password, deviceName } }));
  }

  async refresh(refreshToken: string): Promise<Session> {
    return this.json(Session, await this.request('POST', '/v1/auth/refresh', { body: { refreshToken } }));
  }

  async signOut(token: string): Promise<void> {
    await this.request('POST', '/v1/auth/sign-out', { token });
  }

  async push(token: string, request: PushRequest): Promise<PushResponse> {
    return this.json(PushResponse, await this.request('POST', '/v1/sync/push', { token, body: request }));
  }

  async pull(token: string, cursor: string | null, limit: number): Promise<PullResponse> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    return this.json(PullResponse, await this.request('GET', `/v1/sync/pull?${query.toString()}`, { token }));
  }

  /** Range request from `offset`: a cut download resumes where it stopped. */
  /**
   * Streams a document from `offset`, handing over each piece as it arrives: when the connection is
   * cut, what came before the cut has already been kept and the next request resumes after it.
   */
  async documentBytes(token: string, sha256: string, offset: number, onBytes: (bytes: Uint8Array) => void = () => undefined): Promise<{ received: number; total: number }> {
    const response = await this.request('GET', `/v1/documents/${sha256}`, { token, headers: offset > 0 ? { range: `bytes=${offset}-` } : {} });
    const range = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
    let received = 0;
    try {
      const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
      for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
        received += next.value.length;
        onBytes(next.value);
      }
    } catch (error) {
      throw new EndpointCallError('NETWORK', `The download was cut off: ${(error as Error).message}`);
    }
    return { received, total: range ? Number(range[1]) : offset + received };
  }
}
