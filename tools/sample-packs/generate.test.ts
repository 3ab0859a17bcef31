import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTiming } from './assemble';
import { SAMPLE_PACK_FILES, generateLargePack, generateSamplePacks } from './generate';
import type { SamplePack, SamplePackManifest } from './manifest';
import { type PdfText, footerNumber, readPdfText, squash } from './read-pdf';
import { cleanText, parseSeed, toWinAnsi } from './text';

let dir: string;
let manifest: SamplePackManifest;
const texts = new Map<string, PdfText>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'chamber-sample-packs-'));
  manifest = await generateSamplePacks(path.join(dir, 'a'));
  for (const pack of manifest.packs) texts.set(pack.file, await readPdfText(path.join(dir, 'a', pack.file)));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function pack(file: string): SamplePack {
  const found = manifest.packs.find((p) => p.file === file);
  if (!found) throw new Error(`no manifest entry for ${file}`);
  return found;
}

function pdf(file: string): PdfText {
  const found = texts.get(file);
  if (!found) throw new Error(`not read: ${file}`);
  return found;
}

/** Text of one 1-based PDF page, whitespace removed. */
function pageSquashed(file: string, pdfPage: number): string {
  return squash(pdf(file).pages[pdfPage - 1]?.text ?? '');
}

const agendaFiles = [
  SAMPLE_PACK_FILES.original2022,
  SAMPLE_PACK_FILES.revised2022,
  SAMPLE_PACK_FILES.pack2019,
  SAMPLE_PACK_FILES.welsh2022,
];

describe('seed text handling', () => {
  it('converts indicative timings to the 24-hour clock', () => {
    expect(parseTiming('(Indicative timing: 10:05 – 10:50am)')).toEqual({ from: '10:05', to: '10:50' });
    expect(parseTiming('(Indicative timing: 11:30 – 12:10pm)')).toEqual({ from: '11:30', to: '12:10' });
    expect(parseTiming('(Indicative timing: 12:10 – 12:20pm)')).toEqual({ from: '12:10', to: '12:20' });
    expect(parseTiming('(Indicative timing: 2:05 – 3:00pm)')).toEqual({ from: '14:05', to: '15:00' });
    expect(parseTiming('(Amseriad dangosol: 11:30 – 12:10 y.p.)')).toEqual({ from: '11:30', to: '12:10' });
    expect(parseTiming('Apologies')).toBeNull();
  });

  it('strips HTML, including double-encoded tags, and keeps bold as runs', () => {
    expect(cleanText('<sup>&</sup>lt;sup>1</sup> This is an extract')).toBe('1 This is an extract');
    expect(cleanText('Email: <u>scrutiny@worcestershire.gov.uk</u>')).toBe('Email: scrutiny@worcestershire.gov.uk');
    expect(cleanText('<a href="mailto:x@y.uk">x@y.uk</a> and [WODA](#)')).toBe('x@y.uk and WODA');
    const blocks = parseSeed('- **Sponsorship** by a 3<sup>rd</sup> party', { headingStyle: 'markdown' });
    expect(blocks).toEqual([
      { kind: 'bullet', level: 1, runs: [{ text: 'Sponsorship', bold: true }, { text: ' by a 3rd party', bold: false }] },
    ]);
  });

  it('keeps text inside what the WinAnsi standard fonts can show', () => {
    expect(toWinAnsi('ТВС')).toBe('TBC');
    expect(toWinAnsi('£5,000 – ‘as noted’ • ✓ done')).toBe('£5,000 – ‘as noted’ •  done');
    expect(toWinAnsi('Ő ŵ ה')).toBe('O w ');
  });
});

