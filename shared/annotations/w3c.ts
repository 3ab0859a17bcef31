/**
 * W3C Web Annotation JSON (https://www.w3.org/TR/annotation-model/) in and out. A target names the
 * pack's PDF by hash and carries a FragmentSelector `page=N` (N from 1, RFC 3778), a
 * TextQuoteSelector and a TextPositionSelector (offsets within that page's text). Chamber's own
 * details (kind, colour, rectangles, ink) ride along under `chamber`, which other tools ignore.
 */
import { z } from 'zod';
import { AnnotationKind, Colour, InkStroke, Rect, annotationColours, type Annotation } from './schema';

export const w3cContext = 'http://www.w3.org/ns/anno.jsonld';
const rfc3778 = 'http://tools.ietf.org/rfc/rfc3778';

export function toW3c(annotations: readonly Annotation[]): unknown[] {
  return annotations.map((a) => {
    const selectors: unknown[] = [{ type: 'FragmentSelector', conformsTo: rfc3778, value: `page=${a.pageIndex + 1}` }];
    if (a.quote) {
      selectors.push({ type: 'TextQuoteSelector', exact: a.quote.exact, prefix: a.quote.prefix, suffix: a.quote.suffix });
      if (a.quote.start !== null && a.quote.end !== null) selectors.push({ type: 'TextPositionSelector', start: a.quote.start, end: a.quote.end });
    }
    return {
      '@context': w3cContext,
      id: `urn:uuid:${a.id}`,
      type: 'Annotation',
      motivation: a.body ? 'commenting' : 'highlighting',
      created: a.createdAt,
      modified: a.updatedAt,
      creator: { id: `urn:chamber:member:${encodeURIComponent(a.authorMemberId)}`, type: 'Person' },
      ...(a.body ? { body: { type: 'TextualBody', value: a.body, format: 'text/plain', purpose: 'commenting' } } : {}),
      target: { source: `urn:sha256:${a.documentSha256}`, selector: selectors },
      chamber: { kind: a.kind, colour: a.colour, rects: a.rects, ink: a.ink, status: a.status, shared: a.shared, itemNumber: a.itemNumber },
    };
  });
}

/** One annotation read from W3C JSON, ready to be placed in a pack. */
export interface ImportedAnnotation {
  id: string | null;
  kind: AnnotationKind;
  colour: string;
  pageIndex: number;
  quote: { exact: string; prefix: string; suffix: string } | null;
  body: string | null;
  rects: z.infer<typeof Rect>[];
  ink: z.infer<typeof InkStroke>[] | null;
}

const Selector = z.looseObject({ type: z.string() });
const Extension = z
  .object({
    kind: AnnotationKind.optional(),
    colour: Colour.optional(),
    rects: z.array(Rect).max(500).optional(),
    ink: z.array(InkStroke).max(500).nullable().optional(),
  })
  .partial();

export class W3cError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

/** Every selector of a target, following arrays and refinedBy chains. */
function selectorsOf(target: unknown): z.infer<typeof Selector>[] {
  const out: z.infer<typeof Selector>[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else {
      const parsed = Selector.safeParse(value);
      if (!parsed.success) return;
      out.push(parsed.data);
      if ('refinedBy' in parsed.data) visit(parsed.data.refinedBy);
    }
  };
  const targets: unknown[] = Array.isArray(target) ? target : [target];
  for (const t of targets) {
    const parsed = z.looseObject({ selector: z.unknown() }).safeParse(t);
    if (parsed.success) visit(parsed.data.selector);
  }
  return out;
}

function bodyText(body: unknown): string | null {
  const bodies: unknown[] = Array.isArray(body) ? body : body === undefined ? [] : [body];
  const texts: string[] = [];
  const Textual = z.looseObject({ value: z.string(), purpose: z.string().optional() });
  for (const b of bodies) {
    if (typeof b === 'string') texts.push(b);
    const parsed = Textual.safeParse(b);
    if (parsed.success && parsed.data.purpose !== 'tagging') texts.push(parsed.data.value);
  }
  const text = texts.join('\n\n').trim();
  return text ? text.slice(0, 20_000) : null;
}

/** Reads an array of Annotation objects; throws W3cError naming the first thing that is wrong. */
export function fromW3c(json: string): ImportedAnnotation[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new W3cError([], 'The file is not JSON');
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && 'items' in data && Array.isArray(data.items) ? (data.items as unknown[]) : [data];
  return list.map((item, index): ImportedAnnotation => {
    if (!item || typeof item !== 'object') throw new W3cError([index], 'Not an Annotation object');
    const record = item as Record<string, unknown>;
    const selectors = selectorsOf(record.target);
    const fragment = selectors.find((s) => s.type === 'FragmentSelector' && typeof s.value === 'string' && /(^|&)page=\d+/.test(s.value));
    const page = fragment && typeof fragment.value === 'string' ? Number(/(?:^|&)page=(\d+)/.exec(fragment.value)?.[1]) : NaN;
    if (!Number.isInteger(page) || page < 1) throw new W3cError([index, 'target', 'selector'], 'No FragmentSelector with page=N (N from 1)');
    const quoteSelector = selectors.find((s) => s.type === 'TextQuoteSelector' && typeof s.exact === 'string' && s.exact.trim() !== '');
    const quote = quoteSelector
      ? {
          exact: String(quoteSelector.exact).slice(0, 10_000),
          prefix: typeof quoteSelector.prefix === 'string' ? quoteSelector.prefix.slice(-200) : '',
          suffix: typeof quoteSelector.suffix === 'string' ? quoteSelector.suffix.slice(0, 200) : '',
        }
      : null;
    const extension = Extension.safeParse(record.chamber);
    const ext = extension.success ? extension.data : {};
    const body = bodyText(record.body);
    const kind = ext.kind ?? (body && !quote ? 'note' : 'highlight');
    if (['highlight', 'underline', 'strike'].includes(kind) && !quote) throw new W3cError([index, 'target', 'selector'], 'No TextQuoteSelector');
    if (kind === 'ink' && !ext.ink?.length) throw new W3cError([index, 'chamber', 'ink'], 'Ink without strokes');
    if ((kind === 'note' || kind === 'free-text') && !ext.rects?.length && !quote) throw new W3cError([index, 'target'], 'A note needs a place: rectangles or a quote');
    const id = typeof record.id === 'string' ? /^urn:uuid:([0-9a-f-]{36})$/i.exec(record.id)?.[1]?.toLowerCase() ?? null : null;
    return {
      id,
      kind,
      colour: ext.colour ?? annotationColours[0],
      pageIndex: page - 1,
      quote,
      body,
      rects: ext.rects ?? [],
      ink: ext.ink ?? null,
    };
  });
}
