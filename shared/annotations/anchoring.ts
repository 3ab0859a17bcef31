/**
 * Finding quoted text again: in a page (when an annotation is made) and in a whole pack (when a
 * republished version arrives). Pure: the core feeds it page texts and line geometry.
 *
 * Text is compared with whitespace collapsed, because the reader's text layer and the importer's
 * line joining space the same words differently.
 */
import type { Rect } from './schema';

/** One visual line: [start, end) in the page text, and its box. */
export interface GeometryLine {
  start: number;
  end: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageGeometry {
  width: number;
  height: number;
  lines: GeometryLine[];
}

/** How much context is kept either side of a quote (W3C TextQuoteSelector prefix/suffix). */
export const contextLength = 32;
/** An approximate match must differ from the quote in at most this share of its characters. */
export const maxApproximateDistance = 0.3;

export interface Normalised {
  text: string;
  /** For each character of `text`, its offset in the raw text. */
  map: number[];
}

export function normalise(raw: string): Normalised {
  let text = '';
  const map: number[] = [];
  let space = true;
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i] ?? '';
    if (/\s/.test(ch)) {
      if (!space) {
        text += ' ';
        map.push(i);
        space = true;
      }
    } else {
      text += ch;
      map.push(i);
      space = false;
    }
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    map.pop();
  }
  return { text, map };
}

export const collapse = (s: string): string => normalise(s).text;

/** Rectangles covering [start, end) of a page's text, one per line it crosses. */
export function rectsFor(geometry: PageGeometry, start: number, end: number): Rect[] {
  const rects: Rect[] = [];
  for (const line of geometry.lines) {
    if (line.end <= start || line.start >= end) continue;
    const length = Math.max(1, line.end - line.start);
    // Within a line only its box is known, so characters are taken as equally wide.
    const from = (Math.max(start, line.start) - line.start) / length;
    const to = (Math.min(end, line.end) - line.start) / length;
    rects.push({ x: round(line.x + line.width * from), y: line.y, width: round(line.width * (to - from)), height: line.height });
  }
  return rects;
}

/** Lines of a page text joined with \n, as the importer stores them, with their boxes. */
export function geometryFromLines(width: number, height: number, lines: readonly { text: string; x: number; y: number; width: number; height: number }[]): PageGeometry {
  let at = 0;
  const out: GeometryLine[] = [];
  for (const line of lines) {
    out.push({ start: at, end: at + line.text.length, x: line.x, y: line.y, width: line.width, height: line.height });
    at += line.text.length + 1;
  }
  return { width, height, lines: out };
}

export function quoteAt(pageText: string, start: number, end: number): { exact: string; prefix: string; suffix: string; start: number; end: number } {
  const before = pageText.slice(Math.max(0, start - contextLength * 3), start).replace(/\s+/g, ' ');
  const after = pageText.slice(end, end + contextLength * 3).replace(/\s+/g, ' ');
  return {
    exact: collapse(pageText.slice(start, end)),
    prefix: before.slice(-contextLength).trimStart(),
    suffix: after.slice(0, contextLength).trimEnd(),
    start,
    end,
  };
}

function occurrences(haystack: string, needle: string, limit = 500): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let at = haystack.indexOf(needle); at >= 0 && found.length < limit; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** Characters that agree, reading outwards from the quote. */
function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n += 1;
  return n;
}
function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

/**
 * Best approximate occurrence of `pattern` in `text` (Sellers' semi-global edit distance): the
 * match may start and end anywhere in `text`. Returns [start, end) in `text` and the distance.
 */
export function approximateMatch(pattern: string, text: string): { start: number; end: number; distance: number } | null {
  const m = pattern.length;
  const n = text.length;
  if (m === 0 || n === 0) return null;
  const end = bestEnd(pattern, text);
  if (!end) return null;
  // The start is the best end of the reversed pattern in the reversed text before `end`.
  const reversedPattern = [...pattern].reverse().join('');
  const reversedText = [...text.slice(0, end.end)].reverse().join('');
  const back = bestEnd(reversedPattern, reversedText);
  const start = back ? end.end - back.end : Math.max(0, end.end - m);
  return { start, end: end.end, distance: end.distance };
}

