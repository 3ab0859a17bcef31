/**
 * The pack's pages in PDF order, each line cleaned only when something reads it: the footers and
 * headings need a few lines of every page, the table and meeting only the front pages.
 */
import { finite, toLine, type Line } from './lines';

interface RawPage {
  lines: readonly unknown[];
  height: number | undefined;
}

export class PackText {
  private readonly raw: readonly RawPage[];
  private readonly cache = new Map<number, Line[]>();

  constructor(input: unknown) {
    const pages = (Array.isArray(input) ? (input as unknown[]) : []).map((page, position) => {
      const p = typeof page === 'object' && page !== null ? (page as { index?: unknown; lines?: unknown; height?: unknown }) : {};
      const index = typeof p.index === 'number' && Number.isInteger(p.index) ? p.index : position;
      return { index, position, lines: Array.isArray(p.lines) ? (p.lines as unknown[]) : [], height: finite(p.height) };
    });
    if (new Set(pages.map((p) => p.index)).size === pages.length) pages.sort((a, b) => a.index - b.index || a.position - b.position);
    this.raw = pages.map((p) => ({ lines: p.lines, height: p.height }));
  }

  get count(): number {
    return this.raw.length;
  }

  /** The page's height in points, where the extractor said. */
  height(p: number): number | undefined {
    return this.raw[p]?.height;
  }

  page(p: number): Line[] {
    let lines = this.cache.get(p);
    if (!lines) {
      lines = (this.raw[p]?.lines ?? []).map(toLine).filter((l): l is Line => l !== null);
      this.cache.set(p, lines);
    }
    return lines;
  }

  /** The first `n` lines with text. */
  head(p: number, n: number): Line[] {
    const cached = this.cache.get(p);
    if (cached) return cached.slice(0, n);
    const out: Line[] = [];
    for (const raw of this.raw[p]?.lines ?? []) {
      if (out.length >= n) break;
      const line = toLine(raw);
      if (line) out.push(line);
    }
    return out;
  }

  /** The last `n` lines with text, in reading order. */
  tail(p: number, n: number): Line[] {
    const cached = this.cache.get(p);
    if (cached) return cached.slice(Math.max(0, cached.length - n));
    const raw = this.raw[p]?.lines ?? [];
    const out: Line[] = [];
    for (let i = raw.length - 1; i >= 0 && out.length < n; i -= 1) {
      const line = toLine(raw[i]);
      if (line) out.unshift(line);
    }
    return out;
  }

  hasText(p: number): boolean {
    return this.head(p, 1).length > 0;
  }
}
