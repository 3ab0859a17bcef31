import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openCore, type Core } from '../../electron/core/core';
import type { Db } from '../../electron/core/db/database';
import { openDataDatabase } from '../../electron/core/testing/dataDatabase';
import { PageGeometryStore } from '../../electron/core/annotations/geometry';
import { reanchorMeeting } from '../../electron/core/annotations/reanchor';
import { DomainWriter } from '../../electron/core/repositories/domainWriter';
import { generateLargePack, generateRevisedLargePack, type LargeRevision } from '../../tools/sample-packs/generate';
import { median, type Workload } from '../harness';
import { notes } from './packs';

const dist = path.resolve(__dirname, '..');
const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-bench-'));
const saves = Number(process.env.BENCH_ANNOTATIONS ?? 1000);
const pages = Number(process.env.BENCH_PACK_PAGES ?? 300);
const repeats = () => Number(process.env.BENCH_REPEATS ?? 3);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

let packs: { original: string; revised: string; revision: LargeRevision } | null = null;
async function largePacks() {
  if (!packs) {
    const dir = fresh();
    const original = path.join(dir, `large-${pages}.pdf`);
    const revised = path.join(dir, `large-${pages}-republished.pdf`);
    await generateLargePack(original, pages);
    packs = { original, revised, revision: await generateRevisedLargePack(revised, pages) };
  }
  return packs;
}

/** A sentence-sized quote from each report page: 60 characters from its fourth line on. */
function quotesOf(core: Core, packId: string): { pageIndex: number; exact: string }[] {
  const db = openDataDatabase(core.dataDir, { readonly: true });
  const rows = db.prepare<[string], { page_index: number; text: string }>('SELECT page_index, text FROM pack_pages WHERE pack_id = ? ORDER BY page_index').all(packId);
  db.close();
  return rows
    .filter((r) => r.page_index > 0)
    .map((r) => ({ pageIndex: r.page_index, exact: r.text.split('\n').slice(3).join(' ').replace(/\s+/g, ' ').slice(0, 60).trim() }))
    .filter((q) => q.exact.length >= 40);
}

/**
 * Save latency: each highlight through the contract (validation, finding the quote on the page,
 * prefix/suffix, one transaction with its outbox row, WAL + synchronous=FULL) against a bare
 * prepared INSERT of the same row (autocommit, same pragmas, same disk).
 */
export function annotationSave(): Workload {
  let core: Core | null = null;
  let db: Db | null = null;
  let meetingId = '';
  let packId = '';
  let quotes: { pageIndex: number; exact: string }[] = [];
  const latencies: number[] = [];
  let runs = 0;
  return {
    name: 'annotation-save',
    description: `${saves.toLocaleString('en-GB')} highlights saved one by one through createAnnotation (quote found on its page, context, rectangles from the text geometry, one transaction with its outbox row) vs the same rows as bare INSERTs (one autocommit each); WAL, synchronous=FULL, on disk, the 40-page sample pack.`,
    repeats: repeats(),
    baseline: {
      name: 'raw INSERT into annotations',
      setup: async () => {
        const c = openCore({ dataDir: fresh(), distDir: dist });
        const r = await c.importPackFile(path.join(dist, 'sample-packs', 'ccosp-2022-01-17-agenda.pdf'));
        quotes = quotesOf(c, r.packId);
        meetingId = r.meetingId;
        packId = r.packId;
        const dir = c.dataDir;
        c.close();
        db = openDataDatabase(dir);
      },
      run: () => {
        const insert = db?.prepare(
          `INSERT INTO annotations (id, meeting_id, author_member_id, kind, colour, pack_id, page_index, rects, quote_exact, created_at, updated_at)
           VALUES (?, ?, 'bench', 'highlight', '#ffd60a', ?, ?, '[]', ?, ?, ?)`,
        );
        for (let i = 0; i < saves; i++) {
          const q = quotes[i % quotes.length];
          const now = new Date().toISOString();
          insert?.run(randomUUID(), meetingId, packId, q?.pageIndex ?? 0, q?.exact ?? 'x', now, now);
        }
      },
      teardown: () => {
        db?.close();
      },
    },
    subject: {
      name: 'createAnnotation via contract',
      setup: async () => {
        core = openCore({ dataDir: fresh(), distDir: dist });
        const r = await core.importPackFile(path.join(dist, 'sample-packs', 'ccosp-2022-01-17-agenda.pdf'));
        meetingId = r.meetingId;
        quotes = quotesOf(core, r.packId);
      },
      run: async () => {
        for (let i = 0; i < saves; i++) {
          const q = quotes[i % quotes.length];
          const started = performance.now();
          const result = await core?.call('createAnnotation', {
            actingMemberId: 'bench',
            annotation: { meetingId, kind: 'highlight', colour: '#ffd60a', pageIndex: q?.pageIndex ?? 0, exact: q?.exact ?? '' },
          });
          latencies.push(performance.now() - started);
          if (!result?.ok) throw new Error(`save ${i} failed: ${result?.error.message ?? ''}`);
        }
      },
      teardown: () => {
        core?.close();
        runs += 1;
        if (runs === repeats()) notes.push(`annotation-save per highlight: median ${median(latencies).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms over ${latencies.length} saves`);
      },
    },
  };
}

