/**
 * The printed page number of each PDF page, from its footer or header in any corner: "Page N",
 * "Tudalen N", "Page N of M", "N of M", "- N -" and a bare "N". A bare number only counts where
 * another page's number agrees with it (the same distance from its PDF page), so a table cell or a
 * year at the foot of a page is not taken for one.
 */
import type { Line } from './lines';
import type { PackText } from './packText';

type Style = 'labelled' | 'bare';

interface Candidate {
  value: number;
  style: Style;
}

const LABELLED_RE = /^(?:page|tudalen)\s+(\d{1,6})(?:\s+(?:of|o)\s+\d{1,6})?$/i;
const OF_RE = /^(\d{1,6})\s+(?:of|o)\s+\d{1,6}$/i;
const DASHED_RE = /^[-–—]\s*(\d{1,6})\s*[-–—]$/;
const BARE_RE = /^(\d{1,5})$/;

/** "Page N" as the reader has always taken it: the whole line, on the page's edge lines. */
const PAGE_LINE_RE = /^(?:page|tudalen)\s+(\d{1,6})$/i;

function readFooterText(text: string): Candidate | null {
  const labelled = LABELLED_RE.exec(text) ?? OF_RE.exec(text) ?? DASHED_RE.exec(text);
  if (labelled) return { value: Number(labelled[1]), style: 'labelled' };
  const bare = BARE_RE.exec(text);
  return bare ? { value: Number(bare[1]), style: 'bare' } : null;
}

/** The line's whole text, then its outermost cells (a number in a corner shares its line with other furniture). */
function readFooterLine(line: Line): Candidate | null {
  const whole = readFooterText(line.text);
  if (whole) return whole;
  if (line.cells.length < 2) return null;
  for (const cell of [line.cells[line.cells.length - 1] ?? '', line.cells[0] ?? '']) {
    const found = readFooterText(cell);
    if (found) return found;
  }
  return null;
}

/** Only the page's margins hold furniture: the bottom eighth and the top twelfth, where the page size is known. */
function inMargin(line: Line, pageHeight: number | undefined, edge: 'top' | 'bottom'): boolean {
  if (pageHeight === undefined || line.y === undefined) return true;
  return edge === 'bottom' ? line.y >= pageHeight * 0.875 : line.y + (line.height ?? 0) <= pageHeight * 0.085;
}

function candidate(text: PackText, p: number): Candidate | null {
  const tail = text.tail(p, 3).reverse();
  const head = text.head(p, 2);
  // "Page N" on any edge line wins, as it always has.
  for (const line of [...tail, ...head]) {
    const m = PAGE_LINE_RE.exec(line.text);
    if (m && Number(m[1]) > 0) return { value: Number(m[1]), style: 'labelled' };
  }
  const height = text.height(p);
  const edges: Array<[Line, 'top' | 'bottom']> = [...tail.map((l): [Line, 'bottom'] => [l, 'bottom']), ...head.map((l): [Line, 'top'] => [l, 'top'])];
  for (const [index, [line, edge]] of edges.entries()) {
    // Without geometry only the very last and first lines can be furniture.
    const outermost = index === 0 || index === tail.length;
    if (height === undefined || line.y === undefined ? !outermost : !inMargin(line, height, edge)) continue;
    const found = readFooterLine(line);
    if (found && found.value > 0) return found;
  }
  return null;
}

/** The printed number per PDF page (null where none is printed). */
export function printedPageNumbers(text: PackText): Array<number | null> {
  const found: Array<Candidate | null> = [];
  for (let p = 0; p < text.count; p += 1) found.push(candidate(text, p));
  // A page's offset is its printed number less its PDF index; a bare number needs a page that agrees.
  const offsets = new Map<number, number>();
  found.forEach((c, p) => {
    if (c) offsets.set(c.value - p, (offsets.get(c.value - p) ?? 0) + 1);
  });
  return found.map((c, p) => {
    if (!c) return null;
    if (c.style === 'bare' && (offsets.get(c.value - p) ?? 0) < 2) return null;
    return c.value;
  });
}

/** Text that is page furniture rather than content: footers, "Agenda Item N" stamps, blank-page notices. */
const STAMP_RE = /^(?:agenda item|eitem agenda|item)\s+(\d{1,3}[a-z]?)$/i;
const BLANK_PAGE_RE = /^(this page (is|has been) (intentionally )?left blank|mae['’]r dudalen hon wedi['’]i gadael yn wag( yn fwriadol)?)\.?$/i;
export const DIGITS_ONLY_RE = /^[\d\s.\-–]*$/;

export function isNoise(line: Line): boolean {
  return (
    PAGE_LINE_RE.test(line.text) ||
    LABELLED_RE.test(line.text) ||
    OF_RE.test(line.text) ||
    STAMP_RE.test(line.text) ||
    BLANK_PAGE_RE.test(line.text) ||
    DIGITS_ONLY_RE.test(line.text) ||
    /^public document pack$/i.test(line.text)
  );
}

/** "Agenda Item N" stamped at the top of the first page of each item's papers. */
export function agendaItemStamps(text: PackText): Array<string | null> {
  const stamps: Array<string | null> = [];
  for (let p = 0; p < text.count; p += 1) {
    let found: string | null = null;
    for (const line of text.head(p, 3)) {
      const m = STAMP_RE.exec(line.text);
      if (m) {
        found = (m[1] ?? '').toLowerCase();
        break;
      }
    }
    stamps.push(found);
  }
  return stamps;
}
