import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { january2022, november2019 } from '../electron/core/testing/samplePacks';
import { makeTempDir } from '../electron/core/testing/tempDir';
import { migrate, migrations } from './db/migrations';
import { openDatabase, type Database } from './db/postgres';
import type { Principal } from './accounts';
import { LargeObjectStore } from './documents/largeObjects';
import { DocumentMismatch } from './documents/store';
import { uploadDocument } from './packs';

/**
 * Endpoint migration 8 moves documents stored as bytea into large objects, and the large-object
 * store reads and writes them in chunks. Real PostgreSQL; the pre-migration rows are written as
 * SQL, as the endpoint of migrations 1 to 6 wrote them.
 */
let root = '';
let db: Database;
const packs = [january2022(), november2019()].map((p) => {
  const bytes = fs.readFileSync(p.path);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
});

const objects = async (): Promise<number> => (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_largeobject_metadata')).rows[0]!.n;

async function read(store: LargeObjectStore, sha256: string, range?: { start: number; end: number }): Promise<Buffer> {
  const stream = await store.get(sha256, range);
  if (!stream) throw new Error(`${sha256} is not stored`);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  root = makeTempDir('chamber-document-objects-');
  // The embedded cluster runs as the postgres user when tests run as root: it must reach the folder.
  fs.chmodSync(root, 0o755);
  db = await openDatabase({ dataDir: path.join(root, 'council-postgres') });
  await migrate(db.pool, migrations.filter((m) => m.version < 8));
  await db.pool.query(`INSERT INTO users (id, council_id, email, name, role, password_hash) VALUES ('clerk', 'default', 'clerk@council.example', 'Clerk', 'clerk', 'x')`);
  await db.pool.query(`INSERT INTO committees (id, council_id, name) VALUES ('planning', 'default', 'Planning Panel')`);
  await db.pool.query(`INSERT INTO meetings (id, council_id, committee_id, title, date, start_time, venue, items, published_by) VALUES ('m1', 'default', 'planning', 'Planning', '2022-01-17', '10:00', 'Hall', '[]', 'clerk')`);
  for (const [i, pack] of packs.entries()) {
    await db.pool.query(`INSERT INTO documents (sha256, size, media_type, content) VALUES ($1, $2, 'application/pdf', $3)`, [pack.sha256, pack.bytes.length, pack.bytes]);
    await db.pool.query(`INSERT INTO meeting_documents (id, meeting_id, sha256, title, kind, restricted, version) VALUES ($1, 'm1', $2, $3, 'pack', false, 1)`, [`d${i}`, pack.sha256, `Pack ${i}`]);
  }
  expect(await objects()).toBe(0);
  expect(await migrate(db.pool)).toEqual([8]);
}, 120_000);

