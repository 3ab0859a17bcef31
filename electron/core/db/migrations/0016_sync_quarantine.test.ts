import { describe, expect, it } from 'vitest';
import { migratedTo } from '../../testing/harness';
import { migrate } from '../migrator';
import { migrations } from './index';

describe('migration 0016 sync quarantine', () => {
  it('keeps a pulled change verbatim even where SQLite JSON cannot read it, one per record, and refused changes with their handling', () => {
    const db = migratedTo(15);
    db.prepare("INSERT INTO sync_shadow (entity, id, version, data) VALUES ('annotation', 'a', 1, '{}')").run();
    migrate(db, migrations);
    // Nothing that was there before changes.
    expect(db.prepare('SELECT count(*) AS n FROM sync_shadow').get()).toEqual({ n: 1 });

    const deep = `{"body":${'['.repeat(1000)}${']'.repeat(1000)}}`;
    expect(() => db.prepare("INSERT INTO sync_shadow (entity, id, version, data) VALUES ('annotation', 'b', 1, ?)").run(deep)).toThrow(/CHECK/);
    const hold = db.prepare("INSERT INTO sync_quarantine (entity, entity_id, version, deleted, payload, reason_code, reason, app_version, received_at) VALUES ('annotation', ?, 1, 0, ?, ?, ?, '1.0.0', '2026-01-01T00:00:00Z')");
    hold.run('b', deep, 'too-deep', 'nested too deep');
    expect(db.prepare("SELECT payload FROM sync_quarantine WHERE entity_id = 'b'").get()).toEqual({ payload: deep });
    expect(() => hold.run('b', '{}', 'too-deep', 'again')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => hold.run('c', '{}', 'too-deep', '')).toThrow(/CHECK/);
    expect(() => hold.run('d', '{}', 'something else', 'why')).toThrow(/CHECK/);
    hold.run('e', '{}', 'unknown-entity', 'a newer entity');

    const refuse = db.prepare(
      "INSERT INTO sync_rejections (mutation_id, entity, entity_id, operation, reason, message, handling, refused, rejected_at) VALUES (?, 'declaration', 'd', 'create', 'FORBIDDEN', 'Only the chair', ?, ?, '2026-01-01T00:00:00Z')",
    );
    refuse.run('m1', 'rolled-back', '{"confirmedByChair":true}');
    expect(() => refuse.run('m2', 'ignored', null)).toThrow(/CHECK/);
    expect(() => refuse.run('m3', 'kept', 'not json')).toThrow(/CHECK/);
    db.close();
  });
});
