import type { Migration } from '../migration';

/**
 * The bytes of a pack download received so far, so a download cut off by closing the laptop resumes
 * from where it stopped after a restart (a 50 MB pack on chamber Wi-Fi). In the database rather than
 * loose files: the database is encrypted at rest and a part commits with its progress.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'download_parts',
  sql: `
    CREATE TABLE sync_download_parts (
      document_id TEXT NOT NULL REFERENCES sync_documents (document_id) ON DELETE CASCADE,
      byte_offset INTEGER NOT NULL CHECK (byte_offset >= 0),
      bytes       BLOB NOT NULL CHECK (length(bytes) > 0),
      PRIMARY KEY (document_id, byte_offset)
    ) STRICT;
  `,
};
