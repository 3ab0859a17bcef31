/**
 * End to end on real PDFs: the sample-pack generator typesets agenda packs with a ground-truth
 * manifest; extraction (pdf.js) and the structure parser must read back exactly what it printed.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackStructure } from '../../../shared/domain/pack';
import { parsePackStructure } from '../../../shared/packs/structure';
import { SAMPLE_PACK_FILES, generateLargePack, generateSamplePacks } from '../../../tools/sample-packs/generate';
import type { SamplePack, SamplePackManifest } from '../../../tools/sample-packs/manifest';
import { makeTempDir } from '../testing/tempDir';
import { extractPdf } from './extract';

let dir: string;
let manifest: SamplePackManifest;
const structures = new Map<string, PackStructure>();

beforeAll(async () => {
  dir = makeTempDir('chamber-structure-');
  manifest = await generateSamplePacks(dir);
  for (const pack of manifest.packs) {
    const extracted = await extractPdf(new Uint8Array(await readFile(path.join(dir, pack.file))));
    structures.set(pack.file, PackStructure.parse(parsePackStructure(extracted.pages)));
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sample(file: string): { pack: SamplePack; structure: PackStructure } {
  const pack = manifest.packs.find((p) => p.file === file);
  const structure = structures.get(file);
  if (!pack || !structure) throw new Error(`no sample pack ${file}`);
  return { pack, structure };
}

/** The manifest's ground truth in the parser's shape. */
function expectedItems(pack: SamplePack) {
  return pack.items.map((item) => ({
    number: String(item.number),
    title: item.title,
    printedPages: item.printedPages,
    pdfPages: item.pdfPages,
    timing: item.timing,
    status: item.status,
  }));
}

const agendaPacks = [
  SAMPLE_PACK_FILES.original2022,
  SAMPLE_PACK_FILES.revised2022,
  SAMPLE_PACK_FILES.pack2019,
  SAMPLE_PACK_FILES.welsh2022,
] as const;

describe.each(agendaPacks)('%s', (file) => {
  it('reads every agenda item exactly as printed: number, title, pages, timing, status', () => {
    const { pack, structure } = sample(file);
    expect(structure.source).toBe('agenda-table');
    expect(structure.items).toEqual(expectedItems(pack));
  });

  it('reads the meeting and its members from the front sheet', () => {
    const { pack, structure } = sample(file);
    expect(structure.meeting).toEqual(pack.meeting);
  });

  it('maps every PDF page to its printed page number and has nothing to warn about', () => {
    const { pack, structure } = sample(file);
    expect(structure.printedPageNumbers).toEqual(pack.printedPageNumbers);
    expect(structure.warnings).toEqual([]);
  });
});

describe('the 17 January 2022 pack in detail', () => {
  it('has the items the council printed', () => {
    const { structure } = sample(SAMPLE_PACK_FILES.original2022);
    expect(structure.items.map((i) => [i.number, i.title, i.printedPages, i.pdfPages, i.timing, i.status])).toEqual([
      ['1', 'Apologies and Welcome', null, null, null, 'none'],
      ['2', 'Declarations of Interest and of any Party Whip', null, null, null, 'none'],
      ['3', 'Public Participation', null, null, null, 'none'],
      ['4', 'Confirmation of the Minutes of the Previous Meeting', null, null, null, 'none'],
      ['5', 'Budget Scrutiny 2022/23', { from: 1, to: 18 }, { from: 5, to: 22 }, { from: '10:05', to: '10:50' }, 'published'],
      ['6', 'Data Sharing and Analytics', { from: 19, to: 32 }, { from: 23, to: 36 }, { from: '10:50', to: '11:30' }, 'published'],
      [
        '7',
        "Annual Update on the Council's Energy Purchasing Arrangement via the West Mercia Energy Joint Committee",
        null,
        null,
        { from: '11:30', to: '12:10' },
        'to-follow',
      ],
      ['8', 'Work Programme', { from: 33, to: 36 }, { from: 37, to: 40 }, { from: '12:10', to: '12:20' }, 'published'],
    ]);
    expect(structure.meeting).toMatchObject({
      committee: 'Corporate and Communities Overview and Scrutiny Panel',
      date: '2022-01-17',
      startTime: '10:00',
      venue: 'Council Chamber, County Hall, Worcester',
    });
    expect(structure.meeting.members[0]).toEqual({ name: 'Mike Rouse', role: 'chair' });
    expect(structure.meeting.members[1]).toEqual({ name: 'James Stanley', role: 'vice-chair' });
    expect(structure.meeting.members).toHaveLength(9);
  });
});

describe('the 5 November 2019 pack in detail', () => {
  it('reads a 2 pm meeting, "Previously circulated" minutes and one report', () => {
    const { structure } = sample(SAMPLE_PACK_FILES.pack2019);
    expect(structure.meeting).toMatchObject({ date: '2019-11-05', startTime: '14:00', venue: 'Council Chamber, County Hall, Worcester' });
    expect(structure.items.find((i) => i.number === '4')).toMatchObject({ status: 'previously-circulated', printedPages: null, pdfPages: null });
    expect(structure.items.find((i) => i.number === '5')).toMatchObject({
      title: 'Working with District Councils and other Partners to share information',
      printedPages: { from: 1, to: 7 },
      pdfPages: { from: 3, to: 9 },
      timing: null,
      status: 'published',
    });
  });
});

describe('a document without an agenda table (LGA resources pack)', () => {
  it('falls back to the headings at the top of pages, and says there was no table', () => {
    const { pack, structure } = sample(SAMPLE_PACK_FILES.lga2021);
    expect(structure.source).toBe('headings');
    expect(structure.warnings.map((w) => w.code)).toContain('NO_AGENDA_TABLE');
    expect(structure.meeting).toEqual({ committee: null, date: null, startTime: null, venue: null, members: [] });
    expect(structure.printedPageNumbers).toEqual(pack.printedPageNumbers);
    // One item per heading; a heading repeated on the next page (a continued slide) is one item.
    const headings = (pack.headings ?? []).filter((h, i, all) => i === 0 || all[i - 1]?.text !== h.text);
    expect(structure.items.map((i) => [i.title, i.pdfPages?.from])).toEqual(headings.map((h) => [h.text, h.pdfPage]));
    // Items cover the pages up to the next heading, the last one to the end of the document.
    structure.items.forEach((item, i) => {
      const next = structure.items[i + 1];
      expect(item.pdfPages?.to).toBe(next?.pdfPages ? next.pdfPages.from - 1 : pack.pageCount);
    });
  });
});

describe('a large generated pack', () => {
  it('maps each report to PDF pages one after its printed pages', async () => {
    const file = path.join(dir, 'large-120.pdf');
    await generateLargePack(file, 120);
    const extracted = await extractPdf(new Uint8Array(await readFile(file)));
    const structure = PackStructure.parse(parsePackStructure(extracted.pages));
    expect(structure.source).toBe('agenda-table');
    expect(structure.printedPageNumbers).toEqual([null, ...Array.from({ length: 119 }, (_, i) => i + 1)]);
    const published = structure.items.filter((i) => i.status === 'published');
    expect(published.length).toBeGreaterThan(3);
    for (const item of published) {
      expect(item.pdfPages).toEqual({ from: (item.printedPages?.from ?? 0) + 1, to: (item.printedPages?.to ?? 0) + 1 });
    }
    expect(published[published.length - 1]?.pdfPages?.to).toBe(120);
    expect(structure.warnings).toEqual([]);
  });
});
