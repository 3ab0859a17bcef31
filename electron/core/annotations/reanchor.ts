import { findQuote, quoteAt, rectsFor, SearchText, type PageGeometry } from '../../../shared/annotations/anchoring';
import { textMarkupKinds, type Annotation, type InkStroke, type Rect } from '../../../shared/annotations/schema';
import type { Db } from '../db/database';
import type { DomainTransaction } from '../repositories/domainWriter';
import type { PageGeometryStore } from './geometry';
import { itemAt, saveAnnotation, selectAnnotation, toAnnotation, type AnnotationRow } from './repository';

export interface ReanchorSummary {
  anchored: number;
  approximate: number;
  needsReview: number;
}

interface ItemPages {
  number: string;
  pdf_from: number | null;
  pdf_to: number | null;
}

/**
 * Moves every annotation of a meeting onto a newly imported pack version, inside the import's
 * transaction: found exactly or approximately, it gets the new page, quote and rectangles (rebuilt
 * from the new text geometry); not found, it stays on its old version marked needs-review. No
 * annotation is ever dropped.
 */
export function reanchorMeeting(db: Db, geometry: PageGeometryStore, tx: DomainTransaction, meetingId: string, newPackId: string): ReanchorSummary {
  const rows = db
    .prepare<[string, string], AnnotationRow>(`${selectAnnotation} WHERE a.meeting_id = ? AND a.pack_id <> ? AND a.deleted_at IS NULL ORDER BY a.created_at`)
    .all(meetingId, newPackId);
  const summary: ReanchorSummary = { anchored: 0, approximate: 0, needsReview: 0 };
  if (rows.length === 0) return summary;

  const newTexts = geometry.pageTexts(newPackId);
  const search = new SearchText(newTexts.map((text) => ({ text })));
  const items = (packId: string) =>
    new Map(
      db
        .prepare<[string], ItemPages>('SELECT number, pdf_from, pdf_to FROM agenda_items WHERE pack_id = ?')
        .all(packId)
        .map((i) => [i.number, i]),
    );
  const newItems = items(newPackId);
  const oldItemsByPack = new Map<string, Map<string, ItemPages>>();
  const geometryCache = new Map<string, PageGeometry | null>();
  const geometryOf = (packId: string, page: number) => {
    const key = `${packId}:${page}`;
    if (!geometryCache.has(key)) geometryCache.set(key, geometry.get(packId, page));
    return geometryCache.get(key) ?? null;
  };

  for (const row of rows) {
    const before = toAnnotation(row);
    const oldItems = oldItemsByPack.get(before.packId) ?? items(before.packId);
    oldItemsByPack.set(before.packId, oldItems);
    const oldItem = before.itemNumber ? oldItems.get(before.itemNumber) : undefined;
    const newItem = before.itemNumber ? newItems.get(before.itemNumber) : undefined;
    const region = newItem?.pdf_from && newItem.pdf_to ? { from: newItem.pdf_from - 1, to: newItem.pdf_to - 1 } : null;
    const shift = oldItem?.pdf_from && newItem?.pdf_from ? newItem.pdf_from - oldItem.pdf_from : 0;

    const found = before.quote ? findQuote(search, before.quote, { region, expectedPage: before.pageIndex + shift }) : null;
    if (!found) {
      summary.needsReview += 1;
      if (before.status !== 'needs-review' || before.anchoredBy !== 'none') {
        saveAnnotation(db, tx, before, { ...before, status: 'needs-review', anchoredBy: 'none', version: before.version + 1, updatedAt: tx.now });
      }
      continue;
    }
    summary.anchored += 1;
    if (found.method === 'approximate') summary.approximate += 1;
    const pageText = newTexts[found.pageIndex] ?? '';
    const newGeometry = geometryOf(newPackId, found.pageIndex);
    const quote = quoteAt(pageText, found.start, found.end);
    let rects: Rect[] = before.rects;
    let ink: InkStroke[] | null = before.ink;
    if (textMarkupKinds.includes(before.kind)) {
      if (newGeometry) rects = rectsFor(newGeometry, found.start, found.end);
    } else {
      // Notes, free text and ink keep their offset from the line of text they were made beside.
      const oldGeometry = geometryOf(before.packId, before.pageIndex);
      const from = oldGeometry && before.quote?.start != null && before.quote.end != null ? rectsFor(oldGeometry, before.quote.start, before.quote.end)[0] : undefined;
      const to = newGeometry ? rectsFor(newGeometry, found.start, found.end)[0] : undefined;
      if (from && to) {
        const dx = to.x - from.x;
        const dy = to.y - from.y;
        rects = rects.map((r) => ({ ...r, x: r.x + dx, y: r.y + dy }));
        ink = ink?.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, x: p.x + dx, y: p.y + dy })) })) ?? null;
      }
    }
    const after: Annotation = {
      ...before,
      packId: newPackId,
      pageIndex: found.pageIndex,
      rects,
      ink,
      quote,
      itemNumber: itemAt(db, newPackId, found.pageIndex),
      status: 'anchored',
      anchoredBy: found.method,
      version: before.version + 1,
      updatedAt: tx.now,
    };
    saveAnnotation(db, tx, before, after);
  }
  return summary;
}
