/**
 * Agenda item numbers as printed: "5", "5.", "5a", "5(a)", "5(i)", "5(ii)", "5.1", "Item 5", and
 * minute-style numbers that carry on across meetings ("51."). Each gets a key that orders
 * 5 < 5a < 5(ii) < 5.1 < 6, so a row is only a new item when its number comes after the last.
 */
import type { Line } from './lines';

const NUMBER = String.raw`(?:item\s+)?(\d{1,3})(?:\(([ivx]{2,4}|i)\)|([a-z])|\(([a-z])\)|\.(\d{1,2}))?([.)]?)`;
export const ITEM_NUMBER_RE = new RegExp(String.raw`^${NUMBER}$`, 'i');
const ITEM_LEAD_RE = new RegExp(String.raw`^${NUMBER}\s+(\S.*)$`, 'i');
/** A bullet opening an entry the agenda does not number ("• Further reports"). */
const BULLET_RE = /^[•●▪◦·]\s*(\S.*)?$/u;

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10 };

function romanValue(text: string): number {
  let total = 0;
  for (let i = 0; i < text.length; i += 1) {
    const value = ROMAN[text[i] ?? ''] ?? 0;
    const next = ROMAN[text[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

export interface ItemNumber {
  number: string;
  key: number;
  /** Printed as "51." and beyond the usual run of an agenda: a minute number. */
  dotted: boolean;
}

/** The printed number without "Item" and a trailing "." or ")", and its ordering key. */
export function itemNumber(m: RegExpExecArray): ItemNumber {
  const [, digits = '0', roman, letter, bracketed, sub, trailing] = m;
  const n = Number(digits);
  const dotted = trailing === '.';
  if (roman !== undefined) {
    const r = roman.toLowerCase();
    return { number: `${n}(${r})`, key: n * 100 + romanValue(r), dotted };
  }
  const l = (letter ?? bracketed)?.toLowerCase();
  const number = l ? (bracketed ? `${n}(${l})` : `${n}${l}`) : sub !== undefined ? `${n}.${Number(sub)}` : String(n);
  const key = n * 100 + (l ? l.charCodeAt(0) - 96 : sub !== undefined ? Number(sub) : 0);
  return { number, key, dotted };
}

export function readItemNumber(text: string): ItemNumber | null {
  const m = ITEM_NUMBER_RE.exec(text);
  return m ? itemNumber(m) : null;
}

export interface RowStart {
  number: string;
  key: number;
  /** The row's cells after the number. */
  rest: string[];
  /** No printed number: a bulleted entry. */
  unnumbered?: boolean;
}

/**
 * Where a new agenda row starts. `strict` once a row has been read: then a number must follow the
 * last and stay within ten of it; before that, a number without table cells must look like an
 * agenda's ("1" to "20"), or a minute number printed "51.".
 */
export function rowStart(line: Line, lastKey: number, strict: boolean): RowStart | null {
  const first = line.cells[0] ?? '';
  const m = ITEM_NUMBER_RE.exec(first);
  if (m && line.cells.length >= 2 && /\p{L}/u.test(line.cells[1] ?? '')) {
    const { number, key } = itemNumber(m);
    return key > lastKey ? { number, key, rest: line.cells.slice(1) } : null;
  }
  // Without cells, "5 Budget Scrutiny" counts only as the next number in sequence.
  const lead = ITEM_LEAD_RE.exec(line.cells.length === 1 ? line.text : first);
  const subject = lead?.[7] ?? '';
  if (!lead || !/^[\p{Lu}(‘'"“]/u.test(subject)) return null;
  const { number, key, dotted } = itemNumber(lead);
  const n = Math.floor(key / 100);
  const lastN = Math.floor(lastKey / 100);
  if (key <= lastKey || (strict && n > lastN + 10) || (!strict && n > 20 && !dotted)) return null;
  return { number, key, rest: [subject, ...line.cells.slice(1)] };
}

/** A bulleted entry in the agenda, once the table has started: it has no number of its own. */
export function bulletStart(line: Line): string[] | null {
  const first = line.cells[0] ?? '';
  const m = BULLET_RE.exec(first);
  if (!m) return null;
  const rest = m[1] !== undefined ? [m[1], ...line.cells.slice(1)] : line.cells.slice(1);
  return rest.length > 0 && /^\p{Lu}/u.test(rest[0] ?? '') ? rest : null;
}
