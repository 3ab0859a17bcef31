/**
 * The layout corpus (tools/sample-packs/corpus): front sheets laid out as councils other than
 * Worcestershire lay them out, typeset into real PDFs with their ground truth, each imported
 * through the real importer into a real SQLite database. Every field must come back right.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLayoutCorpus } from '../../../tools/sample-packs/corpus/build';
import type { CorpusPack } from '../../../tools/sample-packs/corpus/spec';
import { openCore } from '../core';
import { distDir, makeTempDir } from '../testing/tempDir';

interface FieldCheck {
  field: string;
  expected: unknown;
  actual: unknown;
}

let dir: string;
let corpus: CorpusPack[] = [];
const checks = new Map<string, FieldCheck[]>();

/** Imports one corpus PDF into a fresh data directory and lists every field against the truth. */
async function importAndCompare(pack: CorpusPack): Promise<FieldCheck[]> {
  const core = openCore({ dataDir: makeTempDir(), distDir });
  try {
    const result = await core.importPackFile(path.join(dir, pack.file));
    const meeting = await core.call('getMeeting', { id: result.meetingId });
    const stored = await core.call('getMeetingPack', { meetingId: result.meetingId });
    if (!meeting.ok || !stored.ok || !stored.value) throw new Error(`${pack.id}: the imported meeting or pack cannot be read`);
    const m = meeting.value;
    const out: FieldCheck[] = [
      { field: 'committee', expected: pack.meeting.committee, actual: m.committee },
      { field: 'date', expected: pack.meeting.date, actual: m.date },
      { field: 'time', expected: pack.meeting.startTime, actual: m.startTime },
      { field: 'venue', expected: pack.meeting.venue, actual: m.venue },
      { field: 'members', expected: pack.meeting.members, actual: stored.value.members },
      { field: 'item count', expected: pack.items.length, actual: stored.value.items.length },
      { field: 'printed page numbers', expected: pack.printedPageNumbers, actual: stored.value.printedPageNumbers },
    ];
    pack.items.forEach((truth, i) => {
      const item = stored.value?.items[i];
      const label = `item ${truth.number}`;
      out.push(
        { field: `${label} number`, expected: truth.number, actual: item?.number },
        { field: `${label} title`, expected: truth.title, actual: item?.title },
        { field: `${label} printed pages`, expected: truth.printedPages, actual: item?.printedPages },
        { field: `${label} PDF pages`, expected: truth.pdfPages, actual: item?.pdfPages },
        { field: `${label} timing`, expected: truth.timing, actual: item?.timing },
        { field: `${label} status`, expected: truth.status, actual: item?.status },
      );
    });
    return out;
  } finally {
    core.close();
  }
}

const right = (c: FieldCheck): boolean => JSON.stringify(c.expected) === JSON.stringify(c.actual);

beforeAll(async () => {
  dir = makeTempDir('chamber-corpus-');
  corpus = await generateLayoutCorpus(dir);
  for (const pack of corpus) checks.set(pack.id, await importAndCompare(pack));
  const report = corpus.map((pack) => {
    const list = checks.get(pack.id) ?? [];
    const good = list.filter(right).length;
    return `${pack.id.padEnd(22)} ${String(good).padStart(3)}/${String(list.length).padEnd(3)} ${((100 * good) / Math.max(1, list.length)).toFixed(1)}%`;
  });
  console.log(`layout corpus: fields right per layout\n${report.join('\n')}`);
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the layout corpus', () => {
  it('has at least twelve distinct front-sheet layouts', () => {
    expect(new Set(corpus.map((p) => p.id)).size).toBeGreaterThanOrEqual(12);
  });

  it('reads every field of every layout right through the importer (100%)', () => {
    const wrong = corpus.flatMap((pack) => (checks.get(pack.id) ?? []).filter((c) => !right(c)).map((c) => ({ layout: pack.id, ...c })));
    expect(wrong).toEqual([]);
  });
});
