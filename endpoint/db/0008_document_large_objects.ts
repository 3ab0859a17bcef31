import type { PgMigration } from './migrations';

/**
 * Documents move out of `bytea` into large objects (endpoint/documents/largeObjects.ts), which
 * PostgreSQL reads and writes by offset: a download or an upload then streams in chunks instead of
 * passing through the endpoint whole. `documents` keeps what is stored (hash, size, type) for any
 * store; `document_large_objects` is this store's own map from hash to object.
 *
 * Existing content is copied into objects by this statement, inside the migration's transaction:
 * a failure leaves every document where it was. The column is emptied before it is dropped, so
 * vacuum can reclaim its TOAST pages (a dropped column's data otherwise stays until a rewrite).
 *
 * Documents are never deleted by the endpoint (a published paper is the council's record), but
 * should one be, by hand or by a future retention rule, its object goes with its row: the cascade
 * from `documents` and the trigger unlink it, so no object outlives what points at it.
 */
export const documentLargeObjects: PgMigration = {
  version: 8,
  name: 'documents as large objects',
  sql: `
    CREATE TABLE document_large_objects (
      sha256 text PRIMARY KEY REFERENCES documents (sha256) ON DELETE CASCADE,
      oid    oid NOT NULL UNIQUE
    );

    -- Objects being written by an upload not yet finished; what a crash leaves here is swept.
    CREATE TABLE document_uploads (
      oid        oid PRIMARY KEY,
      started_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE FUNCTION unlink_document_large_object() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM lo_unlink(OLD.oid);
      RETURN OLD;
    END
    $$;
    CREATE TRIGGER document_large_object_unlinked AFTER DELETE ON document_large_objects
      FOR EACH ROW EXECUTE FUNCTION unlink_document_large_object();

    INSERT INTO document_large_objects (sha256, oid) SELECT sha256, lo_from_bytea(0, content) FROM documents;
    ALTER TABLE documents ALTER COLUMN content DROP NOT NULL;
    UPDATE documents SET content = NULL;
    ALTER TABLE documents DROP COLUMN content;
  `,
};
