import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingDocument } from '../shared/sync/wire';
import { january2022 } from '../electron/core/testing/samplePacks';
import { startTestEndpoint, type TestEndpoint } from './testing/testEndpoint';

/**
 * Issue 21.4: documents stream into and out of PostgreSQL large objects, over HTTP on 127.0.0.1
 * against a real embedded PostgreSQL: whole and ranged downloads, validators, uploads checked
 * against the hash declared, and access exactly as the meeting's committee and Part II decide.
 */
const committee = 'Planning Panel';
const password = 'long enough password';

let endpoint: TestEndpoint;
let meetingId = '';
let packFile = '';
let pack: Buffer;
let packSha = '';
let memberToken = '';
let officerToken = '';

const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A real pack of several MB: the January 2022 agenda joined forty times, as pdf-lib would. */
async function joinedPack(times: number): Promise<Uint8Array> {
  const part = await PDFDocument.load(fs.readFileSync(january2022().path));
  const joined = await PDFDocument.create();
  for (let i = 0; i < times; i += 1) for (const page of await joined.copyPages(part, part.getPageIndices())) joined.addPage(page);
  return joined.save({ useObjectStreams: false });
}

/** Streams a file as the body, chunked, with no Content-Length: the endpoint never sees it whole. */
function upload(target: TestEndpoint, meeting: string, body: AsyncIterable<Uint8Array>, query: Record<string, string>): Promise<Response> {
  return fetch(`${target.url}/v1/meetings/${meeting}/documents?${new URLSearchParams(query).toString()}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${target.adminToken}`, 'content-type': 'application/pdf' },
    body,
    duplex: 'half',
  });
}

const download = (sha: string, token: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${endpoint.url}/v1/documents/${sha}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

const bytesOf = async (response: Response): Promise<Buffer> => Buffer.from(await response.arrayBuffer());

/** What PostgreSQL holds of documents: every large object, and uploads not yet finished. */
async function held(target: TestEndpoint): Promise<{ objects: number; uploads: number; documents: number }> {
  const [row] = (await target.sql(
    `SELECT (SELECT count(*) FROM pg_largeobject_metadata)::int AS objects, (SELECT count(*) FROM document_uploads)::int AS uploads, (SELECT count(*) FROM documents)::int AS documents`,
  )) as { objects: number; uploads: number; documents: number }[];
  return row!;
}

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  await endpoint.addUser({ name: 'Gwen Price', email: 'gwen@council.example', role: 'councillor', password, committees: [committee] });
  await endpoint.addUser({ name: 'Owen Officer', email: 'owen@council.example', role: 'officer', password, committees: [committee] });
  memberToken = (await endpoint.signIn('gwen@council.example', password)).accessToken;
  officerToken = (await endpoint.signIn('owen@council.example', password)).accessToken;
  meetingId = (await endpoint.publish({ committee, title: 'Planning Panel', date: '2022-01-17', startTime: '10:00', venue: 'County Hall', items: [{ number: '1', title: 'Apologies' }] })).meeting.id;
  pack = Buffer.from(await joinedPack(40));
  packSha = sha256Of(pack);
  packFile = path.join(endpoint.dataDir, 'joined-pack.pdf');
  fs.writeFileSync(packFile, pack);
}, 120_000);

afterAll(async () => {
  await endpoint?.close();
});

