import { describe, expect, it } from 'vitest';
import { migratedTo } from '../../testing/harness';
import { migrate } from '../migrator';
import { migrations } from './index';

describe('migration 0020 co-opted role', () => {
  it('keeps every role already held, takes co-opted, and still refuses a role it does not know', () => {
    const db = migratedTo(19);
    const now = '2026-01-01T00:00:00Z';
    db.prepare("INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES ('m', 'T', 'C', '2026-02-01', '10:00', 'V', ?, ?)").run(now, now);
    const member = db.prepare('INSERT INTO members (id, name, created_at) VALUES (?, ?, ?)');
    for (const [id, name] of [['rouse', 'Mike Rouse'], ['clerk', 'A Clerk'], ['sarah', 'Sarah Co-opted']]) member.run(id, name, now);
    const role = db.prepare("INSERT INTO meeting_roles (meeting_id, member_id, role) VALUES ('m', ?, ?)");
    role.run('rouse', 'chair');
    role.run('clerk', 'clerk');
    expect(() => role.run('sarah', 'co-opted')).toThrow(/CHECK/);

    migrate(db, migrations);
    expect(db.prepare('SELECT member_id, role FROM meeting_roles ORDER BY member_id').all()).toEqual([
      { member_id: 'clerk', role: 'clerk' },
      { member_id: 'rouse', role: 'chair' },
    ]);
    role.run('sarah', 'co-opted');
    expect(() => db.prepare("UPDATE meeting_roles SET role = 'observer' WHERE member_id = 'sarah'").run()).toThrow(/CHECK/);
    // The rebuilt table still belongs to its meeting and member, and keeps its index.
    expect(() => role.run('nobody', 'member')).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM meetings WHERE id = 'm'").run();
    expect(db.prepare('SELECT count(*) AS n FROM meeting_roles').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'meeting_roles' AND name = 'meeting_roles_by_member'").get()).toEqual({ name: 'meeting_roles_by_member' });
    db.close();
  });
});
