/**
 * Text extraction for agenda packs: pdf.js reads the PDF, and the text runs of each page are put
 * back together into lines (grouped by baseline, ordered left to right) with the table cells they
 * cross kept apart. Node only; the caller runs this inside a worker thread, so pdf.js runs here
 * without a worker of its own.
 */
import { hasPdfHeader } from '../../../shared/pdf/header';
import { pdfjsHardening } from '../../../shared/security/pdfjs';
import { AnnotationMode, getDocument, InvalidPDFException, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One visual line of text. Coordinates are PDF points in the page as displayed (rotation applied). */
export interface TextLine {
  text: string;
  /** The line split where the horizontal gap between text runs is large (table columns). */
  cells: string[];
  x: number;
  /** Distance from the top of the page to the top of the line. */
  y: number;
  width: number;
  height: number;
  /** Most of the line's characters are set in a font whose name says Bold (or Black, Heavy). */
  bold: boolean;
}

export interface ExtractedPage {
  /** 0-based. */
  index: number;
  width: number;
  height: number;
  /** The whole page text in reading order, lines joined with \n. */
  text: string;
  lines: TextLine[];
  /**
   * The page's line boxes as PageGeometryStore keeps them, when the extraction worker has already
   * worked them out (in parallel, so the import's transaction on the core's thread does not).
   */
  storedLines?: string;
}

export interface ExtractedPdf {
  pageCount: number;
  pages: ExtractedPage[];
  /** The catalogue's /Lang (BCP 47), or null. */
  language: string | null;
  /** 0-based pages pdf.js could not read: each is in `pages` with no text, so the pack still imports. */
  unreadablePages: number[];
}

export type PdfExtractErrorCode = 'NOT_A_PDF' | 'PDF_PASSWORD_REQUIRED' | 'PDF_PASSWORD_WRONG' | 'PDF_CORRUPT' | 'PDF_TOO_MANY_PAGES' | 'CANCELLED';

export class PdfExtractError extends Error {
  constructor(
    readonly code: PdfExtractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PdfExtractError';
  }
}

export interface ExtractOptions {
  /** Called after every page, in page order. */
  onProgress?: (pagesDone: number, pageCount: number) => void;
  /** Checked before opening and between pages; an abort throws CANCELLED. */
  signal?: AbortSignal;
  /** Refuse documents with more pages than this (PDF_TOO_MANY_PAGES) before reading any page. */
  maxPages?: number;
  /** The password that opens a protected PDF; handed to pdf.js and nowhere else. */
  password?: string | undefined;
}

/** A gap wider than this many ems between two runs on a line separates table cells. */
const CELL_GAP_EM = 2;
/** A narrower gap still separates cells when the run starts where other rows' cells start. */
const COLUMN_GAP_EM = 0.4;
/** How far apart (points) two cell starts may be and still be one column. */
const COLUMN_TOLERANCE = 1.5;
/** A gap wider than this many ems is a visible space between words. */
const SPACE_GAP_EM = 0.12;
/** Runs whose baselines differ by less than this share a line (superscripts stay on their line). */
const BASELINE_TOLERANCE_EM = 0.35;

function cancelled(): PdfExtractError {
  return new PdfExtractError('CANCELLED', 'Text extraction was cancelled');
}

/** pdf.js rebuilds worker errors on this side by name; PasswordException and FormatError are not exported. */
function mapPdfjsError(error: unknown): PdfExtractError {
  if (error instanceof PdfExtractError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    // pdf.js's PasswordResponses: 1 when none was given, 2 when the one given does not open it.
    const wrong = (error as { code?: unknown }).code === 2;
    return wrong ? new PdfExtractError('PDF_PASSWORD_WRONG', 'That password does not open the PDF') : new PdfExtractError('PDF_PASSWORD_REQUIRED', 'The PDF is password-protected');
  }
  if (error instanceof InvalidPDFException || name === 'InvalidPDFException') {
    return new PdfExtractError('PDF_CORRUPT', `The PDF is damaged: ${message}`);
  }
  return new PdfExtractError('PDF_CORRUPT', `The PDF could not be read: ${message}`);
}

interface Run {
  text: string;
  x: number;
  baseline: number;
  width: number;
  size: number;
  ascent: number;
  descent: number;
  bold: boolean;
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

function isTextItem(item: unknown): item is TextItemLike {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item && Array.isArray(item.transform);
}

/**
 * Font names are only known on this side once pdf.js has sent the font, which happens while it
 * builds an operator list; a page is asked for one only when it uses a font not seen before.
 */
class FontNames {
  private readonly bold = new Map<string, boolean>();

  needs(fontNames: Iterable<string>): boolean {
    for (const name of fontNames) if (!this.bold.has(name)) return true;
    return false;
  }

  async learn(page: PDFPageProxy, fontNames: Iterable<string>): Promise<void> {
    if (this.needs(fontNames)) {
      try {
        await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
      } catch {
        // Bold is a hint; a page whose drawing fails still has its text.
      }
    }
    for (const name of fontNames) {
      if (this.bold.has(name)) continue;
      this.bold.set(name, FontNames.lookup(page, name));
    }
  }

  isBold(fontName: string): boolean {
    return this.bold.get(fontName) ?? false;
  }

  /** The document's shared objects, reached through any of its pages. */
  private static lookup(page: PDFPageProxy, fontName: string): boolean {
    const objs = page.commonObjs;
    if (!objs.has(fontName)) return false;
    let font: unknown;
    try {
      font = objs.get(fontName) as unknown;
    } catch {
      return false;
    }
    if (typeof font !== 'object' || font === null) return false;
    const name = 'name' in font && typeof font.name === 'string' ? font.name : '';
    const boldFlag = 'bold' in font && font.bold === true;
    return boldFlag || /bold|black|heavy/i.test(name);
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Joins one line's runs (sorted by x) into cells, with a space where the gap shows one. */
function buildLine(runs: Run[], columns: readonly number[]): TextLine {
  const cells: string[] = [];
  let cell = '';
  let prev: Run | null = null;
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  let boldChars = 0;
  let chars = 0;
  for (const run of runs) {
    if (prev) {
      const prevEnd = prev.x + prev.width;
      // Fake bold: the same string overprinted a hair to the right.
      if (run.text === prev.text && Math.abs(run.x - prev.x) < Math.max(1, prev.size * 0.1)) continue;
      const em = Math.max(prev.size, run.size, 1);
      const gap = run.x - prevEnd;
      if (gap > CELL_GAP_EM * em || (gap > COLUMN_GAP_EM * em && nearColumn(columns, run.x))) {
        cells.push(cell.trim());
        cell = '';
      } else if (gap > SPACE_GAP_EM * em && !cell.endsWith(' ') && !run.text.startsWith(' ')) {
        cell += ' ';
      }
    }
    cell += run.text;
    left = Math.min(left, run.x);
    right = Math.max(right, run.x + run.width);
    top = Math.min(top, run.baseline - run.ascent * run.size);
    bottom = Math.max(bottom, run.baseline - run.descent * run.size);
    const visible = run.text.replace(/\s/g, '').length;
    chars += visible;
    if (run.bold) boldChars += visible;
    prev = run;
  }
  cells.push(cell.trim());
  const kept = cells.map(collapse).filter((c) => c.length > 0);
  return {
    text: kept.join(' '),
    cells: kept,
    x: round(left),
    y: round(top),
    width: round(right - left),
    height: round(bottom - top),
    bold: chars > 0 && boldChars * 2 > chars,
  };
}

function round(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : 0;
}

/** Groups runs into lines by baseline (top to bottom), each line's runs left to right. */
function groupByBaseline(runs: Run[]): Run[][] {
  const sorted = runs.slice().sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const groups: Run[][] = [];
  let current: Run[] = [];
  let baseline = -Infinity;
  let size = 0;
  for (const run of sorted) {
    const tolerance = Math.max(1, BASELINE_TOLERANCE_EM * Math.min(size || run.size, run.size));
    if (current.length > 0 && run.baseline - baseline <= tolerance) {
      current.push(run);
      // The line's baseline is that of its largest run, so a superscript does not drag it.
      if (run.size > size) {
        size = run.size;
        baseline = run.baseline;
      }
    } else {
      if (current.length > 0) groups.push(current);
      current = [run];
      baseline = run.baseline;
      size = run.size;
    }
  }
  if (current.length > 0) groups.push(current);
  for (const group of groups) group.sort((a, b) => a.x - b.x);
  return groups;
}

/**
 * Table columns on a page: x positions where at least two lines start a cell after a wide gap.
 * A cell whose text nearly fills its column leaves only the cell padding before the next one,
 * so a run starting at a known column is split off after a much smaller gap.
 */
function pageColumns(groups: readonly Run[][]): number[] {
  const starts: number[] = [];
  for (const group of groups) {
    for (let i = 1; i < group.length; i += 1) {
      const prev = group[i - 1];
      const run = group[i];
      if (!prev || !run) continue;
      const em = Math.max(prev.size, run.size, 1);
      if (run.x - (prev.x + prev.width) > CELL_GAP_EM * em) starts.push(run.x);
    }
  }
  starts.sort((a, b) => a - b);
  const columns: number[] = [];
  let i = 0;
  while (i < starts.length) {
    let j = i;
    while (j + 1 < starts.length && (starts[j + 1] ?? 0) - (starts[i] ?? 0) <= COLUMN_TOLERANCE) j += 1;
    if (j > i) columns.push(starts[i] ?? 0);
    i = j + 1;
  }
  return columns;
}

function nearColumn(columns: readonly number[], x: number): boolean {
  return columns.some((c) => x >= c - COLUMN_TOLERANCE && x <= c + 2 * COLUMN_TOLERANCE);
}

function linesFromRuns(runs: Run[]): TextLine[] {
  const groups = groupByBaseline(runs);
  const columns = pageColumns(groups);
  return groups.map((group) => buildLine(group, columns)).filter((line) => line.cells.length > 0);
}

async function extractPage(doc: PDFDocumentProxy, pageNumber: number, fonts: FontNames): Promise<ExtractedPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items: TextItemLike[] = [];
    for (const item of content.items as unknown[]) {
      if (isTextItem(item) && item.str.trim().length > 0) items.push(item);
    }
    const fontNames = new Set(items.map((item) => item.fontName));
    await fonts.learn(page, fontNames);
    const runs: Run[] = [];
    for (const item of items) {
      // Into the displayed page's space: origin at the top left, y growing downwards.
      const m = Util.transform(viewport.transform, item.transform) as number[];
      const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = m;
      const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1;
      const style = content.styles[item.fontName];
      const ascent = style && style.ascent > 0 && style.ascent < 2 ? style.ascent : 0.8;
      const descent = style && style.descent < 0 && style.descent > -1 ? style.descent : -0.2;
      const width = Number.isFinite(item.width) ? item.width : 0;
      if (![a, b, c, d, e, f, size].every(Number.isFinite)) continue;
      const horizontal = Math.abs(b) < 1e-3 * Math.abs(a);
      runs.push({
        text: item.str,
        x: e,
        baseline: f,
        width: horizontal ? width : Math.max(width, Number.isFinite(item.height) ? item.height : 0),
        size,
        ascent,
        descent,
        bold: fonts.isBold(item.fontName),
      });
    }
    const lines = linesFromRuns(runs);
    return {
      index: pageNumber - 1,
      width: round(viewport.width),
      height: round(viewport.height),
      text: lines.map((l) => l.text).join('\n'),
      lines,
    };
  } finally {
    page.cleanup();
  }
}

/** How the extractor opens a PDF: hardened (no eval, no XFA), text only, no fonts loaded into Node. */
export const extractorDocumentOptions = {
  ...pdfjsHardening,
  disableFontFace: true,
  useSystemFonts: false,
  stopAtErrors: false,
  verbosity: 0,
} as const;

/**
 * Opens a PDF no more strictly than pdf.js does: a file without a `%PDF-` header is tried too, and
 * only when pdf.js cannot open it either is it NOT_A_PDF rather than damaged.
 */
async function openPdf(bytes: Uint8Array, password: string | undefined): Promise<{ task: ReturnType<typeof getDocument>; doc: PDFDocumentProxy | null; error: PdfExtractError | null }> {
  // A plain copy: pdf.js empties the buffer it is given and refuses Node Buffers; the caller keeps its bytes.
  const task = getDocument({ ...extractorDocumentOptions, data: new Uint8Array(bytes), ...(password === undefined ? {} : { password }) });
  try {
    return { task, doc: await task.promise, error: null };
  } catch (error) {
    const mapped = mapPdfjsError(error);
    const notPdf = !hasPdfHeader(bytes) && mapped.code === 'PDF_CORRUPT';
    return { task, doc: null, error: notPdf ? new PdfExtractError('NOT_A_PDF', 'The file is not a PDF') : mapped };
  }
}

/** A page pdf.js cannot read keeps its place, with no text, the size of the page before it (or A4). */
function unreadablePage(index: number, before: ExtractedPage | undefined): ExtractedPage {
  return { index, width: before?.width ?? 595.28, height: before?.height ?? 841.89, text: '', lines: [] };
}

/** An open PDF whose pages can be read one at a time, in any order (a pool reads it by ranges). */
export interface PdfReader {
  readonly pageCount: number;
  readonly language: string | null;
  /**
   * The page's text and lines (1-based `pageNumber`), or null when pdf.js cannot read the page.
   * Throws PdfExtractError only for what stops the whole import (a password).
   */
  readPage(pageNumber: number): Promise<ExtractedPage | null>;
  close(): Promise<void>;
}

/** Opens the PDF, refusing it before any page is read when it has more than `maxPages`. */
export async function openPdfReader(bytes: Uint8Array, options: Pick<ExtractOptions, 'maxPages' | 'password'> = {}): Promise<PdfReader> {
  const { maxPages, password } = options;
  const opened = await openPdf(bytes, password);
  const doc = opened.doc;
  if (opened.error || !doc) {
    await opened.task.destroy();
    throw opened.error ?? new PdfExtractError('PDF_CORRUPT', 'The PDF could not be read');
  }
  const pageCount = doc.numPages;
  if (maxPages !== undefined && pageCount > maxPages) {
    await doc.destroy();
    throw new PdfExtractError('PDF_TOO_MANY_PAGES', `The PDF has ${pageCount} pages; at most ${maxPages} can be imported`);
  }
  let language: string | null = null;
  try {
    const meta = await doc.getMetadata();
    const info = meta.info as Record<string, unknown> | null;
    const lang = info?.Language;
    if (typeof lang === 'string' && lang.trim().length > 0) language = lang.trim();
  } catch {
    // Metadata is optional.
  }
  const fonts = new FontNames();
  return {
    pageCount,
    language,
    readPage: async (pageNumber) => {
      try {
        return await extractPage(doc, pageNumber, fonts);
      } catch (error) {
        const mapped = mapPdfjsError(error);
        if (mapped.code === 'PDF_PASSWORD_REQUIRED' || mapped.code === 'PDF_PASSWORD_WRONG') throw mapped;
        return null;
      }
    },
    close: () => doc.destroy(),
  };
}

/**
 * Puts the pages read (null where unreadable, in page order) together as one document, the
 * unreadable ones sized like the page before. Throws when no page at all could be read.
 */
export function assembleExtraction(pageCount: number, language: string | null, read: readonly (ExtractedPage | null)[]): ExtractedPdf {
  const pages: ExtractedPage[] = [];
  const unreadablePages: number[] = [];
  for (let index = 0; index < pageCount; index += 1) {
    const page = read[index];
    if (page) {
      pages.push(page);
    } else {
      unreadablePages.push(index);
      pages.push(unreadablePage(index, pages.at(-1)));
    }
  }
  // Nothing readable at all is a damaged file, not a pack of blank pages.
  if (unreadablePages.length === pageCount) throw new PdfExtractError('PDF_CORRUPT', 'The PDF is damaged: none of its pages can be read');
  return { pageCount, pages, language, unreadablePages };
}

/** Reads every page's text and lines. Throws PdfExtractError with a code for anything that stops it. */
export async function extractPdf(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedPdf> {
  const { onProgress, signal } = options;
  if (signal?.aborted) throw cancelled();
  const reader = await openPdfReader(bytes, options);
  try {
    const read: (ExtractedPage | null)[] = [];
    for (let n = 1; n <= reader.pageCount; n += 1) {
      if (signal?.aborted) throw cancelled();
      read.push(await reader.readPage(n));
      onProgress?.(n, reader.pageCount);
    }
    if (signal?.aborted) throw cancelled();
    return assembleExtraction(reader.pageCount, reader.language, read);
  } finally {
    await reader.close();
  }
}
