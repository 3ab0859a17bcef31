import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  /** Forwarded normally. */
  | 'pass'
  /** The connection drops before the request reaches the endpoint. */
  | 'drop-before'
  /** The endpoint handles the request, then the connection drops before the answer arrives. */
  | 'drop-after'
  /** The answer is cut off half way through its body. */
  | 'cut-body'
  /** The request reaches the endpoint twice; the client gets the second answer. */
  | 'duplicate'
  /** The answer arrives late. */
  | 'delay'
  /** The endpoint is not reached; the proxy answers 500 INTERNAL, as a server failing on one batch would. */
  | 'server-error';

export interface FaultProxy {
  url: string;
  /** Requests seen, with the fault each got. */
  log: { method: string; path: string; fault: Fault; range?: string }[];
  /** Called for each request: which fault to inject. */
  setFaults(choose: (index: number, method: string, path: string) => Fault): void;
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function forward(target: URL, req: http.IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host, connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/**
 * An HTTP proxy on 127.0.0.1 in front of the endpoint that misbehaves on purpose: drops
 * connections before and after the endpoint acted, cuts bodies, replays requests and delays
 * answers, as a flaky council Wi-Fi or a captive portal would.
 */
export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  let choose: (index: number, method: string, path: string) => Fault = () => 'pass';
  const log: FaultProxy['log'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const fault = choose(log.length, req.method ?? 'GET', path);
      log.push({ method: req.method ?? 'GET', path, fault, ...(req.headers.range === undefined ? {} : { range: req.headers.range }) });
      if (fault === 'drop-before') {
        req.socket.destroy();
        return;
      }
      if (fault === 'server-error') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'Internal server error' } }));
        return;
      }
      const run = async (): Promise<void> => {
        let answer = await forward(target, req, body);
        if (fault === 'duplicate') answer = await forward(target, req, body);
        if (fault === 'drop-after') {
          req.socket.destroy();
          return;
        }
        if (fault === 'delay') await new Promise((resolve) => setTimeout(resolve, 150));
        const headers = { ...answer.headers };
        delete headers['transfer-encoding'];
        delete headers.connection;
        if (fault === 'cut-body' && answer.body.length > 1) {
          res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
          res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.status, headers);
        res.end(answer.body);
      };
      run().catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setFaults: (next) => {
      choose = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