describe('generated sample packs', () => {
  it('writes the manifest next to the packs', async () => {
    const written = JSON.parse(await readFile(path.join(dir, 'a', 'manifest.json'), 'utf8')) as unknown;
    expect(written).toEqual(manifest);
    expect(manifest.packs.map((p) => p.file).sort()).toEqual(Object.values(SAMPLE_PACK_FILES).sort());
  });

  it.each(Object.values(SAMPLE_PACK_FILES))('%s has the page count the manifest gives', (file) => {
    expect(pdf(file).pageCount).toBe(pack(file).pageCount);
    expect(pack(file).printedPageNumbers).toHaveLength(pack(file).pageCount);
  });

  it.each(agendaFiles)('%s front sheet lists every item title, timing and page column', (file) => {
    const entry = pack(file);
    const range = entry.frontSheetPdfPages;
    expect(range).not.toBeNull();
    if (!range) return;
    let front = '';
    for (let p = range.from; p <= range.to; p += 1) front += pageSquashed(file, p);
    for (const item of entry.items) {
      expect(front).toContain(squash(item.title));
      if (item.pageColumn) expect(front).toContain(squash(item.pageColumn));
      if (item.timingText) expect(front).toContain(squash(item.timingText));
    }
    const meeting = entry.meeting;
    expect(meeting).not.toBeNull();
    if (!meeting) return;
    expect(front).toContain(squash(meeting.committee));
    expect(front).toContain(squash(meeting.venue));
    for (const member of meeting.members) expect(front).toContain(squash(member.name));
  });

  it.each(agendaFiles)('%s carries "Page N" footers exactly where the manifest says', (file) => {
    const entry = pack(file);
    const label = entry.footerLabel ?? 'Page';
    const footers = pdf(file).pages.map((p) => footerNumber(p, label));
    expect(footers).toEqual(entry.printedPageNumbers);
    for (const item of entry.items) {
      if (!item.pdfPages || !item.printedPages) {
        expect(item.pdfPages).toBeNull();
        expect(item.printedPages).toBeNull();
        continue;
      }
      expect(item.pdfPages.to - item.pdfPages.from).toBe(item.printedPages.to - item.printedPages.from);
      for (let p = item.pdfPages.from; p <= item.pdfPages.to; p += 1) {
        expect(footers[p - 1]).toBe(item.printedPages.from + (p - item.pdfPages.from));
      }
      // Each report opens with the pack builder's stamp.
      expect(pageSquashed(file, item.pdfPages.from)).toContain(squash(`${file.endsWith('-cy.pdf') ? 'Eitem Agenda' : 'Agenda Item'} ${item.number}`));
    }
  });

  it('matches the 17 January 2022 agenda as published', () => {
    const entry = pack(SAMPLE_PACK_FILES.original2022);
    expect(entry.meeting).toMatchObject({
      committee: 'Corporate and Communities Overview and Scrutiny Panel',
      date: '2022-01-17',
      startTime: '10:00',
      venue: 'Council Chamber, County Hall, Worcester',
    });
    expect(entry.meeting?.members.slice(0, 3)).toEqual([
      { name: 'Mike Rouse', role: 'chair' },
      { name: 'James Stanley', role: 'vice-chair' },
      { name: 'Mel Allcott', role: 'member' },
    ]);
    expect(entry.meeting?.members).toHaveLength(9);
    const summary = entry.items.map((i) => [i.number, i.title, i.pageColumn, i.status, i.printedPages, i.pdfPages, i.timing]);
    expect(summary).toEqual([
      [1, 'Apologies and Welcome', '', 'none', null, null, null],
      [2, 'Declarations of Interest and of any Party Whip', '', 'none', null, null, null],
      [3, 'Public Participation', '', 'none', null, null, null],
      [4, 'Confirmation of the Minutes of the Previous Meeting', '', 'none', null, null, null],
      [5, 'Budget Scrutiny 2022/23', '1 - 18', 'published', { from: 1, to: 18 }, { from: 5, to: 22 }, { from: '10:05', to: '10:50' }],
      [6, 'Data Sharing and Analytics', '19 - 32', 'published', { from: 19, to: 32 }, { from: 23, to: 36 }, { from: '10:50', to: '11:30' }],
      [
        7,
        "Annual Update on the Council's Energy Purchasing Arrangement via the West Mercia Energy Joint Committee",
        'To follow',
        'to-follow',
        null,
        null,
        { from: '11:30', to: '12:10' },
      ],
      [8, 'Work Programme', '33 - 36', 'published', { from: 33, to: 36 }, { from: 37, to: 40 }, { from: '12:10', to: '12:20' }],
    ]);

    const file = SAMPLE_PACK_FILES.original2022;
    expect(pageSquashed(file, 1)).toContain(squash('Monday, 17 January 2022, 10.00 am'));
    expect(pageSquashed(file, 2)).toContain('DISCLOSINGINTERESTS');
    expect(pdf(file).pages[3]?.text).toBe('This page is intentionally left blank');
    const item5 = pdf(file).pages[4]?.text ?? '';
    expect(item5).toContain('CORPORATE AND COMMUNITIES OVERVIEW AND SCRUTINY PANEL 17 JANUARY 2022 BUDGET SCRUTINY 2022/23');
    expect(pdf(file).pages[22]?.text).toContain('DATA SHARING AND ANALYTICS');
    expect(pdf(file).pages[36]?.text).toContain('WORK PROGRAMME 2021/22');
    // Padding pages still carry their footer, as in real packs.
    expect(pdf(file).pages[39]?.text).toBe('This page is intentionally left blank Page 36');
  });

  it('round-trips WinAnsi punctuation and leaves no markup behind', () => {
    const all = [...texts.values()].flatMap((t) => t.pages.map((p) => p.text)).join('\n');
    expect(all).not.toMatch(/<\/?(u|b|sup|a|ul|li|th)\b|\*\*|&lt;|&amp;/);
    expect(all).not.toMatch(/[\u0400-\u04ff\u0590-\u05ff\u2713]/);
    const original = pdf(SAMPLE_PACK_FILES.original2022);
    expect(original.pages[2]?.text).toContain('10:05 – 10:50am');
    expect(original.pages.map((p) => p.text).join(' ')).toContain('£44.2 million');
    expect(original.pages.map((p) => p.text).join(' ')).toContain('TBC Performance of registration of deaths');
    const report2019 = pdf(SAMPLE_PACK_FILES.pack2019).pages.map((p) => p.text).join(' ');
    expect(report2019).toContain('‘information sharing gateway’');
    const welsh = pdf(SAMPLE_PACK_FILES.welsh2022);
    expect(welsh.pages[0]?.text).toContain('Dydd Llun, 17 Ionawr 2022');
    expect(welsh.pages.map((p) => p.text).join(' ')).toContain('Mae’r dudalen hon wedi’i gadael yn wag yn fwriadol');
  });

  it('describes the 2019 pack with a previously circulated item', () => {
    const entry = pack(SAMPLE_PACK_FILES.pack2019);
    expect(entry.meeting).toMatchObject({ date: '2019-11-05', startTime: '14:00' });
    expect(entry.items.find((i) => i.number === 4)).toMatchObject({ status: 'previously-circulated', pageColumn: 'Previously circulated' });
    const item5 = entry.items.find((i) => i.number === 5);
    expect(item5?.printedPages?.from).toBe(1);
    expect(item5?.timing).toBeNull();
    expect(pageSquashed(SAMPLE_PACK_FILES.pack2019, item5?.pdfPages?.from ?? 0)).toContain(
      squash('WORKING WITH DISTRICT COUNCILS AND OTHER PARTNERS TO SHARE INFORMATION'),
    );
  });

  it('gives the fallback document no agenda table and no footers, only headings', () => {
    const file = SAMPLE_PACK_FILES.lga2021;
    const entry = pack(file);
    expect(entry.meeting).toBeNull();
    expect(entry.items).toEqual([]);
    expect(entry.printedPageNumbers.every((n) => n === null)).toBe(true);
    const doc = pdf(file);
    expect(doc.pages.map((p) => footerNumber(p)).every((n) => n === null)).toBe(true);
    expect(doc.pages.some((p) => p.text.includes('Item No'))).toBe(false);
    expect(entry.headings?.length).toBeGreaterThan(20);
    for (const heading of entry.headings ?? []) expect(pageSquashed(file, heading.pdfPage)).toContain(squash(heading.text));
  });

  it('records what the republished pack changed, and the PDFs agree', () => {
    const entry = pack(SAMPLE_PACK_FILES.revised2022);
    const rev = entry.revisions;
    expect(rev?.baseFile).toBe(SAMPLE_PACK_FILES.original2022);
    if (!rev) return;
    const base = SAMPLE_PACK_FILES.original2022;
    const next = SAMPLE_PACK_FILES.revised2022;
    const item7 = entry.items.find((i) => i.number === 7);
    expect(item7?.status).toBe('published');
    expect(item7?.pdfPages).not.toBeNull();

    expect(rev.moved.length).toBeGreaterThanOrEqual(2);
    for (const moved of rev.moved) {
      expect(moved.after.pdfPage).not.toBe(moved.before.pdfPage);
      expect(pageSquashed(base, moved.before.pdfPage)).toContain(squash(moved.text));
      expect(pageSquashed(next, moved.after.pdfPage)).toContain(squash(moved.text));
      expect(footerNumber(pdf(next).pages[moved.after.pdfPage - 1] ?? { page: 0, items: [], text: '' })).toBe(moved.after.printedPage);
    }
    for (const same of rev.unchanged) {
      expect(pageSquashed(base, same.location.pdfPage)).toContain(squash(same.text));
      expect(pageSquashed(next, same.location.pdfPage)).toContain(squash(same.text));
    }
    const revisedAll = pdf(next).pages.map((p) => squash(p.text));
    for (const deleted of rev.deleted) {
      expect(pageSquashed(base, deleted.before.pdfPage)).toContain(squash(deleted.text));
      expect(revisedAll.some((t) => t.includes(squash(deleted.text)))).toBe(false);
    }
    expect(rev.edited).toHaveLength(1);
    for (const edit of rev.edited) {
      expect(pageSquashed(base, edit.before.pdfPage)).toContain(squash(edit.oldText));
      expect(pageSquashed(next, edit.after.pdfPage)).toContain(squash(edit.newText));
      expect(revisedAll.some((t) => t.includes(squash(edit.oldText)))).toBe(false);
      for (const change of edit.changes) expect(squash(edit.newText)).toContain(squash(change.new));
    }
    for (const inserted of rev.inserted) {
      expect(inserted.pdfPages.from).toBeGreaterThan(0);
      expect(inserted.pdfPages.to).toBeLessThanOrEqual(entry.pageCount);
    }
  });

  it('is byte-for-byte deterministic', async () => {
    const second = path.join(dir, 'b');
    await generateSamplePacks(second);
    const files = (await readdir(path.join(dir, 'a'))).sort();
    expect((await readdir(second)).sort()).toEqual(files);
    for (const file of files) {
      const [a, b] = await Promise.all([readFile(path.join(dir, 'a', file)), readFile(path.join(second, file))]);
      expect(a.equals(b), file).toBe(true);
    }
    expect(pdf(SAMPLE_PACK_FILES.original2022).info.CreationDate).toBe("D:20220107090000Z");
  });
});

describe('large benchmark pack', () => {
  it('writes 300 pages with a front sheet and "Page N" footers', async () => {
    const file = path.join(dir, 'large-300.pdf');
    await generateLargePack(file, 300);
    const doc = await readPdfText(file);
    expect(doc.pageCount).toBe(300);
    expect(doc.pages[0]?.text).toContain('Item No Subject Page No');
    expect(footerNumber(doc.pages[0] ?? { page: 1, items: [], text: '' })).toBeNull();
    for (const page of doc.pages.slice(1)) expect(footerNumber(page)).toBe(page.page - 1);
    expect(doc.pages[0]?.text).toContain('1 - 30');
  });
});
