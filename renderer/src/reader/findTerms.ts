import type { SearchHit } from '../../../shared/domain/import';

/**
 * The words to mark on a page for a find: the words the index marked in its snippet (which covers
 * stemmed and accented forms the query does not spell), and the query's own words as a fallback.
 * Longest first, so "sharing" is marked whole rather than as "shar".
 */
export function termsOf(query: string, snippet: SearchHit['snippet']): string[] {
  const words = new Set<string>();
  for (const segment of snippet) if (segment.match) for (const word of segment.text.split(/\s+/)) add(words, word);
  for (const word of query.replace(/["*()]/g, ' ').split(/\s+/)) if (!/^(AND|OR|NOT|NEAR)$/.test(word)) add(words, word);
  return [...words].sort((a, b) => b.length - a.length);
}

function add(words: Set<string>, raw: string) {
  const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLocaleLowerCase('en-GB');
  if (word.length > 0) words.add(word);
}

export interface TextMatch {
  start: number;
  end: number;
}

/** Where the terms occur in `text`, case-insensitively, at the start of a word; overlaps are dropped. */
export function matchesIn(text: string, terms: readonly string[]): TextMatch[] {
  const lower = text.toLocaleLowerCase('en-GB');
  const found: TextMatch[] = [];
  for (const term of terms) {
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + term.length)) {
      const before = at === 0 ? '' : lower[at - 1] ?? '';
      if (/[\p{L}\p{N}]/u.test(before)) continue;
      const end = at + term.length;
      if (found.some((m) => at < m.end && end > m.start)) continue;
      found.push({ start: at, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
