/**
 * A small typesetter on top of pdfkit. We wrap and paginate ourselves instead of letting pdfkit
 * flow text, because the manifest has to know exactly which PDF page every report page and every
 * quoted passage lands on, and pdfkit's automatic page breaks would happen out of our sight.
 */
import { createWriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';
import { BLANK_PAGE_TEXT, type Block, type FontName, type Run } from './text';

export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN_LEFT = 62;
export const MARGIN_RIGHT = 62;
export const MARGIN_TOP = 60;
/** Body text stops here; the footer sits below it. */
export const CONTENT_BOTTOM = 770;
export const FOOTER_Y = 800;
export const CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

export interface TextOp {
  t: 'text';
  x: number;
  y: number;
  text: string;
  font: FontName;
  size: number;
  /**
   * True where a word boundary follows in reading order (end of a line, or a paragraph number or
   * bullet before its text), so page text can be rebuilt with the spaces a reader would see.
   */
  eol: boolean;
}

export interface LineOp {
  t: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface FillOp {
  t: 'fill';
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Op = TextOp | LineOp | FillOp;

export interface Page {
  ops: Op[];
  /** The printed page number shown in the footer, or null for unnumbered pages. */
  printed: number | null;
}

export function newPage(): Page {
  return { ops: [], printed: null };
}

/** Text of a page in reading order, lines separated by single spaces. */
export function pageText(page: Page): string {
  let out = '';
  for (const op of page.ops) {
    if (op.t === 'text') out += op.text + (op.eol ? ' ' : '');
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Measures with pdfkit's own AFM metrics so our line breaks match what it draws. */
export class Measurer {
  private readonly doc: PDFKit.PDFDocument;
  private readonly cache = new Map<string, number>();

  constructor() {
    this.doc = new PDFDocument({ autoFirstPage: false });
  }

  width(text: string, font: FontName, size: number): number {
    const key = `${font}|${size}|${text}`;
    let w = this.cache.get(key);
    if (w === undefined) {
      w = this.doc.font(font).fontSize(size).widthOfString(text);
      // The cache only pays off for repeated words; long unique strings would just pin memory.
      if (text.length < 40) this.cache.set(key, w);
    }
    return w;
  }
}

interface Piece {
  text: string;
  font: FontName;
}

export interface PlacedSpan {
  text: string;
  font: FontName;
  dx: number;
}

export type LaidLine = PlacedSpan[];

function fontOf(run: Run): FontName {
  return run.bold ? 'Helvetica-Bold' : 'Helvetica';
}

/** Splits a word that is wider than a line, preferring the breaks a URL or path offers. */
function splitLongWord(word: string, font: FontName, size: number, max: number, m: Measurer): string[] {
  const parts: string[] = [];
  let rest = word;
  while (m.width(rest, font, size) > max && rest.length > 1) {
    let cut = rest.length - 1;
    while (cut > 1 && m.width(rest.slice(0, cut), font, size) > max) cut -= 1;
    const softBreak = Math.max(...['/', '-', '_', '.'].map((c) => rest.lastIndexOf(c, cut - 1)));
    if (softBreak > cut / 2) cut = softBreak + 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts;
}

/** Greedy line breaking of styled runs; returns lines of spans with their x offsets. */
export function wrapRuns(runs: readonly Run[], size: number, width: number, m: Measurer): LaidLine[] {
  const tokens: Piece[] = [];
  for (const run of runs) {
    const font = fontOf(run);
    const words = run.text.replace(/\s+/g, ' ').match(/[^ ]+ ?| /g) ?? [];
    for (const w of words) tokens.push({ text: w, font });
  }
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let used = 0;
  for (const token of tokens) {
    const bare = token.text.trimEnd();
    if (bare.length === 0) {
      if (line.length > 0) {
        line.push(token);
        used += m.width(' ', token.font, size);
      }
      continue;
    }
    const bareWidth = m.width(bare, token.font, size);
    if (line.length > 0 && used + bareWidth > width) {
      lines.push(line);
      line = [];
      used = 0;
    }
    if (line.length === 0 && bareWidth > width) {
      const parts = splitLongWord(bare, token.font, size, width, m);
      for (const part of parts.slice(0, -1)) lines.push([{ text: part, font: token.font }]);
      const last = parts[parts.length - 1] ?? '';
      const tail = last + (token.text.endsWith(' ') ? ' ' : '');
      line = [{ text: tail, font: token.font }];
      used = m.width(tail, token.font, size);
      continue;
    }
    line.push(token);
    used += m.width(token.text, token.font, size);
  }
  if (line.length > 0) lines.push(line);

  return lines.map((pieces) => {
    const spans: PlacedSpan[] = [];
    for (const p of pieces) {
      const last = spans[spans.length - 1];
      if (last && last.font === p.font) last.text += p.text;
      else spans.push({ text: p.text, font: p.font, dx: 0 });
    }
    const lastSpan = spans[spans.length - 1];
    if (lastSpan) lastSpan.text = lastSpan.text.trimEnd();
    let dx = 0;
    for (const s of spans) {
      s.dx = dx;
      dx += m.width(s.text, s.font, size);
    }
    return spans.filter((s) => s.text.length > 0);
  }).filter((l) => l.length > 0);
}

export function lineWidth(line: LaidLine, size: number, m: Measurer): number {
  const last = line[line.length - 1];
  return last ? last.dx + m.width(last.text, last.font, size) : 0;
}

export function lineHeightOf(size: number): number {
  return Math.round(size * 1.3 * 100) / 100;
}

export interface FlowOptions {
  bodySize?: number;
  tableSize?: number;
  blankText?: string;
}

const HEADING_SIZES: Record<1 | 2 | 3 | 4, number> = { 1: 16, 2: 14, 3: 12, 4: 11 };

/** A rich table cell: paragraphs of styled runs. */
export type Cell = Run[][];

export interface TableSpec {
  columns: number[];
  rows: Cell[][];
  header: boolean;
  size: number;
}

/**
 * Lays blocks out onto pages. Each flow starts on a fresh page, so a report always begins at the
 * top of a page the way the council's pack builder does it.
 */
export class Flow {
  readonly pages: Page[] = [];
  /** Headings in the order drawn, with the index of the flow page they start on. */
  readonly headings: Array<{ text: string; level: number; pageIndex: number }> = [];
  private page: Page;
  private y = MARGIN_TOP;
  private body: number;
  private readonly tableSize: number;
  private readonly blankText: string;

  constructor(private readonly m: Measurer, options: FlowOptions = {}) {
    this.body = options.bodySize ?? 11.5;
    this.tableSize = options.tableSize ?? 8;
    this.blankText = options.blankText ?? BLANK_PAGE_TEXT;
    this.page = newPage();
    this.pages.push(this.page);
  }

  setBodySize(size: number): void {
    this.body = size;
  }

  get current(): Page {
    return this.page;
  }

  get cursorY(): number {
    return this.y;
  }

  private isEmpty(): boolean {
    return this.page.ops.length === 0;
  }

  breakPage(): void {
    this.page = newPage();
    this.pages.push(this.page);
    this.y = MARGIN_TOP;
  }

  /** Starts a new page unless the current one is still untouched. */
  freshPage(): void {
    if (!this.isEmpty()) this.breakPage();
  }

  private room(): number {
    return CONTENT_BOTTOM - this.y;
  }

  private ensure(height: number): void {
    if (height > this.room() && !this.isEmpty()) this.breakPage();
  }

  space(height: number): void {
    if (!this.isEmpty()) this.y = Math.min(this.y + height, CONTENT_BOTTOM);
  }

  private drawLine(line: LaidLine, x: number, size: number): void {
    line.forEach((span, i) => {
      this.page.ops.push({
        t: 'text', x: x + span.dx, y: this.y, text: span.text, font: span.font, size, eol: i === line.length - 1,
      });
    });
  }

  /** Writes wrapped lines, carrying on to new pages; keeps at least two lines together at a break. */
  private writeLines(lines: LaidLine[], x: number, size: number, prefix?: { text: string; x: number; font: FontName }): void {
    const lh = lineHeightOf(size);
    lines.forEach((line, i) => {
      const keep = i === 0 && lines.length > 1 ? 2 * lh : lh;
      this.ensure(keep);
      if (i === 0 && prefix) {
        this.page.ops.push({ t: 'text', x: prefix.x, y: this.y, text: prefix.text, font: prefix.font, size, eol: true });
      }
      this.drawLine(line, x, size);
      this.y += lh;
    });
  }

  heading(text: string, level: 1 | 2 | 3 | 4, options: { align?: 'left' | 'centre'; keepLines?: number } = {}): void {
    const size = HEADING_SIZES[level];
    const lines = wrapRuns([{ text, bold: true }], size, CONTENT_WIDTH, this.m);
    const lh = lineHeightOf(size);
    if (!this.isEmpty()) this.y += level <= 2 ? 10 : 6;
    // Keep a heading with the first lines of what follows it.
    this.ensure(lines.length * lh + (options.keepLines ?? 2) * lineHeightOf(this.body));
    this.headings.push({ text, level, pageIndex: this.pages.length - 1 });
    for (const line of lines) {
      const x = options.align === 'centre' ? (PAGE_WIDTH - lineWidth(line, size, this.m)) / 2 : MARGIN_LEFT;
      this.drawLine(line, x, size);
      this.y += lh;
    }
    this.y += 4;
  }

  paragraph(runs: readonly Run[], options: { number?: string; size?: number; align?: 'left' | 'centre'; after?: number; indent?: number } = {}): void {
    const size = options.size ?? this.body;
    const indent = options.indent ?? 0;
    const hang = options.number ? 28 : 0;
    const lines = wrapRuns(runs, size, CONTENT_WIDTH - indent - hang, this.m);
    if (options.align === 'centre') {
      const lh = lineHeightOf(size);
      for (const line of lines) {
        this.ensure(lh);
        this.drawLine(line, (PAGE_WIDTH - lineWidth(line, size, this.m)) / 2, size);
        this.y += lh;
      }
    } else {
      const prefix = options.number ? { text: options.number, x: MARGIN_LEFT + indent, font: 'Helvetica' as const } : undefined;
      this.writeLines(lines, MARGIN_LEFT + indent + hang, size, prefix);
    }
    this.y += options.after ?? 7;
  }

  bullet(runs: readonly Run[], level: 1 | 2): void {
    const indent = level === 1 ? 10 : 34;
    const textX = MARGIN_LEFT + indent + 16;
    const lines = wrapRuns(runs, this.body, CONTENT_WIDTH - indent - 16, this.m);
    this.writeLines(lines, textX, this.body, { text: level === 1 ? '•' : '-', x: MARGIN_LEFT + indent, font: 'Helvetica' });
    this.y += 4;
  }

  /** The centred notice real packs print on pages left empty for duplex printing. */
  blankPage(): void {
    this.freshPage();
    const size = 12;
    const w = this.m.width(this.blankText, 'Helvetica', size);
    this.page.ops.push({ t: 'text', x: (PAGE_WIDTH - w) / 2, y: 400, text: this.blankText, font: 'Helvetica', size, eol: true });
    this.breakPage();
  }

  private cellLines(cell: Cell, width: number, size: number): { lines: LaidLine[]; gaps: number[] } {
    const lines: LaidLine[] = [];
    const gaps: number[] = [];
    cell.forEach((para, i) => {
      const wrapped = wrapRuns(para, size, width, this.m);
      for (const l of wrapped) {
        lines.push(l);
        gaps.push(i > 0 && l === wrapped[0] ? 3 : 0);
      }
    });
    return { lines, gaps };
  }

  /**
   * Shares the width out by the column weights, but never narrower than a column's longest word
   * where that can be helped, so words are not broken inside cells.
   */
  private columnWidths(spec: TableSpec, pad: number): number[] {
    const n = spec.columns.length;
    const mins = spec.columns.map((_, c) => {
      let longest = 0;
      spec.rows.forEach((row, r) => {
        const bold = spec.header && r === 0;
        for (const para of row[c] ?? []) {
          for (const run of para) {
            for (const word of run.text.split(/\s+/)) {
              longest = Math.max(longest, this.m.width(word, bold || run.bold ? 'Helvetica-Bold' : 'Helvetica', spec.size));
            }
          }
        }
      });
      return Math.min(longest + 2 * pad + 1, CONTENT_WIDTH * 0.45);
    });
    const minTotal = mins.reduce((a, b) => a + b, 0);
    if (minTotal >= CONTENT_WIDTH) return mins.map((w) => (w / minTotal) * CONTENT_WIDTH);
    const fixed = new Array<boolean>(n).fill(false);
    for (;;) {
      const free = CONTENT_WIDTH - mins.reduce((a, w, c) => a + (fixed[c] ? w : 0), 0);
      const weight = spec.columns.reduce((a, w, c) => a + (fixed[c] ? 0 : w), 0);
      const widths = spec.columns.map((w, c) => (fixed[c] ? (mins[c] ?? 0) : (w / weight) * free));
      const short = widths.findIndex((w, c) => !fixed[c] && w < (mins[c] ?? 0));
      if (short < 0) return widths;
      fixed[short] = true;
    }
  }

  /** Draws a ruled table; rows never split, and the header row repeats after a page break. */
  table(spec: TableSpec): void {
    const { size } = spec;
    const lh = lineHeightOf(size);
    const pad = 4;
    const widths = this.columnWidths(spec, pad);
    const xs: number[] = [];
    widths.reduce((x, w) => (xs.push(x), x + w), MARGIN_LEFT);
    const maxRowHeight = CONTENT_BOTTOM - MARGIN_TOP - 3 * lh;

    const layoutRow = (row: Cell[], bold: boolean) => {
      const cells = widths.map((w, c) => {
        const cell = row[c] ?? [];
        const styled = bold ? cell.map((p) => p.map((r) => ({ text: r.text, bold: true }))) : cell;
        return this.cellLines(styled, w - 2 * pad, size);
      });
      let height = 2 * pad + Math.max(1, ...cells.map((c) => c.lines.length * lh + c.gaps.reduce((a, b) => a + b, 0)));
      // A pathological cell (garbled extraction) is cut rather than allowed to outgrow a page.
      if (height > maxRowHeight) {
        const keep = Math.floor((maxRowHeight - 2 * pad) / (lh + 3));
        for (const c of cells) {
          c.lines = c.lines.slice(0, keep);
          c.gaps = c.gaps.slice(0, keep);
        }
        height = maxRowHeight;
      }
      return { cells, height, bold };
    };

    const drawRow = (row: ReturnType<typeof layoutRow>): void => {
      const top = this.y;
      if (row.bold) this.page.ops.push({ t: 'fill', x: MARGIN_LEFT, y: top, w: CONTENT_WIDTH, h: row.height });
      row.cells.forEach((cell, c) => {
        let y = top + pad;
        cell.lines.forEach((line, i) => {
          y += cell.gaps[i] ?? 0;
          this.y = y;
          this.drawLine(line, (xs[c] ?? MARGIN_LEFT) + pad, size);
          y += lh;
        });
      });
      const bottom = top + row.height;
      this.page.ops.push({ t: 'line', x1: MARGIN_LEFT, y1: top, x2: MARGIN_LEFT + CONTENT_WIDTH, y2: top });
      this.page.ops.push({ t: 'line', x1: MARGIN_LEFT, y1: bottom, x2: MARGIN_LEFT + CONTENT_WIDTH, y2: bottom });
      for (const x of [...xs, MARGIN_LEFT + CONTENT_WIDTH]) this.page.ops.push({ t: 'line', x1: x, y1: top, x2: x, y2: bottom });
      this.y = bottom;
    };

    const header = spec.header && spec.rows[0] ? layoutRow(spec.rows[0], true) : null;
    const body = (spec.header ? spec.rows.slice(1) : spec.rows).map((r) => layoutRow(r, false));
    if (!this.isEmpty()) this.y += 4;
    this.ensure((header?.height ?? 0) + (body[0]?.height ?? 0));
    if (header) drawRow(header);
    for (const row of body) {
      if (row.height > this.room()) {
        this.breakPage();
        if (header) drawRow(header);
      }
      drawRow(row);
    }
    this.y += 10;
  }

  /** Column weights from content length, so a two-column glossary is not split down the middle. */
  static columnWeights(rows: readonly string[][]): number[] {
    const n = Math.max(...rows.map((r) => r.length));
    const weights: number[] = [];
    for (let c = 0; c < n; c += 1) {
      const lengths = rows.map((r) => (r[c] ?? '').length);
      const avg = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
      weights.push(Math.min(60, Math.max(6, avg)));
    }
    return weights;
  }

  block(block: Block): void {
    switch (block.kind) {
      case 'heading':
        this.heading(block.text, block.level);
        break;
      case 'paragraph':
        this.paragraph(block.runs, { number: block.number, align: block.align });
        break;
      case 'bullet':
        this.bullet(block.runs, block.level);
        break;
      case 'table': {
        const rows = block.rows.map((r) => r.map((cell) => [[{ text: cell, bold: false }]]));
        const weights = Flow.columnWeights(block.rows);
        // Budget-book tables run to ten columns; like the printed originals they need smaller type.
        const size = block.size ?? (weights.length >= 7 ? 7 : weights.length <= 3 ? this.tableSize + 2 : this.tableSize);
        this.table({ columns: weights, rows, header: block.header, size });
        break;
      }
      case 'blankPage':
        this.blankPage();
        break;
      case 'pageBreak':
        this.freshPage();
        break;
      case 'space':
        this.space(block.height);
        break;
    }
  }

  blocks(blocks: readonly Block[]): this {
    for (const b of blocks) this.block(b);
    return this;
  }

  /** The pages written so far, dropping a trailing page nothing was drawn on. */
  finish(): Page[] {
    while (this.pages.length > 1 && this.pages[this.pages.length - 1]?.ops.length === 0) this.pages.pop();
    return this.pages;
  }
}

/** Text stamped at the top right of a page, as Modern.gov stamps "Agenda Item 5" on each report. */
export function stampTopRight(page: Page, text: string, m: Measurer): void {
  const size = 10;
  const w = m.width(text, 'Helvetica-Bold', size);
  page.ops.unshift({ t: 'text', x: PAGE_WIDTH - MARGIN_RIGHT - w, y: 32, text, font: 'Helvetica-Bold', size, eol: true });
}

export interface RenderOptions {
  file: string;
  title: string;
  subject: string;
  author: string;
  lang: string;
  /** Fixed so the bytes, and the /ID pdfkit derives from the info dictionary, never change. */
  date: Date;
  footerLabel: string;
  /** How the printed number is set; centred at the foot as "<label> N" when omitted. */
  footer?: FooterStyle;
  /** Published protected (AES-128), as some councils publish exempt or draft papers. */
  passwords?: { user: string; owner: string };
}

/** A printed page number as other councils set it: its wording and its corner. */
export interface FooterStyle {
  /** `last` is the highest number printed in the document ("Page 3 of 24"). */
  text: (printed: number, last: number) => string;
  align: 'left' | 'centre' | 'right';
  edge: 'top' | 'bottom';
  /** Furniture sharing the number's line at the opposite side ("Planning Committee, 14 March 2023"). */
  beside?: string;
}

function drawFooter(doc: PDFKit.PDFDocument, style: FooterStyle, printed: number, last: number): void {
  const label = style.text(printed, last);
  const y = style.edge === 'bottom' ? FOOTER_Y : 20;
  doc.font('Helvetica').fontSize(9);
  const w = doc.widthOfString(label);
  const x = style.align === 'left' ? MARGIN_LEFT : style.align === 'right' ? PAGE_WIDTH - MARGIN_RIGHT - w : (PAGE_WIDTH - w) / 2;
  doc.text(label, x, y, { lineBreak: false });
  if (style.beside) {
    const bw = doc.widthOfString(style.beside);
    doc.text(style.beside, style.align === 'left' ? PAGE_WIDTH - MARGIN_RIGHT - bw : MARGIN_LEFT, y, { lineBreak: false });
  }
}

/** Writes pages to a PDF. Pages are flushed as they are drawn so 2000-page packs stay small in memory. */
export async function renderPdf(pages: readonly Page[], options: RenderOptions): Promise<void> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    margin: 0,
    lang: options.lang,
    displayTitle: true,
    compress: true,
    ...(options.passwords ? { userPassword: options.passwords.user, ownerPassword: options.passwords.owner, pdfVersion: '1.7' as const } : {}),
    info: {
      Title: options.title,
      Subject: options.subject,
      Author: options.author,
      Creator: 'Chamber sample-pack generator',
      Producer: 'PDFKit',
      CreationDate: options.date,
      ModDate: options.date,
    },
  });
  const out = createWriteStream(options.file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  const lastPrinted = Math.max(0, ...pages.map((p) => p.printed ?? 0));

  for (const page of pages) {
    doc.addPage({ size: 'A4', margin: 0 });
    let font: FontName | null = null;
    let size = 0;
    for (const op of page.ops) {
      if (op.t === 'text') {
        if (op.font !== font) doc.font((font = op.font));
        if (op.size !== size) doc.fontSize((size = op.size));
        doc.text(op.text, op.x, op.y, { lineBreak: false });
      } else if (op.t === 'line') {
        doc.moveTo(op.x1, op.y1).lineTo(op.x2, op.y2).lineWidth(0.6).strokeColor('#000000').stroke();
      } else {
        doc.rect(op.x, op.y, op.w, op.h).fillColor('#e6e6e6').fill();
        doc.fillColor('#000000');
      }
    }
    if (page.printed !== null && options.footer) {
      drawFooter(doc, options.footer, page.printed, lastPrinted);
    } else if (page.printed !== null) {
      const label = `${options.footerLabel} ${page.printed}`;
      doc.font('Helvetica').fontSize(10);
      const w = doc.widthOfString(label);
      doc.text(label, (PAGE_WIDTH - w) / 2, FOOTER_Y, { lineBreak: false });
    }
  }
  doc.end();
  await done;
}
