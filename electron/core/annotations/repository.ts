import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { centreOf, collapse, findQuote, locateSelection, nearestLine, quoteAt, rectsFor, SearchText } from '../../../shared/annotations/anchoring';
import type { ImportedAnnotation } from '../../../shared/annotations/w3c';
import {
  textMarkupKinds,
  type Annotation,
  type AnnotationChange,
  type AnnotationFilter,
  type AnnotationKind,
  type InkStroke,
  type NewAnnotation,
  type Rect,
  type TextQuote,
} from '../../../shared/annotations/schema';
import type { Db } from '../db/database';
import type { MeetingAccess } from '../meetings/access';
import { CoreError } from '../errors';
import type { DomainTransaction, DomainWriter } from '../repositories/domainWriter';
import type { LocalHooks } from '../sync/localRecord';
import { asRecordData } from '../sync/merge';
import type { PageGeometryStore } from './geometry';

export interface AnnotationRow {
  id: string;
  meeting_id: string;
  author_member_id: string;
  kind: AnnotationKind;
  colour: string;
  body: string | null;
  shared: number;
  pack_id: string;
  page_index: number;
  rects: string;
  ink: string | null;
  quote_exact: string | null;
  quote_prefix: string | null;
  quote_suffix: string | null;
  text_start: number | null;
  text_end: number | null;
  item_number: string | null;
  status: Annotation['status'];
  anchored_by: Annotation['anchoredBy'];
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  pack_version: number;
  document_sha256: string;
}

export const selectAnnotation = `SELECT a.*, p.version AS pack_version, p.document_sha256 FROM annotations a JOIN packs p ON p.id = a.pack_id`;

