/**
 * Turns the extracted seed texts into typesettable blocks.
 *
 * The seeds are text pulled out of real council PDFs: a little Markdown, left-over HTML tags and
 * entities (sometimes double-encoded), tab-separated table rows, OCR noise in scripts the PDF
 * standard fonts cannot show, and runs of blank lines where the source had a page break.
 */

export type FontName = 'Helvetica' | 'Helvetica-Bold';

export interface Run {
  text: string;
  bold: boolean;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; runs: Run[]; number?: string; align?: 'left' | 'centre' }
  | { kind: 'bullet'; level: 1 | 2; runs: Run[] }
  | { kind: 'table'; rows: string[][]; header: boolean; size?: number }
  | { kind: 'blankPage' }
  | { kind: 'pageBreak' }
  | { kind: 'space'; height: number };

export const BLANK_PAGE_TEXT = 'This page is intentionally left blank';

/**
 * Code points outside Latin-1 that the WinAnsi encoding of the 14 standard PDF fonts still has.
 * pdfkit maps these itself; anything else would be written as a two-byte code the font cannot show.
 */
const WIN_ANSI_EXTRAS = new Set<number>([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014,
  0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039,
  0x203a, 0x20ac, 0x2122,
]);

/**
 * Look-alikes seen in the seeds: OCR read "TBC" as Cyrillic "ТВС", and tick-mark bullets have no
 * WinAnsi glyph. Mapping them keeps the words readable instead of silently losing letters.
 */
const LOOK_ALIKES: Record<string, string> = {
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', К: 'K', М: 'M', О: 'O', Р: 'P', Т: 'T', Х: 'X',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x',
  Λ: 'A', '✓': '', '✔': '', '−': '-', '‐': '-', '‑': '-', '\u00ad': '',
  '\u00a0': ' ', '\u2002': ' ', '\u2003': ' ', '\u2009': ' ', '\u200b': '', ﬁ: 'fi', ﬂ: 'fl',
};

function isWinAnsi(codePoint: number): boolean {
  return (
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    WIN_ANSI_EXTRAS.has(codePoint)
  );
}

/** Reduces text to what Helvetica's WinAnsi encoding can carry, so pdfjs extracts what we meant. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const mapped = LOOK_ALIKES[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\t' || ch === '\n' || isWinAnsi(cp)) {
      out += ch;
      continue;
    }
    // Accented letters outside Latin-1 (Welsh ŵ/ŷ, OCR's Ő) keep their base letter.
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (base.length > 0 && [...base].every((c) => isWinAnsi(c.codePointAt(0) ?? 0))) out += base;
  }
  return out;
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', pound: '£', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', hellip: '…', bull: '•',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Removes HTML and Markdown decoration, keeping bold as `**` markers for {@link toRuns}. Tags and
 * entities are peeled repeatedly because the seeds hold double-encoded fragments such as
 * `<sup>&</sup>lt;sup>1</sup>`, which only becomes a tag after the first decode.
 */
export function stripMarkup(text: string): string {
  let current = text.replace(/<(https?:\/\/[^>\s]+)>/g, '$1');
  for (let pass = 0; pass < 4; pass += 1) {
    const next = decodeEntities(
      current
        .replace(/<b>(\s*\S[\s\S]*?)<\/b>/gi, '**$1**')
        .replace(/<\/?[a-z][^>]*>/gi, ''),
    );
    if (next === current) break;
    current = next;
  }
  return current
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(^|[^*])\*([^*\s][^*]*?)\*(?!\*)/g, '$1$2');
}

/** Cleans one line of seed text for print: markup stripped, WinAnsi only, single spaces. */
export function cleanText(text: string): string {
  return toWinAnsi(stripMarkup(text)).replace(/[ \t]+/g, ' ').trim();
}

