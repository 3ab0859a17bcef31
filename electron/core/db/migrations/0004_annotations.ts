import type { Migration } from '../migration';

export const migration0004: Migration = {
  version: 4,
  name: 'annotations',
  sql: `
    -- Where each line of a page's text sits, so an annotation's rectangles can be rebuilt on a
    -- republished pack. lines: [[start, end, x, y, width, height], ...] with start/end offsets into
    -- pack_pages.text and the box in points from the page's top left.
    CREATE TABLE pack_page_geometry (
      pack_id    TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
      page_index INTEGER NOT NULL CHECK (page_index >= 0),
      width      REAL NOT NULL CHECK (width > 0),
      height     REAL NOT NULL CHECK (height > 0),
      lines      TEXT NOT NULL CHECK (json_valid(lines) AND json_type(lines) = 'array'),
      PRIMARY KEY (pack_id, page_index)
    ) STRICT;

    -- A member's mark on a page. Private unless shared; deleted ones are kept as tombstones so undo
    -- and sync can bring them back or pass the deletion on.
    CREATE TABLE annotations (
      id               TEXT PRIMARY KEY,
      meeting_id       TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      author_member_id TEXT NOT NULL CHECK (length(author_member_id) BETWEEN 1 AND 100),
      kind             TEXT NOT NULL CHECK (kind IN ('highlight', 'underline', 'strike', 'note', 'free-text', 'ink')),
      colour           TEXT NOT NULL CHECK (colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
      body             TEXT CHECK (body IS NULL OR length(body) <= 20000),
      shared           INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
      -- The pack version it is placed on: the newest, or the one it could not leave (needs-review).
      pack_id          TEXT NOT NULL REFERENCES packs (id),
      page_index       INTEGER NOT NULL CHECK (page_index >= 0),
      rects            TEXT NOT NULL CHECK (json_valid(rects) AND json_type(rects) = 'array'),
      ink              TEXT CHECK (ink IS NULL OR (json_valid(ink) AND json_type(ink) = 'array')),
      quote_exact      TEXT,
      quote_prefix     TEXT,
      quote_suffix     TEXT,
      text_start       INTEGER CHECK (text_start IS NULL OR text_start >= 0),
      text_end         INTEGER CHECK (text_end IS NULL OR text_end >= text_start),
      item_number      TEXT,
      status           TEXT NOT NULL DEFAULT 'anchored' CHECK (status IN ('anchored', 'needs-review')),
      anchored_by      TEXT NOT NULL DEFAULT 'created' CHECK (anchored_by IN ('created', 'exact', 'approximate', 'none')),
      version          INTEGER NOT NULL DEFAULT 0,
      created_at       TEXT NOT NULL,
      updated_at       TEXT NOT NULL,
      deleted_at       TEXT,
      -- Highlight, underline and strike are made from text: they always carry their quote.
      CHECK (kind NOT IN ('highlight', 'underline', 'strike') OR quote_exact IS NOT NULL),
      CHECK (kind <> 'ink' OR ink IS NOT NULL)
    ) STRICT;
    CREATE INDEX annotations_by_meeting ON annotations (meeting_id, author_member_id);
    CREATE INDEX annotations_by_pack ON annotations (pack_id, page_index);

    -- A member's draft questions per agenda item, in their order; asked and answered in the meeting.
    CREATE TABLE questions (
      id               TEXT PRIMARY KEY,
      meeting_id       TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      author_member_id TEXT NOT NULL CHECK (length(author_member_id) BETWEEN 1 AND 100),
      item_number      TEXT NOT NULL CHECK (length(item_number) BETWEEN 1 AND 50),
      position         INTEGER NOT NULL CHECK (position >= 0),
      text             TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
      annotation_id    TEXT REFERENCES annotations (id) ON DELETE SET NULL,
      asked_at         TEXT,
      answer           TEXT CHECK (answer IS NULL OR length(answer) <= 20000),
      version          INTEGER NOT NULL DEFAULT 0,
      created_at       TEXT NOT NULL,
      updated_at       TEXT NOT NULL,
      deleted_at       TEXT
    ) STRICT;
    CREATE INDEX questions_by_item ON questions (meeting_id, author_member_id, item_number, position);
  `,
};
