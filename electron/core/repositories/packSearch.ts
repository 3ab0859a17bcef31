import type Database from 'better-sqlite3';
import type { SearchHit } from '../../../shared/domain/import';
import type { Db } from '../db/database';
import { restrictedPageSql } from '../security/restrictedGate';

/**
 * How many matching pages, newest first, are ranked for one query. bm25 has no early exit: ranked
 * over every page a common word is on (most of 30,000) it costs hundreds of milliseconds, which an
 * answer-as-you-type search cannot spend. A rare word has fewer matches than this and is ranked
 * over all of them; a common one is ranked among the newest pages that hold it, which are the ones
 * a member is most likely to be after.
 */
export const RANKED_CANDIDATES = 1000;

/** Prefix lengths the index holds (migration 0023); longer prefixes are expanded into terms. */
const INDEXED_PREFIX_MAX = 4;
/** A longer prefix with more terms than this is left to FTS5 to merge. */
const EXPANDED_TERMS_MAX = 32;

export interface SearchOptions {
  limit: number;
  offset?: number;
  /** Leave out pages of restricted text (the offline expiry closed them). */
  withoutRestricted?: boolean;
  /** Only this pack's pages (Find in pack): its candidates are its own, however old it is. */
  packId?: string | null;
}

interface SearchParams {
  match: string;
  rankMatch: string;
  limit: number;
  offset: number;
  candidates: number;
  packId: string | null;
}
interface SearchRow {
  pack_id: string;
  page_index: number;
  printed_page: number | null;
  snippet: string;
  meeting_id: string;
  title: string;
  date: string;
  version: number;
}

interface ParsedQuery {
  /** Quoted phrases and whole words, each one FTS5 phrase, all of which must match. */
  exact: string[][];
  /** The word still being typed: matched as a prefix. */
  prefix: string | null;
}

/**
 * What a person types, as FTS5 phrases: "quoted text" stays a phrase, every word must match, and
 * the last word, unless there is a quoted phrase, matches as a prefix while typing. A one-letter
 * last word is matched whole: as a prefix it would match nearly every page and say nothing.
 */
function parseQuery(input: string): ParsedQuery | null {
  const phrase = /"([^"]*)"/g;
  const exact: string[][] = [];
  const phrases = [...input.matchAll(phrase)].map((m) => m[1] ?? '');
  for (const p of phrases) {
    const words = p.match(/[\p{L}\p{N}]+/gu);
    if (words) exact.push(words);
  }
  const rest = input.replace(phrase, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];
  const last = phrases.length === 0 ? rest.at(-1) : undefined;
  const prefix = last !== undefined && [...last].length > 1 ? last : null;
  for (const word of prefix === null ? rest : rest.slice(0, -1)) exact.push([word]);
  return exact.length > 0 || prefix !== null ? { exact, prefix } : null;
}

// Words are quoted, so FTS syntax in the query can neither break nor widen it.
const quoted = (words: readonly string[]) => `"${words.join(' ')}"`;

/** The safe FTS5 expression for what a person types, with the last word as an FTS5 prefix. */
export function toFtsQuery(input: string): string | null {
  const parsed = parseQuery(input);
  if (!parsed) return null;
  return [...parsed.exact.map(quoted), ...(parsed.prefix === null ? [] : [`${quoted([parsed.prefix])}*`])].join(' AND ');
}

/** The index folds case and diacritics (unicode61 remove_diacritics 2); so must a vocabulary lookup. */
const folded = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Full-text search over the current version of every pack, for the Search page and Find in pack. */
export class PackSearch {
  private readonly statements = new Map<boolean, Database.Statement<[SearchParams], SearchRow>>();
  private itemAt: Database.Statement<[string, number, number], { number: string; title: string }> | undefined;
  private vocabulary: Database.Statement<[string, string, number], { term: string }> | undefined;

  constructor(private readonly db: Db) {}

  search(query: string, { limit, offset = 0, withoutRestricted = false, packId = null }: SearchOptions): SearchHit[] {
    const parsed = parseQuery(query);
    if (!parsed) return [];
    const prefix = parsed.prefix === null ? [] : [this.prefixPart(parsed.prefix)];
    const match = [...parsed.exact.map(quoted), ...prefix].join(' AND ');
    // bm25 first counts, over the whole index, the pages each of its phrases is on: for a phrase
    // of common words ("the council") that means matching positions on most of the corpus. Ranked
    // by its words instead, the count is a plain doclist walk; the phrase still decides which
    // pages are candidates.
    const rankMatch = [...parsed.exact.flat().map((word) => quoted([word])), ...prefix].join(' AND ');
    const rows = this.statement(withoutRestricted).all({ match, rankMatch, limit, offset, candidates: RANKED_CANDIDATES, packId });
    const itemAt = (this.itemAt ??= this.db.prepare<[string, number, number], { number: string; title: string }>(
      'SELECT number, title FROM agenda_items WHERE pack_id = ? AND pdf_from <= ? AND pdf_to >= ? ORDER BY position LIMIT 1',
    ));
    return rows.map((r) => {
      const page = r.page_index + 1;
      const item = itemAt.get(r.pack_id, page, page);
      return {
        meetingId: r.meeting_id,
        meetingTitle: r.title,
        meetingDate: r.date,
        packId: r.pack_id,
        version: r.version,
        page,
        printedPage: r.printed_page,
        itemNumber: item?.number ?? null,
        itemTitle: item?.title ?? null,
        snippet: segments(r.snippet),
      };
    });
  }