/** Splits `**bold**` markers into runs; the markers themselves never reach the page. */
export function toRuns(text: string): Run[] {
  const runs: Run[] = [];
  const parts = cleanText(text).split('**');
  parts.forEach((part, index) => {
    if (part.length === 0) return;
    const bold = index % 2 === 1;
    const last = runs[runs.length - 1];
    if (last && last.bold === bold) last.text += part;
    else runs.push({ text: part, bold });
  });
  return runs.length > 0 ? runs : [{ text: '', bold: false }];
}

export function plainText(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join('').replace(/\s+/g, ' ').trim();
}

function cleanCell(cell: string): string {
  const cleaned = cleanText(cell).replace(/\*\*/g, '');
  // OCR turns margin furniture into cells of lone punctuation; an empty cell reads better.
  return /^[\s,.;:/\\\-_|•]*$/.test(cleaned) ? '' : cleaned;
}

export type HeadingStyle =
  /** `#` marks headings (the 2022 pack). */
  | 'markdown'
  /** Short stand-alone lines without a full stop are headings (the 2019 report). */
  | 'plain'
  /** The first line after each page break is the slide title (the LGA slide pack). */
  | 'firstLine';

export interface ParseOptions {
  headingStyle: HeadingStyle;
  /** Heading level used for inferred headings. */
  plainHeadingLevel?: 1 | 2 | 3 | 4;
}

function looksLikePlainHeading(line: string): boolean {
  const text = cleanText(line).replace(/\*\*/g, '');
  // Running headings such as "… PANEL 5 NOVEMBER 2019" are all capitals and may carry a date.
  if (text.length <= 120 && /[A-Z]{4}/.test(text) && text === text.toUpperCase()) return true;
  return (
    text.length > 0 &&
    text.length <= 90 &&
    !/[.:;,]$/.test(text) &&
    !/[0-9@]|https?:|www\./.test(text) &&
    /^[A-Z]/.test(text)
  );
}

/**
 * Extraction turns every printed line of a two-column table (glossary, register, Q&A) into its own
 * row; a row whose first cell is empty is the previous entry running on, so it is joined back.
 * Wider tables are left alone because there an empty first cell is usually meaningful.
 */
function mergeContinuationRows(rows: string[][]): string[][] {
  const width = Math.max(...rows.map((r) => r.length));
  if (width !== 2) return rows;
  const merged: string[][] = [];
  for (const row of rows) {
    const previous = merged[merged.length - 1];
    if (previous && merged.length > 1 && (row[0] ?? '') === '' && (row[1] ?? '') !== '') {
      previous[1] = `${previous[1] ?? ''} ${row[1] ?? ''}`.trim();
    } else {
      merged.push([...row]);
    }
  }
  return merged;
}

// A hyphen followed by a tab is a table cell holding "-", not a bullet; "•" may be followed by either.
const BULLET = /^(\s*)(?:- +|[•·][ \t]+|<ul>\s*<li>\s*)/;

/**
 * Parses one seed fragment into blocks. Three or more blank lines were a page break in the source
 * document and become a `pageBreak`, as does a level-1 heading (a slide title).
 */