describe('a pack streamed up and down', () => {
  it('stores a multi-MB pack streamed in chunks, checked against the hash declared, as one large object', async () => {
    expect(pack.length).toBeGreaterThan(3_000_000);
    const before = await held(endpoint);
    const answer = await upload(endpoint, meetingId, fs.createReadStream(packFile, { highWaterMark: 64 * 1024 }), { title: 'Pack', kind: 'pack', sha256: packSha });
    expect(answer.status).toBe(201);
    expect(MeetingDocument.parse(await answer.json())).toMatchObject({ sha256: packSha, size: pack.length, mediaType: 'application/pdf' });
    expect(await held(endpoint)).toEqual({ objects: before.objects + 1, uploads: 0, documents: before.documents + 1 });
    const [stored] = (await endpoint.sql('SELECT length(lo_get(oid)) AS size, md5(lo_get(oid)) AS md5 FROM document_large_objects WHERE sha256 = $1', [packSha])) as { size: number; md5: string }[];
    expect(stored).toEqual({ size: pack.length, md5: createHash('md5').update(pack).digest('hex') });
  });

  it('serves it whole with its hash as a strong ETag', async () => {
    const whole = await download(packSha, memberToken);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('etag')).toBe(`"${packSha}"`);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-length')).toBe(String(pack.length));
    expect(whole.headers.get('content-type')).toBe('application/pdf');
    expect((await bytesOf(whole)).equals(pack)).toBe(true);
  });

  it('serves the first, a middle and the last byte, a suffix, and refuses a range past the end', async () => {
    const size = pack.length;
    const middle = Math.floor(size / 2);
    const cases: [range: string, start: number, end: number][] = [
      ['bytes=0-0', 0, 0],
      [`bytes=${middle}-${middle + 1_500_000}`, middle, middle + 1_500_000],
      [`bytes=${size - 1}-${size - 1}`, size - 1, size - 1],
      [`bytes=${size - 10}-`, size - 10, size - 1],
      ['bytes=-700', size - 700, size - 1],
      // Past the end is cut at the end, as RFC 9110 says.
      [`bytes=${size - 5}-${size + 1000}`, size - 5, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const part = await download(packSha, memberToken, { range });
      expect(part.status, range).toBe(206);
      expect(part.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${size}`);
      expect(part.headers.get('content-length'), range).toBe(String(end - start + 1));
      expect((await bytesOf(part)).equals(pack.subarray(start, end + 1)), range).toBe(true);
    }
    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0', 'pages=1-2']) {
      const refused = await download(packSha, memberToken, { range });
      expect(refused.status, range).toBe(416);
      expect(refused.headers.get('content-range'), range).toBe(`bytes */${size}`);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RANGE_NOT_SATISFIABLE');
    }
  });

  it('answers If-None-Match with 304, and a Range under a stale If-Range with the whole document', async () => {
    const etag = `"${packSha}"`;
    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const cached = await download(packSha, memberToken, { 'if-none-match': tag });
      expect(cached.status, tag).toBe(304);
      expect(cached.headers.get('etag')).toBe(etag);
      expect((await cached.arrayBuffer()).byteLength).toBe(0);
    }
    const changed = await download(packSha, memberToken, { 'if-none-match': `"${'0'.repeat(64)}"` });
    expect(changed.status).toBe(200);
    await changed.body?.cancel();

    const resumed = await download(packSha, memberToken, { range: 'bytes=100-', 'if-range': etag });
    expect(resumed.status).toBe(206);
    expect((await bytesOf(resumed)).equals(pack.subarray(100))).toBe(true);
    const stale = await download(packSha, memberToken, { range: 'bytes=100-', 'if-range': `"${'0'.repeat(64)}"` });
    expect(stale.status).toBe(200);
    expect(stale.headers.get('content-range')).toBeNull();
    expect((await bytesOf(stale)).equals(pack)).toBe(true);
  });
});

describe('uploads refused', () => {
  it('refuses bytes that do not hash to the SHA-256 declared, keeping no object, no row and no link', async () => {
    const before = await held(endpoint);
    const links = await endpoint.sql('SELECT id FROM meeting_documents');
    const altered = Buffer.from(pack);
    altered.writeUInt8(altered.readUInt8(altered.length - 100) ^ 0xff, altered.length - 100);
    const refused = await upload(endpoint, meetingId, fs.createReadStream(packFile).map((chunk: Buffer) => chunk), { title: 'Tampered', sha256: sha256Of(altered) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('SHA-256');
    expect(await held(endpoint)).toEqual(before);
    expect(await endpoint.sql('SELECT id FROM meeting_documents')).toEqual(links);

    // And one that is not a PDF at all, found from its first bytes.
    const notPdf = await upload(endpoint, meetingId, Readable.from([Buffer.from('<html>not a pack</html>')]), { title: 'Web page' });
    expect(notPdf.status).toBe(400);
    expect(await held(endpoint)).toEqual(before);
  });

  it('keeps nothing of an upload the uploader abandons half way', async () => {
    const before = await held(endpoint);
    const abort = new AbortController();
    let sent = 0;
    const halfThenGone = (async function* () {
      for await (const chunk of fs.createReadStream(packFile, { highWaterMark: 256 * 1024 })) {
        yield chunk as Buffer;
        sent += (chunk as Buffer).length;
        if (sent > pack.length / 2) {
          abort.abort();
          return;
        }
      }
    })();
    const cut = fetch(`${endpoint.url}/v1/meetings/${meetingId}/documents?title=Cut`, {
      method: 'POST',
      headers: { authorization: `Bearer ${endpoint.adminToken}`, 'content-type': 'application/pdf' },
      body: halfThenGone,
      duplex: 'half',
      signal: abort.signal,
    });
    await expect(cut).rejects.toThrow();
    // The endpoint notices the cut connection in its own time; wait for its clean-up, not for a clock.
    let now = await held(endpoint);
    for (let i = 0; i < 100 && (now.uploads > 0 || now.objects > before.objects); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      now = await held(endpoint);
    }
    expect(now).toEqual(before);
  });

  it('refuses a body declared larger than the limit before reading it', async () => {
    const before = await held(endpoint);
    // Declares 1 GB and sends a few bytes: the answer comes back without waiting for the rest.
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${endpoint.url}/v1/meetings/${meetingId}/documents?title=Huge`, {
        method: 'POST',
        headers: { authorization: `Bearer ${endpoint.adminToken}`, 'content-type': 'application/pdf', 'content-length': String(1024 ** 3) },
      });
      request.on('response', (response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      request.on('error', reject);
      request.write('%PDF-1.7\n');
    });
    expect(status).toBe(413);
    expect(await held(endpoint)).toEqual(before);
  });
});

describe('who may download', () => {
  it('serves a restricted paper to a member of the committee and to nobody else', async () => {
    const partTwo = Buffer.concat([fs.readFileSync(january2022().path), Buffer.from('\n% exempt appendix\n')]);
    const answer = await upload(endpoint, meetingId, Readable.from([partTwo]), { title: 'Exempt appendix', kind: 'appendix', itemNumber: '1', restricted: 'true' });
    expect(answer.status).toBe(201);
    const sha = MeetingDocument.parse(await answer.json()).sha256;

    expect((await bytesOf(await download(sha, memberToken))).equals(partTwo)).toBe(true);
    // An officer attends only what they report on: not Part II, whatever they ask for.
    for (const headers of [{}, { range: 'bytes=0-99' }, { 'if-none-match': `"${sha}"` }] as Record<string, string>[]) {
      const refused = await download(sha, officerToken, headers);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('etag')).toBeNull();
    }
    // The open pack the officer may read.
    expect((await download(packSha, officerToken, { range: 'bytes=0-4' })).status).toBe(206);
    await endpoint.addUser({ name: 'Lowri Licensing', email: 'lowri@council.example', role: 'councillor', password, committees: ['Licensing Committee'] });
    const outsider = (await endpoint.signIn('lowri@council.example', password)).accessToken;
    expect((await download(packSha, outsider)).status).toBe(404);
    expect((await download(sha, 'made-up-token')).status).toBe(401);
  });

  it('refuses an upload from anyone but a clerk before reading it', async () => {
    const before = await held(endpoint);
    const answer = await fetch(`${endpoint.url}/v1/meetings/${meetingId}/documents?title=Mine`, {
      method: 'POST',
      headers: { authorization: `Bearer ${memberToken}`, 'content-type': 'application/pdf' },
      body: fs.createReadStream(packFile),
      duplex: 'half',
    });
    expect(answer.status).toBe(403);
    expect(await held(endpoint)).toEqual(before);
  });
});

