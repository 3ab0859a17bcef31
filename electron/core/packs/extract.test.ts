import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PACK_FILES, generateSamplePacks } from '../../../tools/sample-packs/generate';
import type { SamplePackManifest } from '../../../tools/sample-packs/manifest';
import { makeTempDir } from '../testing/tempDir';
import { type ExtractedPdf, PdfExtractError, type PdfExtractErrorCode, extractPdf } from './extract';

let dir: string;
let manifest: SamplePackManifest;
let pack2022: Uint8Array;
let pack2019: Uint8Array;
let extracted2022: ExtractedPdf;

beforeAll(async () => {
  dir = makeTempDir('chamber-extract-');
  manifest = await generateSamplePacks(dir);
  pack2022 = new Uint8Array(await readFile(path.join(dir, SAMPLE_PACK_FILES.original2022)));
  pack2019 = new Uint8Array(await readFile(path.join(dir, SAMPLE_PACK_FILES.pack2019)));
  extracted2022 = await extractPdf(pack2022);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A one-page PDF written by pdfkit with the given document options. */
function pdfkitPdf(options: PDFKit.PDFDocumentOptions, text = 'Agenda for the meeting'): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument(options);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.text(text);
    doc.end();
  });
}

async function codeOf(promise: Promise<unknown>): Promise<PdfExtractErrorCode | 'resolved' | 'other'> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof PdfExtractError ? error.code : 'other';
  }
}

function lineTexts(result: ExtractedPdf, pdfPage: number): string[] {
  return result.pages[pdfPage - 1]?.lines.map((l) => l.text) ?? [];
}

