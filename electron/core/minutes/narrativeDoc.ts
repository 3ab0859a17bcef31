import * as Y from 'yjs';
import type { RichText, TextRun } from '../../../shared/minutes/richText';

/**
 * A minute narrative as one Y.Text: runs are text with bold/italic attributes, every block line ends
 * in a newline whose `list` attribute says whether it is a paragraph or a list item. Two devices
 * editing different sentences of the same narrative then merge character by character.
 */
export const narrativeTextName = 'narrative';

type Attributes = { bold: true | null; italic: true | null; list: 'ordered' | 'bullet' | null };
interface Glyph {
  char: string;
  attributes: Attributes;
}

/** UTF-16 code units, as Y.Text counts positions (not code points). */
const units = (text: string): string[] => Array.from({ length: text.length }, (_, i) => text.charAt(i));

const sameAttributes = (a: Attributes, b: Attributes): boolean => a.bold === b.bold && a.italic === b.italic && a.list === b.list;

const runAttributes = (run: TextRun): Attributes => ({ bold: run.bold ? true : null, italic: run.italic ? true : null, list: null });
const lineEnd = (list: Attributes['list']): Glyph => ({ char: '\n', attributes: { bold: null, italic: null, list } });

function glyphsOf(rich: RichText): Glyph[] {
  const glyphs: Glyph[] = [];
  const pushRuns = (runs: readonly TextRun[]) => {
    for (const run of runs) for (const char of units(run.text)) glyphs.push({ char, attributes: runAttributes(run) });
  };
  for (const block of rich) {
    if (block.type === 'paragraph') {
      pushRuns(block.runs);
      glyphs.push(lineEnd(null));
    } else {
      for (const item of block.items) {
        pushRuns(item);
        glyphs.push(lineEnd(block.ordered ? 'ordered' : 'bullet'));
      }
    }
  }
  return glyphs;
}

function glyphsOfText(text: Y.Text): Glyph[] {
  const glyphs: Glyph[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string') continue;
    const a = op.attributes ?? {};
    const attributes: Attributes = {
      bold: a.bold === true ? true : null,
      italic: a.italic === true ? true : null,
      list: a.list === 'ordered' || a.list === 'bullet' ? a.list : null,
    };
    for (const char of units(op.insert)) glyphs.push({ char, attributes });
  }
  return glyphs;
}

const sameGlyph = (a: Glyph | undefined, b: Glyph | undefined): boolean => a !== undefined && b !== undefined && a.char === b.char && sameAttributes(a.attributes, b.attributes);

/** The narrative the document holds now, as the exports read it. */
export function narrativeOf(doc: Y.Doc): RichText {
  const rich: RichText = [];
  let runs: TextRun[] = [];
  const addChar = (glyph: Glyph) => {
    const last = runs[runs.length - 1];
    const bold = glyph.attributes.bold === true;
    const italic = glyph.attributes.italic === true;
    if (last && (last.bold === true) === bold && (last.italic === true) === italic) last.text += glyph.char;
    else runs.push({ text: glyph.char, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) });
  };
  for (const glyph of glyphsOfText(doc.getText(narrativeTextName))) {
    if (glyph.char !== '\n') {
      addChar(glyph);
      continue;
    }
    const list = glyph.attributes.list;
    if (list === null) rich.push({ type: 'paragraph', runs });
    else {
      const previous = rich[rich.length - 1];
      if (previous?.type === 'list' && previous.ordered === (list === 'ordered')) previous.items.push(runs);
      else rich.push({ type: 'list', ordered: list === 'ordered', items: [runs] });
    }
    runs = [];
  }
  // Text typed after the last line break (another device's edit landing at the very end).
  if (runs.length > 0) rich.push({ type: 'paragraph', runs });
  return rich;
}

/**
 * Changes the document to hold `rich`, touching only the span between what is unchanged at the
 * start and at the end, and returns that change as a Yjs update (empty when nothing changed).
 */
export function editNarrative(doc: Y.Doc, rich: RichText): Uint8Array | null {
  const text = doc.getText(narrativeTextName);
  const from = glyphsOfText(text);
  const to = glyphsOf(rich);
  let start = 0;
  while (start < from.length && start < to.length && sameGlyph(from[start], to[start])) start += 1;
  let end = 0;
  while (end < from.length - start && end < to.length - start && sameGlyph(from[from.length - 1 - end], to[to.length - 1 - end])) end += 1;
  const removed = from.length - start - end;
  const inserted = to.slice(start, to.length - end);
  if (removed === 0 && inserted.length === 0) return null;
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    if (removed > 0) text.delete(start, removed);
    let at = start;
    let i = 0;
    while (i < inserted.length) {
      const first = inserted[i] as Glyph;
      let chunk = '';
      while (i < inserted.length && sameAttributes((inserted[i] as Glyph).attributes, first.attributes)) {
        chunk += (inserted[i] as Glyph).char;
        i += 1;
      }
      // Every attribute given explicitly (null removes): Y.Text would otherwise carry the formatting
      // of the text before the insertion point into the new text.
      text.insert(at, chunk, { ...first.attributes });
      at += chunk.length;
    }
  });
  return Y.encodeStateAsUpdate(doc, before);
}

export function narrativeDoc(state: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc;
}