/** Resident set of a process, in bytes, as Linux reports it. */
function rssOf(pid: number): number {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? 0) * 1024;
}

describe('a document larger than the endpoint would want to hold', () => {
  let own: TestEndpoint;
  beforeAll(async () => {
    // Its own process, so what is measured is the endpoint's memory alone.
    own = await startTestEndpoint({ separateProcess: true });
  }, 120_000);
  afterAll(async () => {
    await own?.close();
  }, 60_000);

  it('passes 100 MB up and down without the endpoint growing by anything like its size', async () => {
    const size = 100 * 1024 * 1024;
    const file = path.join(own.dataDir, 'hundred-megabytes.pdf');
    // Not a PDF past its header: the endpoint checks the header and stores the bytes as they are.
    const hash = createHash('sha256');
    const out = fs.openSync(file, 'w');
    const header = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
    fs.writeSync(out, header);
    hash.update(header);
    for (let written = header.length; written < size; ) {
      const chunk = randomBytes(Math.min(1024 * 1024, size - written));
      fs.writeSync(out, chunk);
      hash.update(chunk);
      written += chunk.length;
    }
    fs.closeSync(out);
    const sha = hash.digest('hex');
    const pid = own.serverPid();
    expect(pid).toBeGreaterThan(0);
    const meeting = (await own.publish({ committee, title: 'Planning Panel', date: '2022-02-14', startTime: '10:00', venue: 'County Hall', items: [] })).meeting.id;

    const beforeUpload = rssOf(pid!);
    let peakUpload = beforeUpload;
    const sampled = (async function* () {
      for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
        peakUpload = Math.max(peakUpload, rssOf(pid!));
        yield chunk as Buffer;
      }
    })();
    const stored = await upload(own, meeting, sampled, { title: 'Hundred megabytes', sha256: sha });
    expect(stored.status).toBe(201);

    const beforeDownload = rssOf(pid!);
    let peakDownload = beforeDownload;
    const served = await fetch(`${own.url}/v1/documents/${sha}`, { headers: { authorization: `Bearer ${own.adminToken}` } });
    expect(served.status).toBe(200);
    const received = createHash('sha256');
    let length = 0;
    const reader = (served.body as ReadableStream<Uint8Array>).getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      received.update(next.value);
      length += next.value.length;
      peakDownload = Math.max(peakDownload, rssOf(pid!));
    }
    expect(length).toBe(size);
    expect(received.digest('hex')).toBe(sha);
    const grewUploading = peakUpload - beforeUpload;
    const grewServing = peakDownload - beforeDownload;
    console.info(`endpoint RSS grew ${(grewUploading / 1048576).toFixed(1)} MB taking and ${(grewServing / 1048576).toFixed(1)} MB serving a 100 MB document`);
    // Held whole, the document alone would add its 100 MB (and, as bytea, its hex text twice that).
    // Streamed, what grows is spent chunks awaiting collection, which V8 bounds by the external
    // memory it lets pile up before collecting (tens of MB, whatever the document's size).
    expect(grewUploading).toBeLessThan(size / 2);
    expect(grewServing).toBeLessThan(size / 2);
  }, 300_000);
});
