import { geometryFromLines, type GeometryLine, type PageGeometry } from '../../../shared/annotations/anchoring';
import type { Db } from '../db/database';
import type { ExtractedPage } from '../packs/extract';

type StoredLine = [start: number, end: number, x: number, y: number, width: number, height: number];

/** A page's line boxes as the store keeps them (JSON), worked out from its extracted lines. */
export function storedLines(page: Pick<ExtractedPage, 'width' | 'height' | 'lines'>): string {
  const geometry = geometryFromLines(page.width, page.height, page.lines);
  const lines: StoredLine[] = geometry.lines.map((l) => [l.start, l.end, l.x, l.y, l.width, l.height]);
  return JSON.stringify(lines);
}

/** Per-page line boxes of each pack version, kept at import so rectangles can be rebuilt later. */
export class PageGeometryStore {
  private readonly insert;
  private readonly select;
  private readonly texts;
  private readonly text;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO pack_page_geometry (pack_id, page_index, width, height, lines) VALUES (?, ?, ?, ?, ?)');
    this.select = db.prepare<[string, number], { width: number; height: number; lines: string }>(
      'SELECT width, height, lines FROM pack_page_geometry WHERE pack_id = ? AND page_index = ?',
    );
    this.text = db.prepare<[string, number], { text: string }>('SELECT text FROM pack_pages WHERE pack_id = ? AND page_index = ?');
    this.texts = db.prepare<[string], { page_index: number; text: string }>('SELECT page_index, text FROM pack_pages WHERE pack_id = ? ORDER BY page_index');
  }

  /** Inside the import's transaction. */
  store(packId: string, pages: readonly ExtractedPage[]): void {
    for (const page of pages) {
      if (!(page.width > 0 && page.height > 0)) continue;
      this.insert.run(packId, page.index, page.width, page.height, page.storedLines ?? storedLines(page));
    }
  }

  get(packId: string, pageIndex: number): PageGeometry | null {
    const row = this.select.get(packId, pageIndex);
    if (!row) return null;
    const lines = (JSON.parse(row.lines) as StoredLine[]).map(
      ([start, end, x, y, width, height]): GeometryLine => ({ start, end, x, y, width, height }),
    );
    return { width: row.width, height: row.height, lines };
  }

  pageText(packId: string, pageIndex: number): string {
    return this.text.get(packId, pageIndex)?.text ?? '';
  }

  pageTexts(packId: string): string[] {
    const texts: string[] = [];
    for (const row of this.texts.all(packId)) texts[row.page_index] = row.text;
    return Array.from(texts, (t) => t ?? '');
  }
}
