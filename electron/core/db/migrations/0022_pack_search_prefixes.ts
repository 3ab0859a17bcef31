import type { Migration } from '../migration';

/**
 * Search as the member types sends every last word as a prefix. Without prefix indexes FTS5
 * answers a short prefix ("co") by merging the doclists of every term that starts with it, each
 * time a cursor opens: 80 ms over 30,000 pages. Indexing 2-, 3- and 4-letter prefixes makes those
 * a single doclist read; longer prefixes have few terms, which the repository expands through the
 * vocabulary table into exact terms. FTS5 cannot add prefix indexes to an existing table, so the
 * index is made again with the same tokenizer and external content and rebuilt from pack_pages:
 * the 0002 triggers name the table, not its options, so they keep it in step as before.
 * pack_pages_place lets search learn a candidate page's pack from a small index.
 */
export const migration0022: Migration = {
  version: 22,
  name: 'pack_search_prefixes',
  sql: `
    DROP TABLE pack_pages_fts;
    CREATE VIRTUAL TABLE pack_pages_fts USING fts5 (
      text,
      content = 'pack_pages',
      content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3 4'
    );
    INSERT INTO pack_pages_fts (pack_pages_fts) VALUES ('rebuild');
    -- The index's own terms, for expanding a typed prefix into the words that start with it.
    CREATE VIRTUAL TABLE pack_pages_vocab USING fts5vocab (pack_pages_fts, 'row');
    -- Where each indexed page is, without reading its text: search checks a thousand candidate
    -- pages' packs per query, and each pack_pages row fills most of a database page.
    CREATE INDEX pack_pages_place ON pack_pages (id, pack_id, page_index);
  `,
};
