import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { payloads } from './syncPayloads';

/**
 * The load generator's worker thread (dist/bench/load-devices.cjs): simulated devices speaking the
 * real wire protocol, each one signed-in session pushing notes and pulling from its own cursor as
 * fast as the endpoint answers, until the deadline. Then, once every worker has stopped pushing,
 * each device pulls to the end so what it holds can be checked.
 */

export interface LoadDevice {
  index: number;
  /** The instance this device talks to (round-robin over instances by device). */
  url: string;
  token: string;
  memberId: string;
  clientId: string;
  /** Where the device's pulls stand and what it holds, carried over from an earlier run. */
  holding: DeviceHolding;
}

export interface LoadOrders {
  devices: LoadDevice[];
  meetingId: string;
  /** Notes per push. */
  batch: number;
  /** Changes per pull page. */
  pageSize: number;
}

export type FromMain = { type: 'go'; deadline: number } | { type: 'drain' };

export interface DeviceHolding {
  index: number;
  memberId: string;
  cursor: string;
  /** Annotation changes pulled over every run, repeats included. */
  received: number;
  digest: [number, number];
}

export interface LoadReport {
  pushMs: number[];
  pullMs: number[];
  errors: number;
  errorSamples: string[];
  /** Every note a push answered `applied` for: who wrote it and whether the committee sees it. */
  acked: { id: string; memberId: string; shared: boolean }[];
  devices: DeviceHolding[];
}

export type FromWorker = { type: 'ready' } | { type: 'pushed' } | { type: 'done'; report: LoadReport };

/**
 * An order-independent digest of a set of UUIDs: two 32-bit sums of bits v4 draws at random. With
 * the count beside it, a device that missed one note and received another twice does not match.
 */
export function addToDigest(digest: [number, number], id: string): void {
  digest[0] = (digest[0] + parseInt(id.slice(0, 8), 16)) >>> 0;
  digest[1] = (digest[1] + parseInt(id.slice(24, 32), 16)) >>> 0;
}

interface Pulled {
  changes: { entity: string; id: string }[];
  cursor: string;
  hasMore: boolean;
}

async function run(orders: LoadOrders, port: NonNullable<typeof parentPort>): Promise<void> {
  const report: LoadReport = { pushMs: [], pullMs: [], errors: 0, errorSamples: [], acked: [], devices: [] };
  const failed = (message: string): void => {
    report.errors += 1;
    if (report.errorSamples.length < 5) report.errorSamples.push(message);
  };
  const state = orders.devices.map((device) => ({ device, hasMore: true, written: 0, holding: { ...device.holding, digest: [...device.holding.digest] as [number, number] } }));

  const push = async (s: (typeof state)[number]): Promise<void> => {
    const notes = Array.from({ length: orders.batch }, () => {
      const payload = payloads.annotation(orders.meetingId, s.device.memberId, s.written++);
      return { mutationId: randomUUID(), entity: 'annotation', entityId: randomUUID(), baseVersion: 0, operation: 'create' as const, payload };
    });
    const started = performance.now();
    try {
      const answer = await fetch(`${s.device.url}/v1/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.device.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: s.device.clientId, mutations: notes }),
        signal: AbortSignal.timeout(60_000),
      });
      const body = await answer.text();
      report.pushMs.push(performance.now() - started);
      if (!answer.ok) return failed(`push ${answer.status}: ${body.slice(0, 200)}`);
      const { results } = JSON.parse(body) as { results: { mutationId: string; status: string; reason?: string }[] };
      for (const [i, note] of notes.entries()) {
        const result = results[i];
        if (result?.status === 'applied' && result.mutationId === note.mutationId) report.acked.push({ id: note.entityId, memberId: s.device.memberId, shared: note.payload.shared });
        else failed(`push answered ${result?.status ?? 'nothing'} ${result?.reason ?? ''}`);
      }
    } catch (error) {
      report.pushMs.push(performance.now() - started);
      failed(`push: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const pull = async (s: (typeof state)[number], timed: boolean): Promise<boolean> => {
    const started = performance.now();
    try {
      const answer = await fetch(`${s.device.url}/v1/sync/pull?limit=${orders.pageSize}${s.holding.cursor ? `&cursor=${encodeURIComponent(s.holding.cursor)}` : ''}`, {
        headers: { authorization: `Bearer ${s.device.token}` },
        signal: AbortSignal.timeout(60_000),
      });
      const body = await answer.text();
      if (timed) report.pullMs.push(performance.now() - started);
      if (!answer.ok) {
        failed(`pull ${answer.status}: ${body.slice(0, 200)}`);
        return false;
      }
      const page = JSON.parse(body) as Pulled;
      for (const change of page.changes) {
        if (change.entity !== 'annotation') continue;
        s.holding.received += 1;
        addToDigest(s.holding.digest, change.id);
      }
      s.holding.cursor = page.cursor;
      s.hasMore = page.hasMore;
      return true;
    } catch (error) {
      if (timed) report.pullMs.push(performance.now() - started);
      failed(`pull: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  };

  const next = (): Promise<FromMain> => new Promise((resolve) => port.once('message', (message: FromMain) => resolve(message)));
  port.postMessage({ type: 'ready' } satisfies FromWorker);
  const go = await next();
  if (go.type !== 'go') throw new Error(`expected go, got ${go.type}`);
  await Promise.all(
    state.map(async (s) => {
      while (Date.now() < go.deadline) {
        await push(s);
        if (Date.now() < go.deadline) await pull(s, true);
      }
    }),
  );
  port.postMessage({ type: 'pushed' } satisfies FromWorker);
  await next();
  // Pushes have stopped everywhere: every device now pulls until the endpoint has nothing more.
  await Promise.all(
    state.map(async (s) => {
      s.hasMore = true;
      while (s.hasMore) if (!(await pull(s, false))) return;
    }),
  );
  report.devices = state.map((s) => s.holding);
  port.postMessage({ type: 'done', report } satisfies FromWorker);
}

// A failure rejects unhandled, which ends the worker with an 'error' the main thread reports.
if (parentPort) void run(workerData as LoadOrders, parentPort);
