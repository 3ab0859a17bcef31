import { describe, expect, it } from 'vitest';
import { migratedTo } from '../../testing/harness';
import { migrate } from '../migrator';
import { migrations } from './index';

describe('migration 0017 Modern.gov failures', () => {
  it('starts existing documents with no failures and refuses a negative count', () => {
    const db = migratedTo(16);
    const now = '2026-01-01T00:00:00Z';
    db.prepare("INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES ('m', 'T', 'C', '2026-02-01', '10:00', 'V', ?, ?)").run(now, now);
    db.prepare("INSERT INTO moderngov_sites (id, base_url, created_at) VALUES ('s', 'https://x.example', ?)").run(now);
    db.prepare("INSERT INTO moderngov_meetings (meeting_id, site_id, mg_meeting_id, mg_committee_id, mg_status, fetched_at) VALUES ('m', 's', 1, 1, 'Confirmed', ?)").run(now);
    db.prepare("INSERT INTO moderngov_items (id, meeting_id, mg_item_id, position, number, title, agenda_html, restricted, declaration_count) VALUES ('i', 'm', 1, 0, '1', 'A', '', 0, 0)").run();
    db.prepare("INSERT INTO moderngov_documents (item_id, mg_attachment_id, position, title, url, restricted) VALUES ('i', 9, 0, 'Doc', 'u', 0)").run();
    migrate(db, migrations);
    expect(db.prepare('SELECT failed_attempts, retry_after FROM moderngov_documents').get()).toEqual({ failed_attempts: 0, retry_after: null });
    expect(db.prepare('SELECT fetch_error, fetch_error_message, fetch_error_at FROM moderngov_meetings').get()).toEqual({ fetch_error: null, fetch_error_message: null, fetch_error_at: null });
    expect(() => db.prepare('UPDATE moderngov_documents SET failed_attempts = -1').run()).toThrow(/CHECK/);
    db.close();
  });
});