describe('extractPdf on a generated agenda pack', () => {
  it('reads every page, in order, with the document language and page sizes', () => {
    const expected = manifest.packs.find((p) => p.file === SAMPLE_PACK_FILES.original2022);
    expect(extracted2022.pageCount).toBe(expected?.pageCount);
    expect(extracted2022.pages.map((p) => p.index)).toEqual(Array.from({ length: extracted2022.pageCount }, (_, i) => i));
    expect(extracted2022.language).toBe('en-GB');
    for (const page of extracted2022.pages) {
      expect(page.width).toBeCloseTo(595.28, 1);
      expect(page.height).toBeCloseTo(841.89, 1);
      expect(page.text).toBe(page.lines.map((l) => l.text).join('\n'));
    }
  });

  it('puts the printed "Page N" footer last on each report page, near the bottom', () => {
    const expected = manifest.packs.find((p) => p.file === SAMPLE_PACK_FILES.original2022);
    extracted2022.pages.forEach((page, i) => {
      const printed = expected?.printedPageNumbers[i] ?? null;
      const last = page.lines[page.lines.length - 1];
      if (printed === null) {
        expect(page.lines.some((l) => /^Page \d+$/.test(l.text))).toBe(false);
      } else {
        expect(last?.text).toBe(`Page ${printed}`);
        expect(last?.y).toBeGreaterThan(page.height - 60);
      }
    });
  });

  it('keeps table columns as cells, even where a cell nearly runs into the next', () => {
    const front = extracted2022.pages[2];
    const cells = front?.lines.map((l) => l.cells) ?? [];
    expect(cells).toContainEqual(['Item No', 'Subject', 'Page No']);
    expect(cells).toContainEqual(['5', 'Budget Scrutiny 2022/23', '1 - 18']);
    expect(cells).toContainEqual(['7', "Annual Update on the Council's Energy Purchasing Arrangement via", 'To follow']);
    expect(cells).toContainEqual(['(Indicative timing: 11:30 – 12:10pm)']);
    // Prose stays one cell: word gaps are never cell gaps.
    expect(front?.lines.find((l) => l.text.startsWith('Councillors:'))?.cells).toHaveLength(1);
  });

  it('gives lines geometry in top-down page coordinates and reports bold fonts', () => {
    const front = extracted2022.pages[2];
    const lines = front?.lines ?? [];
    const ys = lines.map((l) => l.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    const committee = lines[0];
    expect(committee).toMatchObject({ text: 'Corporate and Communities Overview and Scrutiny Panel', bold: true });
    expect(committee?.x).toBeCloseTo(62, 0);
    expect(committee?.y).toBeGreaterThan(40);
    expect(committee?.y).toBeLessThan(80);
    expect(committee?.height).toBeGreaterThan(10);
    expect(committee?.width).toBeGreaterThan(300);
    const row3 = lines.findIndex((l) => l.cells[0] === '3');
    expect(lines[row3]?.bold).toBe(true);
    expect(lines[row3 + 1]?.text.startsWith('Members of the public')).toBe(true);
    expect(lines[row3 + 1]?.bold).toBe(false);
    // The boilerplate under the subject starts at the subject column, right of the item numbers.
    expect(lines[row3 + 1]?.x ?? 0).toBeGreaterThan((lines[row3]?.x ?? 0) + 20);
  });

  it('reads a page-column entry that wraps under itself', async () => {
    const result = await extractPdf(pack2019);
    const front = lineTexts(result, 1);
    const row = front.findIndex((t) => t.startsWith('4 '));
    expect(result.pages[0]?.lines[row]?.cells).toEqual(['4', 'Confirmation of the Minutes of the Previous Meeting', 'Previously']);
    expect(front[row + 1]).toBe('circulated');
    expect(result.pages[0]?.lines.find((l) => l.cells[0] === '5')?.cells).toEqual(['5', 'Working with District Councils and other Partners to share information', '1 - 7']);
  });

  it('returns plain data a worker can post, and leaves the caller’s bytes usable', () => {
    expect(structuredClone(extracted2022)).toEqual(extracted2022);
    expect(pack2022.byteLength).toBeGreaterThan(1000);
  });
});

describe('extractPdf progress and cancellation', () => {
  it('reports progress once per page, in order', async () => {
    const calls: Array<[number, number]> = [];
    const result = await extractPdf(pack2019, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual(Array.from({ length: result.pageCount }, (_, i) => [i + 1, result.pageCount]));
  });

  it('stops between pages when the signal aborts', async () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const outcome = codeOf(
      extractPdf(pack2022, {
        signal: controller.signal,
        onProgress: (done) => {
          calls.push(done);
          if (done === 3) controller.abort();
        },
      }),
    );
    expect(await outcome).toBe('CANCELLED');
    expect(calls).toEqual([1, 2, 3]);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let progressed = false;
    expect(await codeOf(extractPdf(pack2019, { signal: controller.signal, onProgress: () => (progressed = true) }))).toBe('CANCELLED');
    expect(progressed).toBe(false);
  });

  it('refuses a document over the page limit before reading pages', async () => {
    let progressed = false;
    expect(await codeOf(extractPdf(pack2022, { maxPages: 10, onProgress: () => (progressed = true) }))).toBe('PDF_TOO_MANY_PAGES');
    expect(progressed).toBe(false);
    expect(await codeOf(extractPdf(pack2022, { maxPages: 40 }))).toBe('resolved');
  });
});

describe('extractPdf errors', () => {
  it('NOT_A_PDF for anything without a %PDF- header', async () => {
    let seed = 7;
    const random = new Uint8Array(4096).map(() => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    for (const bytes of [random, png, new Uint8Array(), new TextEncoder().encode('Agenda\nItem 1 Apologies\n')]) {
      expect(await codeOf(extractPdf(bytes))).toBe('NOT_A_PDF');
    }
  });

  it('PDF_CORRUPT for corrupt bytes behind a PDF header', async () => {
    const garbage = new Uint8Array(8192);
    garbage.set(new TextEncoder().encode('%PDF-1.7\n'));
    for (let i = 9; i < garbage.length; i += 1) garbage[i] = (i * 131 + 17) % 256;
    expect(await codeOf(extractPdf(garbage))).toBe('PDF_CORRUPT');

    const mangled = pack2019.slice();
    for (let i = 300; i < mangled.length; i += 3) mangled[i] = ((mangled[i] ?? 0) * 31 + 7) & 0xff;
    expect(await codeOf(extractPdf(mangled))).toBe('PDF_CORRUPT');

    expect(await codeOf(extractPdf(new TextEncoder().encode('%PDF-1.7\n')))).toBe('PDF_CORRUPT');
  });

  it('PDF_CORRUPT for a truncated PDF (no partial result: the file lost its page tree)', async () => {
    for (const fraction of [0.5, 0.9, 0.99]) {
      expect(await codeOf(extractPdf(pack2022.slice(0, Math.floor(pack2022.length * fraction))))).toBe('PDF_CORRUPT');
    }
  });

  it('PDF_PASSWORD_REQUIRED without the password, PDF_PASSWORD_WRONG with a wrong one, the text with the right one', async () => {
    // RC4 (PDF 1.4), AES-128 (1.7) and AES-256 (1.7ext3): the handlers councils' PDF tools write.
    for (const pdfVersion of ['1.4', '1.7', '1.7ext3'] as const) {
      const locked = await pdfkitPdf({ userPassword: 'chamber', ownerPassword: 'clerk', pdfVersion }, 'Locked agenda');
      expect(await codeOf(extractPdf(locked)), pdfVersion).toBe('PDF_PASSWORD_REQUIRED');
      expect(await codeOf(extractPdf(locked, { password: 'Chamber' })), pdfVersion).toBe('PDF_PASSWORD_WRONG');
      expect((await extractPdf(locked, { password: 'chamber' })).pages[0]?.text, pdfVersion).toBe('Locked agenda');
      // The owner's password opens it too, as in any PDF reader.
      expect((await extractPdf(locked, { password: 'clerk' })).pages[0]?.text, pdfVersion).toBe('Locked agenda');
    }
  });

  it('reads a PDF that is encrypted only against editing (no password to open)', async () => {
    const restricted = await pdfkitPdf({ ownerPassword: 'clerk', permissions: { printing: 'highResolution' } }, 'Restricted agenda');
    const result = await extractPdf(restricted);
    expect(result.pages[0]?.text).toBe('Restricted agenda');
  });

  it('thrown errors are PdfExtractError with a readable message', async () => {
    const error = await extractPdf(new Uint8Array([1, 2, 3])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfExtractError);
    expect(error).toMatchObject({ name: 'PdfExtractError', code: 'NOT_A_PDF', message: 'The file is not a PDF' });
  });
});
