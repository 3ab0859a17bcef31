/**
 * Reads PDF text back with pdfjs-dist, the library the app itself uses, so tests check what the
 * importer will actually see rather than what the generator meant to draw.
 */
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfTextItem {
  str: string;
  x: number;
  /** PDF user space: 0 is the bottom edge of the page. */
  y: number;
  hasEOL: boolean;
}

export interface PdfPageText {
  /** 1-based page index. */
  page: number;
  items: PdfTextItem[];
  /** Items joined in content order, line ends as spaces, whitespace collapsed. */
  text: string;
}

export interface PdfText {
  pageCount: number;
  pages: PdfPageText[];
  info: Record<string, unknown>;
}

function isTextItem(item: unknown): item is { str: string; transform: number[]; hasEOL: boolean } {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

export async function readPdfText(file: string): Promise<PdfText> {
  const data = new Uint8Array(await readFile(file));
  // Fonts are never rendered here, and the standard 14 need no font files for text extraction.
  const doc = await getDocument({ data, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: PdfPageText[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const raw of content.items) {
        if (!isTextItem(raw)) continue;
        // pdfjs types the matrix as any[]; it is [a, b, c, d, e, f] with e, f the text origin.
        const matrix = raw.transform as number[];
        items.push({ str: raw.str, x: matrix[4] ?? 0, y: matrix[5] ?? 0, hasEOL: raw.hasEOL });
      }
      const text = items.map((i) => i.str + (i.hasEOL ? ' ' : '')).join('').replace(/\s+/g, ' ').trim();
      pages.push({ page: n, items, text });
      page.cleanup();
    }
    const meta = await doc.getMetadata();
    return { pageCount: doc.numPages, pages, info: { ...(meta.info as Record<string, unknown>) } };
  } finally {
    await doc.destroy();
  }
}

/** The printed "<label> N" footer: the last matching item in the bottom margin, not body text. */
export function footerNumber(page: PdfPageText, label = 'Page'): number | null {
  const pattern = new RegExp(`^${label} (\\d+)$`);
  let found: number | null = null;
  for (const item of page.items) {
    const match = pattern.exec(item.str.trim());
    if (match && item.y < 60) found = Number(match[1]);
  }
  return found;
}

/** Whitespace-free form for comparing passages that may wrap differently from how they are quoted. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
