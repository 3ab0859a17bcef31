import type { Migration } from '../migration';

/**
 * Each item's narrative also as a Yjs document state, so the chair and the clerk can edit the same
 * minutes on different devices and sync merges their edits. The JSON column stays the narrative
 * every export reads; the state is how it travels. Null until the narrative is next saved.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'minute_narrative_state',
  sql: `
    ALTER TABLE minute_narratives ADD COLUMN yjs_state BLOB;
  `,
};
