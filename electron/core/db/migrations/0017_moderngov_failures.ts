import type { Migration } from '../migration';

/**
 * A Modern.gov refresh degrades instead of failing: a meeting whose GetMeeting failed keeps its
 * reason (shown on its page until a later refresh reads it), and a document that failed is asked
 * for again only after a backoff that grows with each failure in a row, so one broken paper does
 * not cost a download attempt on every refresh.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'moderngov_failures',
  sql: `
    ALTER TABLE moderngov_meetings ADD COLUMN fetch_error TEXT;
    ALTER TABLE moderngov_meetings ADD COLUMN fetch_error_message TEXT;
    ALTER TABLE moderngov_meetings ADD COLUMN fetch_error_at TEXT;
    ALTER TABLE moderngov_documents ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0);
    ALTER TABLE moderngov_documents ADD COLUMN retry_after TEXT;
  `,
};