export function parseSeed(text: string, options: ParseOptions): Block[] {
  const blocks: Block[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let blankRun = 0;
  let atPageStart = true;
  let table: string[][] | null = null;

  const flushTable = (): void => {
    // A lone row is a stray line of tab-separated text, not a table with a header.
    if (table && table.length > 0) blocks.push({ kind: 'table', rows: mergeContinuationRows(table), header: table.length > 1 });
    table = null;
  };
  const pushBreak = (): void => {
    flushTable();
    const last = blocks[blocks.length - 1];
    if (last && last.kind !== 'pageBreak' && last.kind !== 'blankPage') blocks.push({ kind: 'pageBreak' });
    atPageStart = true;
  };

  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') {
      blankRun += 1;
      if (blankRun === 3) pushBreak();
      continue;
    }
    const afterBlank = blankRun > 0;
    blankRun = 0;

    const heading = /^(#{1,4})\s+(.*)$/.exec(raw);
    if (heading && options.headingStyle === 'markdown') {
      const level = Math.min(4, (heading[1] ?? '#').length) as 1 | 2 | 3 | 4;
      if (level === 1 && !atPageStart) pushBreak();
      flushTable();
      blocks.push({ kind: 'heading', level, text: cleanText(heading[2] ?? '').replace(/\*\*/g, '') });
      atPageStart = false;
      continue;
    }

    const bullet = BULLET.exec(raw);
    if (bullet && cleanText(raw.slice(bullet[0].length)).length > 0) {
      flushTable();
      const indent = (bullet[1] ?? '').length;
      const body = raw.slice(bullet[0].length).replace(/\t+/g, ' ');
      blocks.push({ kind: 'bullet', level: indent > 0 ? 2 : 1, runs: toRuns(body) });
      atPageStart = false;
      continue;
    }

    if (raw.includes('\t')) {
      const cells = raw.split('\t').map(cleanCell);
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      if (cells.length === 0 || /^[-_\s]*$/.test(cells.join(''))) continue;
      // Blank lines between tab rows are extraction noise, so only a text line ends a table.
      table ??= [];
      table.push(cells);
      atPageStart = false;
      continue;
    }
    flushTable();

    const cleaned = cleanText(raw);
    if (cleaned.length === 0) continue;
    if (cleaned === BLANK_PAGE_TEXT) {
      blocks.push({ kind: 'blankPage' });
      atPageStart = true;
      continue;
    }

    const previous = blocks[blocks.length - 1];
    if (!afterBlank && /^\s/.test(raw) && previous && (previous.kind === 'paragraph' || previous.kind === 'bullet')) {
      // Indented lines without a marker continue the previous paragraph or bullet.
      previous.runs.push({ text: ' ', bold: false }, ...toRuns(raw));
      continue;
    }

    const isHeading =
      (options.headingStyle === 'firstLine' && atPageStart) ||
      (options.headingStyle === 'plain' && afterBlank && looksLikePlainHeading(raw) &&
        (lines[i + 1] ?? '').trim() === '');
    if (isHeading) {
      blocks.push({ kind: 'heading', level: options.plainHeadingLevel ?? 3, text: cleaned.replace(/\*\*/g, '') });
      atPageStart = false;
      continue;
    }

    const numbered = /^(\d{1,2})\.\s+(.*)$/.exec(raw.trim());
    if (numbered) {
      blocks.push({ kind: 'paragraph', number: `${numbered[1] ?? ''}.`, runs: toRuns(numbered[2] ?? '') });
    } else {
      blocks.push({ kind: 'paragraph', runs: toRuns(raw) });
    }
    atPageStart = false;
  }
  flushTable();
  while (blocks.length > 0 && blocks[blocks.length - 1]?.kind === 'pageBreak') blocks.pop();
  return blocks;
}

/** Returns the lines of `text` from the first line starting with `start` up to (not including) `end`. */
export function sliceLines(text: string, start: string, end: string | null, occurrence = 1): string {
  const lines = text.split('\n');
  let seen = 0;
  const from = lines.findIndex((l) => l.startsWith(start) && (seen += 1) === occurrence);
  if (from < 0) throw new Error(`seed marker not found: ${start}`);
  const to = end === null ? lines.length : lines.findIndex((l, i) => i > from && l.startsWith(end));
  if (to < 0) throw new Error(`seed marker not found: ${end ?? ''}`);
  return lines.slice(from, to).join('\n');
}

/** Drops the lines from the first starting with `start` up to (not including) the next starting with `end`. */
export function omitLines(text: string, start: string, end: string): string {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.startsWith(start));
  const to = lines.findIndex((l, i) => i > from && l.startsWith(end));
  if (from < 0 || to < 0) throw new Error(`seed markers not found: ${start} / ${end}`);
  return [...lines.slice(0, from), ...lines.slice(to)].join('\n');
}