  /** Prepared once per connection: parsing this query costs as much as a rare word's answer. */
  private statement(withoutRestricted: boolean): Database.Statement<[SearchParams], SearchRow> {
    const cached = this.statements.get(withoutRestricted);
    if (cached) return cached;
    const statement = this.db.prepare<[SearchParams], SearchRow>(
        // Three steps, each bounded: the newest matching pages of current versions that the gate
        // lets through (FTS5 walks its doclist backwards and stops, no ranking yet), bm25 over
        // those alone, and snippets for the page of hits asked for, each found by rowid.
        `WITH current_packs AS (
           SELECT id FROM packs p WHERE version = (SELECT max(version) FROM packs WHERE meeting_id = p.meeting_id)
         ),
         candidates AS MATERIALIZED (
           SELECT pack_pages_fts.rowid AS id
           FROM pack_pages_fts
           -- The covering index (migration 0023): SQLite would read each page's whole row by rowid.
           -- The + on pack_id keeps it from probing that index once per current pack per candidate.
           JOIN pack_pages pp INDEXED BY pack_pages_place ON pp.id = pack_pages_fts.rowid
           WHERE pack_pages_fts MATCH @match AND +pp.pack_id IN current_packs AND (@packId IS NULL OR +pp.pack_id = @packId)${withoutRestricted ? ` AND NOT ${restrictedPageSql('pp')}` : ''}
           ORDER BY pack_pages_fts.rowid DESC
           LIMIT @candidates
         ),
         ranked AS (
           SELECT pack_pages_fts.rowid AS id, bm25(pack_pages_fts) AS score
           FROM pack_pages_fts
           WHERE pack_pages_fts MATCH @rankMatch
             AND pack_pages_fts.rowid BETWEEN (SELECT min(id) FROM candidates) AND (SELECT max(id) FROM candidates)
             -- The unary + keeps FTS5 from seeking each candidate afresh: one walk of the range.
             AND +pack_pages_fts.rowid IN (SELECT id FROM candidates)
           ORDER BY score, id DESC
           LIMIT @limit OFFSET @offset
         )
         SELECT pp.pack_id, pp.page_index, pp.printed_page,
                snippet(pack_pages_fts, 0, char(1), char(2), '…', 16) AS snippet,
                m.id AS meeting_id, m.title, m.date, p.version
         FROM ranked r
         -- CROSS JOIN keeps this order: left to choose, SQLite scans every match and joins r to it.
         CROSS JOIN pack_pages_fts ON pack_pages_fts.rowid = r.id
         JOIN pack_pages pp ON pp.id = r.id
         JOIN packs p ON p.id = pp.pack_id
         JOIN meetings m ON m.id = p.meeting_id
         WHERE pack_pages_fts MATCH @match
         ORDER BY r.score, r.id DESC`,
    );
    this.statements.set(withoutRestricted, statement);
    return statement;
  }

  /**
   * A prefix longer than the indexed ones becomes the exact terms that start with it ("council" →
   * council OR councils OR councillor …): FTS5 would otherwise merge those terms' doclists in full
   * for every cursor a query opens, where exact terms are read lazily, only as far as needed.
   */
  private prefixPart(prefix: string): string {
    const asPrefix = `${quoted([prefix])}*`;
    const from = folded(prefix);
    const chars = [...from];
    if (chars.length <= INDEXED_PREFIX_MAX) return asPrefix;
    const lastChar = chars.at(-1) ?? '';
    const to = chars.slice(0, -1).join('') + String.fromCodePoint((lastChar.codePointAt(0) ?? 0) + 1);
    this.vocabulary ??= this.db.prepare<[string, string, number], { term: string }>('SELECT term FROM pack_pages_vocab WHERE term >= ? AND term < ? LIMIT ?');
    const terms = this.vocabulary
      .all(from, to, EXPANDED_TERMS_MAX + 1)
      .map((r) => r.term);
    if (terms.length === 0 || terms.length > EXPANDED_TERMS_MAX) return asPrefix;
    return `(${terms.map((t) => quoted([t])).join(' OR ')})`;
  }
}

function segments(snippet: string): SearchHit['snippet'] {
  const out: SearchHit['snippet'] = [];
  // char(1)/char(2) are the match markers we asked snippet() for; they cannot occur in page text.
  // eslint-disable-next-line no-control-regex
  for (const [i, part] of snippet.split(/\u0001|\u0002/).entries()) {
    if (part) out.push({ text: part.replace(/\s+/g, ' '), match: i % 2 === 1 });
  }
  return out;
}
