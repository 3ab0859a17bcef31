import type { Migration } from '../migration';

/**
 * Whether an agenda item is exempt business (Schedule 12A, "Part II"). Only an agenda that says so
 * can set it (Modern.gov's restricted flag, the council endpoint's items and restricted papers); a
 * pack read from its own text leaves it 0. Kept on the item so the reader can mark the pages and a
 * device offline too long can keep a joined pack holding restricted papers closed.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'agenda_item_restricted',
  sql: `
    ALTER TABLE agenda_items ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1));
  `,
};