/**
 * Re-anchoring alone: one highlight per page of a 300-page pack placed again on its republished
 * version (one page inserted a third of the way in, one left out two thirds in), timed around the
 * re-anchoring transaction itself, against importing that republished pack (extraction, structure,
 * pages, FTS) so the figure reads as a share of the import it rides on. Success is checked against
 * where each passage truly went.
 */
export function annotationReanchor(): Workload {
  let core: Core | null = null;
  let meetingId = '';
  let newPackId = '';
  let dataDir = '';
  const madeOn = new Map<string, number>();
  const rates: { anchored: number; correct: number; flagged: number; total: number; deletedOnes: number }[] = [];
  return {
    name: 'annotation-reanchor',
    description: `re-anchoring one highlight per page of a ${pages}-page pack onto its republished version (a page inserted a third of the way in, one left out two thirds in): the re-anchoring transaction alone vs importing the republished pack with no annotations.`,
    repeats: repeats(),
    baseline: {
      name: 'import of the republished pack',
      setup: async () => {
        core = openCore({ dataDir: fresh(), distDir: dist });
        await core.importPackFile((await largePacks()).original);
      },
      run: async () => {
        await core?.importPackFile((await largePacks()).revised);
      },
      teardown: () => {
        core?.close();
      },
    },
    subject: {
      name: 're-anchoring transaction',
      setup: async () => {
        const { original, revised } = await largePacks();
        const c = openCore({ dataDir: fresh(), distDir: dist });
        const first = await c.importPackFile(original);
        const second = await c.importPackFile(revised);
        meetingId = first.meetingId;
        newPackId = second.packId;
        madeOn.clear();
        for (const q of quotesOf(c, first.packId)) {
          const saved = await c.call('createAnnotation', { actingMemberId: 'bench', annotation: { meetingId, packId: first.packId, kind: 'highlight', colour: '#ffd60a', pageIndex: q.pageIndex, exact: q.exact } });
          if (!saved.ok) throw new Error(saved.error.message);
          madeOn.set(saved.value.id, q.pageIndex);
        }
        dataDir = c.dataDir;
        c.close();
      },
      run: () => {
        const db = openDataDatabase(dataDir);
        const started = performance.now();
        new DomainWriter(db).write((tx) => reanchorMeeting(db, new PageGeometryStore(db), tx, meetingId, newPackId));
        const elapsed = performance.now() - started;
        db.close();
        return elapsed;
      },
      teardown: async () => {
        const { revision } = await largePacks();
        core = openCore({ dataDir, distDir: dist });
        const list = await core.call('listAnnotations', { actingMemberId: 'bench', meetingId });
        core.close();
        if (!list.ok) throw new Error('list failed');
        let correct = 0;
        let deletedOnes = 0;
        // Where each passage truly is now: pages before the insert stay, those between the insert
        // and the page left out move on by one, later ones are back where they were.
        for (const a of list.value) {
          const oldPage = (madeOn.get(a.id) ?? -1) + 1;
          if (oldPage === revision.deletedPage) {
            deletedOnes += 1;
            if (a.status === 'needs-review') correct += 1;
            continue;
          }
          const expected = oldPage >= revision.insertedBefore && oldPage < revision.deletedPage ? oldPage + 1 : oldPage;
          if (a.status === 'anchored' && a.packId === newPackId && a.pageIndex + 1 === expected) correct += 1;
        }
        rates.push({
          anchored: list.value.filter((a) => a.status === 'anchored').length,
          flagged: list.value.filter((a) => a.status === 'needs-review').length,
          correct,
          total: list.value.length,
          deletedOnes,
        });
        const last = rates.at(-1);
        if (rates.length === repeats() && last) {
          notes.push(
            `annotation-reanchor: ${last.total} highlights (one per page); ${last.anchored} re-anchored (${((100 * last.anchored) / last.total).toFixed(1)}%), ${last.flagged} flagged needs-review, ` +
              `${last.correct} at their true new page or rightly flagged (${((100 * last.correct) / last.total).toFixed(1)}%; ${last.deletedOnes} on the page left out); none dropped`,
          );
        }
      },
    },
  };
}