export function toAnnotation(row: AnnotationRow): Annotation {
  const quote: TextQuote | null =
    row.quote_exact === null
      ? null
      : { exact: row.quote_exact, prefix: row.quote_prefix ?? '', suffix: row.quote_suffix ?? '', start: row.text_start, end: row.text_end };
  return {
    id: row.id,
    meetingId: row.meeting_id,
    authorMemberId: row.author_member_id,
    kind: row.kind,
    colour: row.colour,
    body: row.body,
    shared: row.shared === 1,
    packId: row.pack_id,
    packVersion: row.pack_version,
    documentSha256: row.document_sha256,
    pageIndex: row.page_index,
    rects: JSON.parse(row.rects) as Rect[],
    ink: row.ink === null ? null : (JSON.parse(row.ink) as InkStroke[]),
    quote,
    itemNumber: row.item_number,
    status: row.status,
    anchoredBy: row.anchored_by,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/** Columns for an UPDATE of everything that can change after creation. */
export function placementColumns(a: Annotation) {
  return {
    id: a.id,
    kind: a.kind,
    colour: a.colour,
    body: a.body,
    shared: a.shared ? 1 : 0,
    pack_id: a.packId,
    page_index: a.pageIndex,
    rects: JSON.stringify(a.rects),
    ink: a.ink === null ? null : JSON.stringify(a.ink),
    quote_exact: a.quote?.exact ?? null,
    quote_prefix: a.quote?.prefix ?? null,
    quote_suffix: a.quote?.suffix ?? null,
    text_start: a.quote?.start ?? null,
    text_end: a.quote?.end ?? null,
    item_number: a.itemNumber,
    status: a.status,
    anchored_by: a.anchoredBy,
    version: a.version,
    updated_at: a.updatedAt,
    deleted_at: a.deletedAt,
  };
}

const updateSql = `UPDATE annotations SET kind = @kind, colour = @colour, body = @body, shared = @shared, pack_id = @pack_id,
  page_index = @page_index, rects = @rects, ink = @ink, quote_exact = @quote_exact, quote_prefix = @quote_prefix,
  quote_suffix = @quote_suffix, text_start = @text_start, text_end = @text_end, item_number = @item_number, status = @status,
  anchored_by = @anchored_by, version = @version, updated_at = @updated_at, deleted_at = @deleted_at WHERE id = @id`;

/** Writes a changed annotation and queues it for sync, inside the caller's transaction. */
export function saveAnnotation(db: Db, tx: DomainTransaction, before: Annotation, after: Annotation, operation: 'update' | 'delete' = 'update'): Annotation {
  db.prepare(updateSql).run(placementColumns(after));
  const row = db.prepare<[string], AnnotationRow>(`${selectAnnotation} WHERE a.id = ?`).get(after.id);
  const saved = row ? toAnnotation(row) : after;
  tx.recordEntity('annotation', saved, operation, { baseVersion: before.version, key: { id: after.id } });
  return saved;
}

interface PackRow {
  id: string;
  page_count: number;
}

/**
 * A member's annotations on a meeting's pack. Each save is one transaction with its outbox row,
 * so once the call returns the annotation is on disk (WAL, synchronous=FULL) and queued for sync.
 * A member sees their own annotations and those others have shared; only the author changes one.
 */
export class AnnotationsRepository {
  constructor(
    private readonly db: Db,
    private readonly writer: DomainWriter,
    private readonly geometry: PageGeometryStore,
    private readonly access: MeetingAccess,
  ) {}

  /**
   * `found` is where an import already located the quote on the page (then its prefix and suffix
   * have chosen between repeats); null means it was not found and the annotation needs review.
   */
  create(actor: string, input: z.output<typeof NewAnnotation>, found?: { start: number; end: number } | null): Annotation {
    this.access.requireMeeting(input.meetingId);
    const pack = this.pack(input.meetingId, input.packId);
    if (input.pageIndex >= pack.page_count) throw invalid(['pageIndex'], `The pack has ${pack.page_count} pages`);
    if (input.id && this.row(input.id)) throw invalid(['id'], 'An annotation with that id already exists');
    const isText = textMarkupKinds.includes(input.kind);
    if (isText && !input.exact) throw invalid(['exact'], 'Highlight, underline and strike need the selected text');
    if (input.kind === 'ink' && (!input.ink || input.ink.length === 0)) throw invalid(['ink'], 'Ink needs at least one stroke');
    if (!isText && input.kind !== 'ink' && input.rects.length === 0) throw invalid(['rects'], 'A note or free text needs its place on the page');

    const pageText = this.geometry.pageText(pack.id, input.pageIndex);
    const geometry = this.geometry.get(pack.id, input.pageIndex);
    let rects = input.rects;
    let quote: TextQuote | null = null;
    if (isText && input.exact) {
      const at = found === undefined ? locateSelection(pageText, geometry, input.exact, rects) : found;
      quote = at ? quoteAt(pageText, at.start, at.end) : { exact: collapse(input.exact), prefix: '', suffix: '', start: null, end: null };
      if ((rects.length === 0 || found) && at && geometry) rects = rectsFor(geometry, at.start, at.end);
    } else {
      if (input.kind === 'ink' && input.ink) rects = [boundsOfInk(input.ink)];
      const line = geometry && rects.length > 0 ? nearestLine(geometry, pageText, centreOf(rects)) : null;
      if (line) quote = quoteAt(pageText, line.start, line.end);
    }

    const id = input.id ?? randomUUID();
    return this.writer.write((tx) => {
      this.db
        .prepare(
          `INSERT INTO annotations (id, meeting_id, author_member_id, kind, colour, body, shared, pack_id, page_index, rects, ink,
             quote_exact, quote_prefix, quote_suffix, text_start, text_end, item_number, status, anchored_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.meetingId,
          actor,
          input.kind,
          input.colour,
          input.body ?? null,
          input.shared ? 1 : 0,
          pack.id,
          input.pageIndex,
          JSON.stringify(rects),
          input.ink ? JSON.stringify(input.ink) : null,
          quote?.exact ?? null,
          quote?.prefix ?? null,
          quote?.suffix ?? null,
          quote?.start ?? null,
          quote?.end ?? null,
          itemAt(this.db, pack.id, input.pageIndex),
          found === null ? 'needs-review' : 'anchored',
          found === null ? 'none' : 'created',
          tx.now,
          tx.now,
        );
      const created = this.get(id);
      tx.recordEntity('annotation', created, 'create');
      return created;
    });
  }

  /** W3C imports, all in one transaction: each quote is looked for on its page, then the pack. */
  importMany(actor: string, meetingId: string, items: readonly ImportedAnnotation[]): { created: number; needsReview: number } {
    this.access.requireMeeting(meetingId);
    const pack = this.pack(meetingId, undefined);
    const texts = this.geometry.pageTexts(pack.id);
    const search = new SearchText(texts.map((text) => ({ text })));
    return this.writer.write(() => {
      let created = 0;
      let needsReview = 0;
      for (const item of items) {
        // The same file imported twice adds nothing the second time.
        if (item.id && this.row(item.id)) continue;
        const page = Math.min(item.pageIndex, pack.page_count - 1);
        const found = item.quote ? findQuote(search, item.quote, { region: { from: page, to: page }, expectedPage: page }) : null;
        const placed = this.create(
          actor,
          {
            meetingId,
            packId: pack.id,
            ...(item.id ? { id: item.id } : {}),
            kind: item.kind,
            colour: item.colour,
            pageIndex: found?.pageIndex ?? page,
            rects: item.rects,
            ...(item.ink ? { ink: item.ink } : {}),
            ...(item.body ? { body: item.body } : {}),
            ...(item.quote ? { exact: item.quote.exact } : {}),
            shared: false,
          },
          item.quote && textMarkupKinds.includes(item.kind) ? (found ? { start: found.start, end: found.end } : null) : undefined,
        );
        created += 1;
        if (placed.status === 'needs-review') needsReview += 1;
      }
      return { created, needsReview };
    });
  }

  update(actor: string, id: string, change: AnnotationChange): Annotation {
    return this.change(actor, id, (a) => {
      const kind = change.kind ?? a.kind;
      if (textMarkupKinds.includes(kind) !== textMarkupKinds.includes(a.kind)) throw invalid(['kind'], 'A text mark can only become another text mark');
      return {
        ...a,
        kind,
        colour: change.colour ?? a.colour,
        body: change.body === undefined ? a.body : change.body,
        rects: change.rects ?? a.rects,
        ink: change.ink === undefined ? a.ink : change.ink,
      };
    });
  }

  share(actor: string, id: string, shared: boolean): Annotation {
    return this.change(actor, id, (a) => ({ ...a, shared }));
  }

  remove(actor: string, id: string): Annotation {
    return this.change(actor, id, (a, now) => ({ ...a, deletedAt: a.deletedAt ?? now }), 'delete');
  }

  /** Brings a deleted annotation back (undo of a delete). */
  restore(actor: string, id: string): Annotation {
    return this.change(actor, id, (a) => ({ ...a, deletedAt: null }), 'update', true);
  }

  get(id: string): Annotation {
    const row = this.row(id);
    if (!row) throw new CoreError('NOT_FOUND', 'No such annotation');
    return toAnnotation(row);
  }

  list(actor: string, meetingId: string, filter: z.output<typeof AnnotationFilter>): Annotation[] {
    this.access.requireMeeting(meetingId);
    const rows = this.db
      .prepare<[string], AnnotationRow>(`${selectAnnotation} WHERE a.meeting_id = ? ORDER BY p.version DESC, a.page_index, a.created_at, a.id`)
      .all(meetingId);
    return rows
      .map(toAnnotation)
      .filter((a) => a.authorMemberId === actor || a.shared)
      .filter((a) => filter.whose === 'all' || (filter.whose === 'mine' ? a.authorMemberId === actor : a.shared && a.authorMemberId !== actor))
      .filter((a) => filter.includeDeleted || a.deletedAt === null)
      .filter((a) => !filter.colour || a.colour === filter.colour)
      .filter((a) => !filter.kind || a.kind === filter.kind)
      .filter((a) => !filter.itemNumber || a.itemNumber === filter.itemNumber);
  }

  private change(actor: string, id: string, apply: (a: Annotation, now: string) => Annotation, operation: 'update' | 'delete' = 'update', allowDeleted = false): Annotation {
    return this.writer.write((tx) => {
      const before = this.get(id);
      if (before.authorMemberId !== actor) throw new CoreError('FORBIDDEN', 'Only its author may change an annotation');
      if (before.deletedAt !== null && !allowDeleted) throw new CoreError('NOT_FOUND', 'That annotation was deleted');
      const after = { ...apply(before, tx.now), version: before.version + 1, updatedAt: tx.now };
      saveAnnotation(this.db, tx, before, after, operation);
      return this.get(id);
    });
  }

  private row(id: string): AnnotationRow | undefined {
    return this.db.prepare<[string], AnnotationRow>(`${selectAnnotation} WHERE a.id = ?`).get(id);
  }

  private pack(meetingId: string, packId: string | undefined): PackRow {
    const row = packId
      ? this.db
          .prepare<[string, string], PackRow>('SELECT p.id, d.page_count FROM packs p JOIN documents d ON d.sha256 = p.document_sha256 WHERE p.id = ? AND p.meeting_id = ?')
          .get(packId, meetingId)
      : this.db
          .prepare<[string], PackRow>(
            'SELECT p.id, d.page_count FROM packs p JOIN documents d ON d.sha256 = p.document_sha256 WHERE p.meeting_id = ? ORDER BY p.version DESC LIMIT 1',
          )
          .get(meetingId);
    if (!row) throw new CoreError('NOT_FOUND', 'That meeting has no such pack');
    return row;
  }
}

/** The agenda item whose PDF pages include this page (0-based), in that pack version. */
/** A pulled annotation: its quote is kept as columns, on this device's own pack of the meeting. */
export const syncedAnnotation: LocalHooks = {
  columns: (data, db) => {
    const quote = asRecordData(data.quote);
    // Pack ids are local to each device's import; the record lands on this device's newest pack of the meeting.
    const known = typeof data.packId === 'string' && db.prepare('SELECT 1 FROM packs WHERE id = ?').get(data.packId) !== undefined;
    const newest = db.prepare<[unknown], { id: string }>('SELECT id FROM packs WHERE meeting_id = ? ORDER BY version DESC LIMIT 1').get(data.meetingId);
    return {
      quote_exact: quote?.exact ?? null,
      quote_prefix: quote?.prefix ?? null,
      quote_suffix: quote?.suffix ?? null,
      text_start: quote?.start ?? null,
      text_end: quote?.end ?? null,
      pack_id: known ? data.packId : (newest?.id ?? null),
    };
  },
};

export function itemAt(db: Db, packId: string, pageIndex: number): string | null {
  const page = pageIndex + 1;
  const row = db
    .prepare<[string, number, number], { number: string }>('SELECT number FROM agenda_items WHERE pack_id = ? AND pdf_from <= ? AND pdf_to >= ? ORDER BY position LIMIT 1')
    .get(packId, page, page);
  return row?.number ?? null;
}

export function boundsOfInk(strokes: readonly InkStroke[]): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const s of strokes)
    for (const p of s.points) {
      x0 = Math.min(x0, p.x - s.width / 2);
      y0 = Math.min(y0, p.y - s.width / 2);
      x1 = Math.max(x1, p.x + s.width / 2);
      y1 = Math.max(y1, p.y + s.width / 2);
    }
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

function invalid(path: string[], message: string): CoreError {
  return new CoreError('INVALID_INPUT', message, [{ path, code: 'custom', message }]);
}
