import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempDir';
import { migrate } from '../migrator';
import { migrations } from './index';

const meeting = '11111111-1111-4111-8111-111111111111';
const at = '2026-01-01T10:00:00.000Z';
const later = '2026-01-01T11:00:00.000Z';

describe('migration 0019 outbox by register', () => {
  it('rewrites unsent legacy comment edits and drops unsent pack-derived roles, leaving everything else as it was', () => {
    const db = new Database(path.join(makeTempDir(), 'm19.sqlite3'));
    migrate(db, migrations.filter((m) => m.version < 19));
    const queue = db.prepare("INSERT INTO outbox (mutation_id, client_id, entity, entity_id, base_version, operation, payload, created_at) VALUES (?, 'c', ?, ?, 0, ?, ?, ?)");
    queue.run('pack', 'pack', 'p1', 'create', JSON.stringify({ id: 'p1', meetingId: meeting }), at);
    // Queued with the pack's import: derived from its front sheet.
    queue.run('derived', 'meeting_role', `${meeting}:rouse`, 'create', JSON.stringify({ meetingId: meeting, memberId: 'rouse', role: 'chair' }), at);
    queue.run('derived-sent', 'meeting_role', `${meeting}:stanley`, 'create', JSON.stringify({ meetingId: meeting, memberId: 'stanley', role: 'vice-chair' }), at);
    // Set by the chair afterwards: a change of the committee's record, still to be sent.
    queue.run('set', 'meeting_role', `${meeting}:morgan`, 'create', JSON.stringify({ meetingId: meeting, memberId: 'morgan', role: 'substitute' }), later);
    queue.run('edit', 'panel_comment_update', 'c1', 'update', JSON.stringify({ update: 'AAE=', by: 'rouse' }), later);
    queue.run('edit-sent', 'panel_comment_update', 'c2', 'update', JSON.stringify({ update: 'AAI=', by: 'rouse' }), later);
    const answer = db.prepare("INSERT INTO outbox_results (mutation_id, status, answered_at) VALUES (?, 'rejected', ?)");
    answer.run('derived-sent', later);
    answer.run('edit-sent', later);

    migrate(db, migrations);
    const rows = db.prepare<[], { mutation_id: string; entity: string; payload: string }>('SELECT mutation_id, entity, payload FROM outbox ORDER BY seq').all();
    expect(rows.map((r) => r.mutation_id)).toEqual(['pack', 'derived-sent', 'set', 'edit', 'edit-sent']);
    expect(rows.find((r) => r.mutation_id === 'edit')).toMatchObject({ entity: 'panel_comment' });
    expect(JSON.parse(rows.find((r) => r.mutation_id === 'edit')?.payload ?? 'null')).toEqual({ textYjs: 'AAE=', editedBy: 'rouse' });
    // What was sent stays as it was sent.
    expect(rows.find((r) => r.mutation_id === 'edit-sent')).toMatchObject({ entity: 'panel_comment_update' });
    db.close();
  });
});
