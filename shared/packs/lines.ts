/**
 * The structure reader's view of a line of page text: cleaned text and cells, never undefined, with
 * the extractor's geometry where it gave some. Every layout rule reads lines through these helpers.
 */

/**
 * One line of page text. `cells` is the line split where the gap between text runs is wide (table
 * columns). The geometry fields are optional hints (the extractor supplies them; hand-made lines
 * need not): x and y in PDF points from the page's left and top edges, height of the line.
 */
export interface StructureLine {
  readonly text: string;
  readonly cells: readonly string[];
  readonly bold?: boolean;
  readonly x?: number;
  readonly y?: number;
  readonly height?: number;
  readonly width?: number;
}

export interface StructurePage {
  /** 0-based PDF page index. */
  readonly index: number;
  readonly lines: readonly StructureLine[];
  /** The page's size in points, where the extractor gave it (corner footers are placed by it). */
  readonly width?: number;
  readonly height?: number;
}

/** A line as the parser sees it. */
export interface Line {
  text: string;
  cells: string[];
  bold: boolean | undefined;
  x: number | undefined;
  y: number | undefined;
  height: number | undefined;
}

export function clean(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text.replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function finite(n: unknown): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function toLine(raw: unknown): Line | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<Record<keyof StructureLine, unknown>>;
  const rawCells = Array.isArray(r.cells) ? (r.cells as unknown[]) : [];
  const cells = rawCells.map(clean).filter((c) => c.length > 0);
  let text = clean(r.text);
  if (text.length === 0) text = cells.join(' ');
  if (text.length === 0) return null;
  return {
    text,
    cells: cells.length > 0 ? cells : [text],
    bold: typeof r.bold === 'boolean' ? r.bold : undefined,
    x: finite(r.x),
    y: finite(r.y),
    height: finite(r.height),
  };
}

/** Joins wrapped pieces of one sentence: "Sub-" + "Committee" stays hyphenated without a space. */
export function joinWrapped(parts: readonly string[]): string {
  let out = '';
  for (const part of parts) {
    if (part.length === 0) continue;
    if (out.length === 0) out = part;
    else if (/\p{L}-$/u.test(out) && /^\p{L}/u.test(part)) out += part;
    else out += ` ${part}`;
  }
  return clean(out);
}

/** Trims the punctuation a title or field keeps from the line it was cut out of. */
export function tidyTitle(text: string): string {
  return clean(text.replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, ''));
}

/** A match with where it sits in the text, so the rest of the line can be read around it. */
export interface Found<T> {
  value: T;
  start: number;
  end: number;
}
