import { createHash, randomBytes } from 'node:crypto';
import { openEndpointDatabase } from '../../endpoint/start';
import type { Database } from '../../endpoint/db/postgres';
import { startTestEndpoint, type TestEndpoint } from '../../endpoint/testing/testEndpoint';
import { median, type Workload } from '../harness';
import { notes } from './packs';

const megabytes = Number(process.env.BENCH_DOCUMENT_MB ?? 50);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);

interface Shared {
  endpoint: TestEndpoint;
  db: Database;
  sha256: string;
  oid: number;
}
let shared: Shared | null = null;

/** One generated document of `megabytes`, published through the upload route as a clerk would. */
async function ready(): Promise<Shared> {
  if (!shared) {
    const endpoint = await startTestEndpoint();
    const { meeting } = await endpoint.publish({ committee: 'Planning Panel', title: 'Planning Panel', date: '2030-01-01', startTime: '10:00', venue: 'County Hall', items: [] });
    const hash = createHash('sha256');
    const header = Buffer.from('%PDF-1.7\n', 'latin1');
    hash.update(header);
    // Generated a chunk at a time, so the bench process never holds the document either.
    const body = (async function* () {
      yield header;
      for (let left = megabytes * 1024 * 1024 - header.length; left > 0; ) {
        const chunk = await new Promise<Buffer>((resolve, reject) => randomBytes(Math.min(1024 * 1024, left), (error, bytes) => (error ? reject(error) : resolve(bytes))));
        hash.update(chunk);
        left -= chunk.length;
        yield chunk;
      }
    })();
    const stored = await fetch(`${endpoint.url}/v1/meetings/${meeting.id}/documents?title=Large`, {
      method: 'POST',
      headers: { authorization: `Bearer ${endpoint.adminToken}`, 'content-type': 'application/pdf' },
      body,
      duplex: 'half',
    });
    if (stored.status !== 201) throw new Error(`upload failed: ${stored.status} ${await stored.text()}`);
    const sha256 = hash.digest('hex');
    const db = await openEndpointDatabase({ dataDir: `${endpoint.dataDir}/server` });
    const oid = (await db.pool.query<{ oid: number }>('SELECT oid FROM document_large_objects WHERE sha256 = $1', [sha256])).rows[0]?.oid;
    if (oid === undefined) throw new Error('the document is not a large object');
    shared = { endpoint, db, sha256, oid };
  }
  return shared;
}

/**
 * Issue 21.4: a whole document streamed from its large object through GET /v1/documents/{sha256}
 * (access check, then 1 MB chunks over HTTP on loopback) against reading the same large object
 * with one raw SQL statement into memory, the least a download could cost.
 */
export function endpointDocumentDownload(): Workload {
  const throughput: number[] = [];
  return {
    name: 'endpoint-document-download',
    description: `a ${megabytes} MB document downloaded whole over GET /v1/documents/{sha256} (streamed from its large object in 1 MB chunks, read to the end) vs SELECT lo_get(oid) of the same object in one statement, into memory (node-pg decoding its hex text).`,
    repeats,
    baseline: {
      name: 'SELECT lo_get(oid)',
      run: async () => {
        const s = await ready();
        const started = performance.now();
        await s.db.pool.query('SELECT lo_get($1) AS content', [s.oid]);
        return performance.now() - started;
      },
    },
    subject: {
      name: 'GET /v1/documents/{sha256}',
      run: async () => {
        const s = await ready();
        const started = performance.now();
        const answer = await fetch(`${s.endpoint.url}/v1/documents/${s.sha256}`, { headers: { authorization: `Bearer ${s.endpoint.adminToken}` } });
        let received = 0;
        const reader = (answer.body as ReadableStream<Uint8Array>).getReader();
        for (let next = await reader.read(); !next.done; next = await reader.read()) received += next.value.length;
        const ms = performance.now() - started;
        if (received !== megabytes * 1024 * 1024) throw new Error(`received ${received} bytes`);
        throughput.push(megabytes / (ms / 1000));
        if (throughput.length === repeats) notes.push(`endpoint-document-download: ${median(throughput).toFixed(0)} MB/s median over ${repeats} downloads of ${megabytes} MB`);
        return ms;
      },
    },
  };
}

export async function closeDocumentEndpoint(): Promise<void> {
  await shared?.db.close();
  await shared?.endpoint.close();
  shared = null;
}
