import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/**
 * The built tree: tests run from the sources (endpoint/testing), the benchmarks from their CommonJS
 * bundle in dist/bench, where import.meta is empty.
 */
export const builtDir = import.meta.dirname ? path.resolve(import.meta.dirname, '..', '..', 'dist') : path.resolve(__dirname, '..');

/** The URL a second machine would be given for an embedded cluster: its port and password. */
export function clusterUrl(dataDir: string, database = 'chamber'): string {
  const port = fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]?.trim() ?? '';
  const password = fs.readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  return `postgres://chamber:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

export interface EndpointProcess {
  child: ChildProcess;
  url: string;
  /** Resolves with the first match of the pattern in everything the process has logged. */
  logged: (pattern: RegExp) => Promise<RegExpExecArray>;
  log: () => string;
  exited: Promise<number | null>;
  /** Signals the whole process group and waits for the exit (at once if it has already gone). */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * The built `chamber endpoint` server as its own process and process group on DATABASE_URL, so a
 * SIGKILL takes it and anything it started, with nothing of it left in the caller.
 */
export async function spawnEndpoint(databaseUrl: string, options: { args?: string[]; env?: NodeJS.ProcessEnv; port?: number } = {}): Promise<EndpointProcess> {
  const child = spawn(process.execPath, [path.join(builtDir, 'endpoint', 'server.cjs'), '--port', String(options.port ?? 0), '--log-level', 'info', ...(options.args ?? [])], {
    env: { ...process.env, ...options.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let log = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpExecArray) => void }[] = [];
  // Drained for the whole run, so the server never blocks on a full stdout.
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(log);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  });
  const logged = (pattern: RegExp): Promise<RegExpExecArray> =>
    new Promise((resolve) => {
      const match = pattern.exec(log);
      if (match) resolve(match);
      else waiters.push({ pattern, resolve });
    });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (!gone() && child.pid) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group went between the check and the signal.
      }
    }
    await exited;
  };
  const url = await Promise.race([
    logged(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/).then((match) => match[1] ?? ''),
    exited.then((code) => {
      throw new Error(`the endpoint exited with ${code} before listening:\n${log}`);
    }),
  ]);
  return { child, url, logged, log: () => log, exited, kill };
}

export interface RoundRobin {
  url: string;
  /** Every request to one instance, or round-robin over those still alive (the default). */
  use(index: number | 'round-robin'): void;
  /** Requests each instance was given. */
  served: number[];
  /** Brings instances taken out back into the rotation (after they were restarted). */
  revive(): void;
  /** Stops listening and drops every connection; the port is kept for listen(). */
  close(): Promise<void>;
  /** Listens again on the same port. */
  listen(): Promise<void>;
}

/**
 * A loopback balancer. An instance that refuses a connection is taken out, as a balancer's
 * passive health check would, and that request goes to the next one: nothing had reached the dead
 * instance, so nothing can be applied twice (nginx's proxy_next_upstream error). A request the
 * instance had already taken when it died is not replayed: the device sees 502 or a dropped
 * connection and retries, as it would behind a real balancer. `onRequest` sees each request with
 * the instance it went to, once it has been sent there.
 */
export async function roundRobin(targets: string[], onRequest: (path: string, index: number) => void = () => undefined): Promise<RoundRobin> {
  let mode: number | 'round-robin' = 'round-robin';
  let turn = 0;
  const dead = new Set<number>();
  const served = targets.map(() => 0);
  const pick = (): number | null => {
    if (mode !== 'round-robin') return mode;
    for (let i = 0; i < targets.length; i += 1) {
      const candidate = (turn + i) % targets.length;
      if (!dead.has(candidate)) {
        turn = candidate + 1;
        return candidate;
      }
    }
    return null;
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const send = (): void => {
        const index = pick();
        if (index === null) {
          res.writeHead(502).end();
          return;
        }
        const target = new URL(targets[index] ?? '');
        const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('error', () => res.destroy());
        });
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED' && mode === 'round-robin') {
            dead.add(index);
            send();
            return;
          }
          if (res.headersSent) res.destroy();
          else res.writeHead(502).end();
        });
        upstream.end(body, () => {
          served[index] = (served[index] ?? 0) + 1;
          onRequest((req.url ?? '/').split('?')[0] ?? '/', index);
        });
      };
      send();
    });
  });
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        port = typeof address === 'object' && address ? address.port : 0;
        resolve();
      });
    });
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    use: (next) => {
      mode = next;
    },
    served,
    revive: () => dead.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    listen,
  };
}
