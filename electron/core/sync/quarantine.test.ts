import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/sync/wire';
import { migrate } from '../db/migrator';
import { migrations } from '../db/migrations';
import { makeTempDir } from '../testing/tempDir';
import type { CheckedChange } from './pulledChange';
import { Quarantine } from './quarantine';

const now = (): string => '2026-12-03T10:00:00.000Z';
/** Small records the register knows: the live agenda's current item of meeting `id`. */
const ids = new Map<string, string>();
const meetingOf = (name: string): string => {
  if (!ids.has(name)) ids.set(name, randomUUID());
  return ids.get(name) ?? '';
};
const change = (name: string, data: unknown, version = 1, entity = 'meeting_live'): Change => ({ entity, id: meetingOf(name), version, deleted: false, operation: 'create', data, ownerId: null });
const nameOf = (id: string): string => [...ids.entries()].find(([, v]) => v === id)?.[0] ?? id;

function database(): Database.Database {
  const db = new Database(path.join(makeTempDir(), 'quarantine.sqlite3'));
  migrate(db, migrations);
  db.exec('CREATE TABLE landed (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  return db;
}

/** Writes the record, then refuses the one whose body says so: the write before must not survive. */
const land =
  (db: Database.Database) =>
  (c: CheckedChange): void => {
    db.prepare('INSERT INTO landed (id, body) VALUES (?, ?)').run(nameOf(c.id), String(c.data?.currentItem));
    if (c.data?.currentItem === 'refused') throw new Error('the local table refused it');
  };

describe('quarantine of pulled changes', () => {
  it('undoes only the change that failed, keeps it with its reason, and lets a newer good version replace it', () => {
    const db = database();
    const quarantine = new Quarantine(db, now, '1.0.0');
    const results = db.transaction(() => [change('a', { currentItem: 'fine' }), change('b', { currentItem: 'refused' }), change('c', { currentItem: 'also fine' })].map((c) => quarantine.receive(c, land(db))))();
    expect(results).toEqual([true, false, true]);
    expect(db.prepare('SELECT id FROM landed ORDER BY id').all()).toEqual([{ id: 'a' }, { id: 'c' }]);
    expect(quarantine.list()).toEqual([
      expect.objectContaining({ entityId: meetingOf('b'), reasonCode: 'not-applied', reason: 'the local table refused it', payload: '{"currentItem":"refused"}', appVersion: '1.0.0' }),
    ]);

    expect(quarantine.receive(change('b', { currentItem: 'mended' }, 2), land(db))).toBe(true);
    expect(quarantine.count()).toBe(0);
  });

  it('refuses what the register would refuse on a push (too deep, too large, not an object, unknown fields, unknown entity) before it reaches the tables', () => {
    const db = database();
    const quarantine = new Quarantine(db, now, '1.0.0');
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(quarantine.receive(change('deep', { currentItem: deep }), land(db))).toBe(false);
    expect(quarantine.receive(change('big', { currentItem: 'x'.repeat(5 * 1024 * 1024) }), land(db))).toBe(false);
    expect(quarantine.receive(change('list', [1, 2]), land(db))).toBe(false);
    expect(quarantine.receive(change('extra', { currentItem: '2', confirmedByChair: true }), land(db))).toBe(false);
    expect(quarantine.receive(change('future', { currentItem: '2' }, 1, 'site_visit'), land(db))).toBe(false);
    expect(quarantine.list().map((q) => [nameOf(q.entityId), q.reasonCode, q.reason])).toEqual(
      expect.arrayContaining([
        ['big', 'too-large', expect.stringMatching(/larger than/)],
        ['deep', 'too-deep', expect.stringMatching(/deeper than/)],
        ['list', 'not-object', expect.stringMatching(/not a JSON object/)],
        ['extra', 'invalid-payload', expect.stringMatching(/confirmedByChair/)],
        ['future', 'unknown-entity', expect.stringMatching(/site_visit/)],
      ]),
    );
    expect(quarantine.count()).toBe(5);
    expect(db.prepare('SELECT count(*) AS n FROM landed').get()).toEqual({ n: 0 });
  });

  it('tries again after an upgrade: lands what the new version can take, keeps the rest once, drops what a newer copy overtook', () => {
    const db = database();
    const old = new Quarantine(db, now, '1.0.0');
    db.transaction(() => {
      for (const id of ['now-fine', 'still-bad', 'overtaken']) old.receive(change(id, { currentItem: 'refused' }), land(db));
    })();
    expect(old.count()).toBe(3);

    // The same version does not try again at every sync.
    const tried: string[] = [];
    expect(old.retryAfterUpgrade((c) => tried.push(c.id), () => null)).toEqual({ landed: 0, held: 0 });
    expect(tried).toEqual([]);

    const upgraded = new Quarantine(db, now, '1.1.0');
    const newer = (c: CheckedChange): void => land(db)({ ...c, data: { currentItem: nameOf(c.id) === 'still-bad' ? 'refused' : 'taken' } });
    const result = upgraded.retryAfterUpgrade(newer, (_entity, id) => (nameOf(id) === 'overtaken' ? 5 : null));
    expect(result).toEqual({ landed: 1, held: 1 });
    expect(db.prepare('SELECT id, body FROM landed').all()).toEqual([{ id: 'now-fine', body: 'taken' }]);
    expect(upgraded.list()).toEqual([expect.objectContaining({ entityId: meetingOf('still-bad'), appVersion: '1.1.0' })]);
    expect(upgraded.retryAfterUpgrade(newer, () => null)).toEqual({ landed: 0, held: 0 });
  });
});
