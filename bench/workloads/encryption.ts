import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../electron/core/db/database';
import { openDatabase } from '../../electron/core/db/database';
import type { JobContext } from '../../electron/core/jobs';
import { extractPdf, type ExtractedPdf } from '../../electron/core/packs/extract';
import { DocumentStore } from '../../electron/core/packs/documentStore';
import { PackImporter } from '../../electron/core/packs/importer';
import { DomainWriter } from '../../electron/core/repositories/domainWriter';
import { MeetingsRepository } from '../../electron/core/meetings/repository';
import { PacksRepository } from '../../electron/core/repositories/packs';
import { createPlaintextDatabaseForBenchmark } from '../../electron/core/testing/plaintextDatabase';
import { generateLargePack } from '../../tools/sample-packs/generate';
import type { Workload } from '../harness';

const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-bench-enc-'));
const pages = Number(process.env.BENCH_PACK_PAGES ?? 300);

/** The same document store writing files as they are: only the baseline of this benchmark uses it. */
class PlaintextStore extends DocumentStore {
  override put(sha256: string, bytes: Uint8Array): boolean {
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) return false;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes, { flush: true });
    return true;
  }
}

const context: JobContext = { progress: () => undefined, signal: new AbortController().signal };

interface Setup {
  bytes: Uint8Array;
  extracted: ExtractedPdf;
}
let shared: Setup | null = null;
async function prepared(): Promise<Setup> {
  if (!shared) {
    const file = path.join(fresh(), `large-${pages}.pdf`);
    await generateLargePack(file, pages);
    const bytes = new Uint8Array(fs.readFileSync(file));
    shared = { bytes, extracted: await extractPdf(bytes) };
  }
  return shared;
}

/** One import's write path (store the file, then pages, FTS, items and outbox in one transaction). */
function importer(db: Db, store: DocumentStore, extracted: ExtractedPdf): PackImporter {
  const writer = new DomainWriter(db);
  return new PackImporter(db, writer, new MeetingsRepository(db, writer), new PacksRepository(db), store, () => Promise.resolve(extracted));
}

/**
 * What encryption at rest costs a pack import: the same importer, the same extracted text (pdf.js
 * runs once, outside the timing, since it does not touch storage) writing into an encrypted
 * database and document store against a plaintext database and plain files.
 */
export function encryptionImport(): Workload {
  let db: Db | null = null;
  let run: (() => Promise<unknown>) | null = null;
  const variant = (encrypted: boolean) => ({
    name: encrypted ? 'encrypted database + documents' : 'plaintext database + documents',
    setup: async () => {
      const { bytes, extracted } = await prepared();
      const dir = fresh();
      const file = path.join(dir, 'chamber.sqlite3');
      const key = randomBytes(32);
      db = encrypted ? openDatabase(file, key).db : createPlaintextDatabaseForBenchmark(file);
      const root = path.join(dir, 'documents');
      const store = encrypted ? new DocumentStore(root, key) : new PlaintextStore(root, key);
      const pack = importer(db, store, extracted);
      run = () => pack.import(bytes, 'large.pdf', {}, context);
    },
    run: async () => {
      await run?.();
    },
    teardown: () => {
      db?.close();
    },
  });
  return {
    name: 'encryption-import',
    description: `importing a ${pages}-page pack (text already extracted) into an encrypted database and document store vs the same import unencrypted.`,
    repeats: Number(process.env.BENCH_REPEATS ?? 5),
    baseline: variant(false),
    subject: variant(true),
  };
}

/** What encryption costs search: the same FTS queries over the same imported pack, twenty times over. */
export function encryptionSearch(): Workload {
  const queries = ['budget', 'data sharing', 'west mercia energy', 'scrutiny panel', 'information governance'];
  const dbs: { plain: Db | null; encrypted: Db | null } = { plain: null, encrypted: null };
  const setup = async () => {
    if (dbs.plain && dbs.encrypted) return;
    const { bytes, extracted } = await prepared();
    for (const encrypted of [false, true]) {
      const dir = fresh();
      const key = randomBytes(32);
      const db = encrypted ? openDatabase(path.join(dir, 'chamber.sqlite3'), key).db : createPlaintextDatabaseForBenchmark(path.join(dir, 'chamber.sqlite3'));
      const store = encrypted ? new DocumentStore(path.join(dir, 'documents'), key) : new PlaintextStore(path.join(dir, 'documents'), key);
      // Twenty meetings' packs, so the index is larger than the page cache's easy case.
      for (let i = 0; i < 20; i++) {
        const copy = new Uint8Array(bytes);
        copy[copy.length - 1] = i; // a different file each time, so each becomes its own pack
        await importer(db, store, extracted).import(copy, `pack-${i}.pdf`, {}, context);
        db.prepare("UPDATE meetings SET date = date(date, '+' || ? || ' days') WHERE id = (SELECT meeting_id FROM packs ORDER BY imported_at DESC LIMIT 1)").run(i + 1);
      }
      if (encrypted) dbs.encrypted = db;
      else dbs.plain = db;
    }
  };
  const search = (db: Db | null) => {
    const packs = new PacksRepository(db as Db);
    for (const q of queries) packs.search(q, 50);
  };
  return {
    name: 'encryption-search',
    description: `${queries.length} FTS5 searches (top 50, snippets) over the same 20 imported ${pages}-page packs in an encrypted database vs a plaintext one.`,
    repeats: Number(process.env.BENCH_REPEATS_SEARCH ?? 20),
    baseline: { name: 'plaintext database', setup, run: () => search(dbs.plain) },
    subject: { name: 'encrypted database', setup, run: () => search(dbs.encrypted) },
  };
}
