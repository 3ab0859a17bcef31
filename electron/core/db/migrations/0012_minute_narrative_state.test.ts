import { describe, expect, it } from 'vitest';
import { migratedTo } from '../../testing/harness';
import { migrate } from '../migrator';
import { migrations } from './index';

describe('migration 0012 minute narrative state', () => {
  it('adds a Yjs state to each narrative, keeps existing narratives, and still refuses changes to approved minutes', () => {
    const db = migratedTo(11);
    db.exec(`
      INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES ('m', 'Panel', 'Panel', '2022-01-17', '10:00', 'Hall', 'now', 'now');
      INSERT INTO members (id, name, created_at) VALUES ('clerk', 'Clerk', 'now');
      INSERT INTO minutes (meeting_id, status, previous_last_minute, council_name, created_at, updated_at) VALUES ('m', 'draft', 0, 'Council', 'now', 'now');
      INSERT INTO minute_narratives (meeting_id, item_number, narrative, updated_by, updated_at) VALUES ('m', '1', '[]', 'clerk', 'now');
    `);
    migrate(db, migrations);
    expect(db.prepare("SELECT narrative, yjs_state FROM minute_narratives WHERE meeting_id = 'm'").get()).toEqual({ narrative: '[]', yjs_state: null });
    db.prepare("UPDATE minute_narratives SET yjs_state = x'00' WHERE meeting_id = 'm'").run();
    db.exec(`
      INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES ('later', 'Panel', 'Panel', '2022-03-17', '10:00', 'Hall', 'now', 'now');
      UPDATE minutes SET status = 'circulated', circulated_at = 'now' WHERE meeting_id = 'm';
      UPDATE minutes SET status = 'approved', approved_at_meeting_id = 'later', approved_at_item = '2', approved_at = 'now' WHERE meeting_id = 'm';
    `);
    expect(() => db.prepare("UPDATE minute_narratives SET yjs_state = x'01' WHERE meeting_id = 'm'").run()).toThrow(/recorded correction/);
    db.close();
  });
});