function bestEnd(pattern: string, text: string): { end: number; distance: number } | null {
  const m = pattern.length;
  let previous = new Array<number>(m + 1);
  let current = new Array<number>(m + 1);
  for (let i = 0; i <= m; i += 1) previous[i] = i;
  let best: { end: number; distance: number } | null = { end: 0, distance: m };
  for (let j = 1; j <= text.length; j += 1) {
    current[0] = 0;
    const t = text[j - 1];
    for (let i = 1; i <= m; i += 1) {
      const substitute = (previous[i - 1] ?? 0) + (pattern[i - 1] === t ? 0 : 1);
      const insert = (current[i - 1] ?? 0) + 1;
      const remove = (previous[i] ?? 0) + 1;
      current[i] = Math.min(substitute, insert, remove);
    }
    const d = current[m] ?? m;
    if (best === null || d < best.distance) best = { end: j, distance: d };
    [previous, current] = [current, previous];
  }
  return best;
}

export interface SearchPage {
  text: string;
}

export interface QuoteToFind {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface FoundQuote {
  pageIndex: number;
  /** Raw offsets in that page's text. */
  start: number;
  end: number;
  method: 'exact' | 'approximate';
}

export interface SearchHints {
  /** Pages to look in first (the item's pages in the new version), 0-based inclusive. */
  region?: { from: number; to: number } | null;
  /** Where the text probably is now, to choose between equal candidates. */
  expectedPage?: number;
}

/** Every page's normalised text in one string, with where each page starts. */
export class SearchText {
  readonly text: string;
  private readonly pageStarts: number[] = [];
  private readonly normalised: Normalised[];

  constructor(pages: readonly SearchPage[]) {
    this.normalised = pages.map((p) => normalise(p.text));
    let text = '';
    for (const n of this.normalised) {
      this.pageStarts.push(text.length);
      text += `${n.text}\n`;
    }
    this.text = text;
  }

  get pageCount(): number {
    return this.normalised.length;
  }

  pageStart(pageIndex: number): number {
    return this.pageStarts[pageIndex] ?? this.text.length;
  }

  pageEnd(pageIndex: number): number {
    return pageIndex + 1 < this.pageStarts.length ? (this.pageStarts[pageIndex + 1] ?? this.text.length) : this.text.length;
  }