afterAll(async () => {
  await db?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('endpoint migration 8: documents as large objects', () => {
  it('copies every bytea document into its own large object and drops the column', async () => {
    expect(await objects()).toBe(packs.length);
    const columns = await db.pool.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'documents' ORDER BY column_name");
    expect(columns.rows.map((r) => r.column_name)).toEqual(['media_type', 'sha256', 'size']);
    const store = new LargeObjectStore(db.pool, 10_000);
    for (const pack of packs) {
      expect((await read(store, pack.sha256)).equals(pack.bytes)).toBe(true);
      expect(await store.stat(pack.sha256)).toEqual({ sha256: pack.sha256, size: pack.bytes.length, mediaType: 'application/pdf' });
    }
    // The links to meetings are untouched.
    expect((await db.pool.query('SELECT id FROM meeting_documents ORDER BY id')).rows).toEqual([{ id: 'd0' }, { id: 'd1' }]);
  });

  it('reads any range across chunk boundaries', async () => {
    const store = new LargeObjectStore(db.pool, 10_000);
    const { bytes, sha256 } = packs[0]!;
    for (const [start, end] of [[0, 0], [9_999, 10_000], [5, 35_123], [bytes.length - 1, bytes.length - 1], [0, bytes.length - 1]] as const) {
      expect((await read(store, sha256, { start, end })).equals(bytes.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(await store.stat('0'.repeat(64))).toBeNull();
  });

  it('keeps the same bytes once, and refuses a mismatch leaving no object behind', async () => {
    const store = new LargeObjectStore(db.pool, 10_000);
    const { bytes, sha256 } = packs[0]!;
    const before = await objects();
    expect(await store.put(Readable.from([bytes.subarray(0, 7), bytes.subarray(7)]), { sha256, size: bytes.length, mediaType: 'application/pdf' })).toEqual({ sha256, size: bytes.length, mediaType: 'application/pdf' });
    expect(await objects()).toBe(before);
    await expect(store.put(Readable.from([bytes]), { sha256: '1'.repeat(64), mediaType: 'application/pdf' })).rejects.toThrow(DocumentMismatch);
    await expect(store.put(Readable.from([bytes]), { size: bytes.length + 1, mediaType: 'application/pdf' })).rejects.toThrow(DocumentMismatch);
    await expect(store.put(Readable.from([bytes, bytes]), { size: bytes.length, mediaType: 'application/pdf' })).rejects.toThrow(DocumentMismatch);
    const failing = new Readable({ read() { this.destroy(new Error('connection reset')); } });
    await expect(store.put(failing, { mediaType: 'application/pdf' })).rejects.toThrow('connection reset');
    expect(await objects()).toBe(before);
    expect((await db.pool.query('SELECT * FROM document_uploads')).rowCount).toBe(0);
  });

  it('keeps one object when the same bytes finish uploading at the same moment twice', async () => {
    const store = new LargeObjectStore(db.pool, 10_000);
    const bytes = Buffer.concat([packs[0]!.bytes, Buffer.from('\n% twice at once\n')]);
    const before = await objects();
    const both = await Promise.all([0, 1].map(() => store.put(Readable.from([bytes]), { mediaType: 'application/pdf' })));
    expect(both[0]).toEqual(both[1]);
    expect(await objects()).toBe(before + 1);
    expect((await read(store, both[0]!.sha256)).equals(bytes)).toBe(true);
  });

  it('refuses an upload growing past the limit as it streams, keeping nothing of it', async () => {
    const store = new LargeObjectStore(db.pool, 10_000);
    const clerk: Principal = { userId: 'clerk', deviceId: 'clerk-device', councilId: 'default', role: 'clerk', committees: [], presidesIn: [], officerIn: [] };
    const before = await objects();
    const links = (await db.pool.query('SELECT id FROM meeting_documents')).rowCount;
    const { bytes } = packs[0]!;
    const upload = { title: 'Too big', kind: 'pack' as const, restricted: false };
    const tooBig = uploadDocument(db.pool, store, clerk, 'm1', upload, { stream: Readable.from([bytes.subarray(0, 20_000), bytes.subarray(20_000)]), maxBytes: 30_000 });
    await expect(tooBig).rejects.toMatchObject({ status: 413 });
    expect(await objects()).toBe(before);
    expect((await db.pool.query('SELECT id FROM meeting_documents')).rowCount).toBe(links);
    // Within the limit, the same call stores and links it.
    const stored = await uploadDocument(db.pool, store, clerk, 'm1', upload, { stream: Readable.from([bytes]), maxBytes: bytes.length });
    expect(stored).toMatchObject({ sha256: packs[0]!.sha256, size: bytes.length, version: 1 });
    expect(await objects()).toBe(before);
  });

  it('unlinks an upload a crash left unfinished a day ago when the next upload starts', async () => {
    const store = new LargeObjectStore(db.pool);
    const before = await objects();
    await db.pool.query(`INSERT INTO document_uploads (oid, started_at) VALUES (lo_from_bytea(0, 'half a pack'), now() - interval '25 hours')`);
    // One in progress elsewhere, started a minute ago, is left alone.
    const current = (await db.pool.query<{ oid: number }>(`INSERT INTO document_uploads (oid, started_at) VALUES (lo_from_bytea(0, 'under way'), now() - interval '1 minute') RETURNING oid`)).rows[0]!.oid;
    const fresh = Buffer.from('%PDF-1.4\n% a new paper\n');
    await store.put(Readable.from([fresh]), { mediaType: 'application/pdf' });
    expect(await objects()).toBe(before + 2);
    expect((await db.pool.query('SELECT oid FROM document_uploads')).rows).toEqual([{ oid: current }]);
  });

  it('frees a document’s large object when the document is deleted', async () => {
    const before = await objects();
    const { sha256 } = packs[1]!;
    await db.pool.query('DELETE FROM meeting_documents WHERE sha256 = $1', [sha256]);
    await db.pool.query('DELETE FROM documents WHERE sha256 = $1', [sha256]);
    expect(await objects()).toBe(before - 1);
    expect((await db.pool.query('SELECT * FROM document_large_objects WHERE sha256 = $1', [sha256])).rowCount).toBe(0);
  });
});