  pageAt(offset: number): number {
    let lo = 0;
    let hi = this.pageStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.pageStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** A normalised [start, end) back to one page's raw offsets (clipped to the page it starts on). */
  toRaw(start: number, end: number): { pageIndex: number; start: number; end: number } {
    const pageIndex = this.pageAt(start);
    const n = this.normalised[pageIndex] ?? { text: '', map: [] };
    const base = this.pageStart(pageIndex);
    const s = Math.min(start - base, n.map.length - 1);
    const e = Math.min(end - base, n.map.length) - 1;
    const rawStart = n.map[Math.max(0, s)] ?? 0;
    const rawEnd = (n.map[Math.max(s, e)] ?? rawStart) + 1;
    return { pageIndex, start: rawStart, end: rawEnd };
  }
}

/**
 * Finds a quote in a pack: exactly (several occurrences are told apart by their prefix and suffix,
 * then by being in the region and near the expected page), else approximately, first in the region
 * and then anywhere. Null when nothing is close enough: the caller flags it for review.
 */
export function findQuote(search: SearchText, quote: QuoteToFind, hints: SearchHints = {}): FoundQuote | null {
  const exact = collapse(quote.exact);
  if (!exact) return null;
  const prefix = collapse(quote.prefix);
  const suffix = collapse(quote.suffix);
  const distanceFromHint = (offset: number): number => {
    const page = search.pageAt(offset);
    const inRegion = hints.region && page >= hints.region.from && page <= hints.region.to ? 0 : 1;
    return inRegion * 100_000 + Math.abs(page - (hints.expectedPage ?? page));
  };

  const exactHits = occurrences(search.text, exact);
  if (exactHits.length > 0) {
    const scored = exactHits.map((at) => {
      const before = search.text.slice(Math.max(0, at - prefix.length - 1), at).replace(/\s+$/, '');
      const after = search.text.slice(at + exact.length, at + exact.length + suffix.length + 1).replace(/^\s+/, '');
      const context = commonSuffixLength(prefix.trimEnd(), before) + commonPrefixLength(suffix.trimStart(), after);
      return { at, context, hint: distanceFromHint(at) };
    });
    scored.sort((a, b) => b.context - a.context || a.hint - b.hint || a.at - b.at);
    const best = scored[0];
    if (best) return { ...search.toRaw(best.at, best.at + exact.length), method: 'exact' };
  }

  const regions: { from: number; to: number }[] = [];
  if (hints.region) regions.push(hints.region);
  regions.push({ from: 0, to: search.pageCount - 1 });
  for (const region of regions) {
    const found = approximateIn(search, exact, region, distanceFromHint);
    if (found) return { ...search.toRaw(found.start, found.end), method: 'approximate' };
  }
  return null;
}

const seedLength = 12;
const maxSeeds = 8;

function approximateIn(
  search: SearchText,
  exact: string,
  region: { from: number; to: number },
  distanceFromHint: (offset: number) => number,
): { start: number; end: number } | null {
  const from = search.pageStart(Math.max(0, region.from));
  const to = search.pageEnd(Math.min(search.pageCount - 1, region.to));
  const text = search.text.slice(from, to);
  const m = exact.length;
  const slack = Math.max(16, Math.ceil(m * maxApproximateDistance));
  // Seeds: short exact pieces of the quote; a match with few edits keeps some of them intact.
  const seedLen = Math.min(seedLength, m);
  const stride = Math.max(1, Math.floor((m - seedLen) / Math.max(1, maxSeeds - 1)));
  const starts = new Set<number>();
  for (let offset = 0; offset + seedLen <= m && starts.size < 400; offset += stride) {
    for (const at of occurrences(text, exact.slice(offset, offset + seedLen), 50)) starts.add(Math.max(0, Math.round((at - offset) / 8) * 8));
  }
  let best: { start: number; end: number; distance: number; hint: number } | null = null;
  for (const candidate of starts) {
    const windowStart = Math.max(0, candidate - slack);
    const window = text.slice(windowStart, Math.min(text.length, candidate + m + slack));
    const match = approximateMatch(exact, window);
    if (!match || match.distance > m * maxApproximateDistance) continue;
    const start = from + windowStart + match.start;
    const hint = distanceFromHint(start);
    if (!best || match.distance < best.distance || (match.distance === best.distance && hint < best.hint)) {
      best = { start, end: from + windowStart + match.end, distance: match.distance, hint };
    }
  }
  return best;
}

/** Where in a page's text a selection is: the occurrence of `exact` whose lines lie under `rects`. */
export function locateSelection(pageText: string, geometry: PageGeometry | null, exact: string, rects: readonly Rect[]): { start: number; end: number } | null {
  const search = new SearchText([{ text: pageText }]);
  const needle = collapse(exact);
  const hits = occurrences(search.text, needle);
  if (hits.length === 0) {
    const found = findQuote(search, { exact, prefix: '', suffix: '' });
    return found ? { start: found.start, end: found.end } : null;
  }
  const candidates = hits.map((at) => search.toRaw(at, at + needle.length));
  if (!geometry || rects.length === 0 || candidates.length === 1) {
    const first = candidates[0];
    return first ? { start: first.start, end: first.end } : null;
  }
  const centre = centreOf(rects);
  const scored = candidates.map((c) => {
    const boxes = rectsFor(geometry, c.start, c.end);
    const at = boxes.length > 0 ? centreOf(boxes) : { x: Infinity, y: Infinity };
    return { c, d: Math.hypot(at.x - centre.x, at.y - centre.y) };
  });
  scored.sort((a, b) => a.d - b.d);
  const best = scored[0]?.c;
  return best ? { start: best.start, end: best.end } : null;
}

export function centreOf(rects: readonly Rect[]): { x: number; y: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return { x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
}

const footer = /^(Page|Tudalen)\s+\d+$/i;

/**
 * The line a note, free text or ink mark belongs to: the nearest line of real text, so that when
 * the pack is republished the mark moves with its text.
 */
export function nearestLine(geometry: PageGeometry, pageText: string, at: { x: number; y: number }): GeometryLine | null {
  let best: { line: GeometryLine; d: number } | null = null;
  for (const line of geometry.lines) {
    const text = pageText.slice(line.start, line.end).trim();
    if (text.length < 12 || footer.test(text)) continue;
    const dy = at.y < line.y ? line.y - at.y : at.y > line.y + line.height ? at.y - line.y - line.height : 0;
    const dx = at.x < line.x ? line.x - at.x : at.x > line.x + line.width ? at.x - line.x - line.width : 0;
    const d = dy * 4 + dx;
    if (!best || d < best.d) best = { line, d };
  }
  return best?.line ?? null;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
