import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempDir';
import { migrate } from '../migrator';
import { migration0001 } from './0001_meetings_outbox';
import { migration0002 } from './0002_packs_search';
import { migration0003 } from './0003_interests';

function migrated() {
  const db = new Database(path.join(makeTempDir(), 'm3.sqlite3'));
  db.pragma('foreign_keys = ON');
  migrate(db, [migration0001, migration0002, migration0003]);
  db.prepare(
    `INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at)
     VALUES ('m', 'Panel', 'Panel', '2022-01-17', '10:00', 'County Hall', 'now', 'now')`,
  ).run();
  db.prepare("INSERT INTO members (id, name, created_at) VALUES ('aled', 'Aled Evans', 'now')").run();
  return db;
}

const insertDeclaration = `INSERT INTO declarations (id, meeting_id, member_id, item_number, kind, nature, nature_withheld, action,
  dispensation_reference, declared_at, scope, pre_declared, confirmed_by_chair, created_at, updated_at)
  VALUES (@id, 'm', 'aled', '7', @kind, @nature, @withheld, @action, @reference, '{"when":"declarations-item"}', '{"whole":true}', 0, 0, 'now', 'now')`;
const declaration = { id: 'd1', kind: 'dpi', nature: 'Employed by West Mercia Energy', withheld: 0, action: 'withdrew', reference: null };

describe('migration 0003 interests', () => {
  it('keeps member names unique regardless of case and roles to the known list', () => {
    const db = migrated();
    expect(() => db.prepare("INSERT INTO members (id, name, created_at) VALUES ('x', 'ALED EVANS', 'now')").run()).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO meeting_roles (meeting_id, member_id, role) VALUES ('m', 'aled', 'chair')").run();
    db.prepare("INSERT INTO members (id, name, created_at) VALUES ('b', 'Bea', 'now')").run();
    expect(() => db.prepare("INSERT INTO meeting_roles (meeting_id, member_id, role) VALUES ('m', 'b', 'mayor')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO meeting_roles (meeting_id, member_id, role) VALUES ('m', 'nobody', 'member')").run()).toThrow(/FOREIGN KEY/);
  });

  it('refuses declarations that break the rules at the schema level too', () => {
    const db = migrated();
    const insert = db.prepare(insertDeclaration);
    insert.run(declaration);
    expect(() => insert.run({ ...declaration, id: 'd2', action: 'remained' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...declaration, id: 'd3', kind: 'sensitive' })).toThrow(/CHECK/);
    insert.run({ ...declaration, id: 'd4', kind: 'sensitive', nature: null, withheld: 1 });
    expect(() => insert.run({ ...declaration, id: 'd5', kind: 'other-registrable', nature: null })).toThrow(/CHECK/);
    expect(() => insert.run({ ...declaration, id: 'd6', action: 'remained-with-dispensation' })).toThrow(/CHECK/);
    insert.run({ ...declaration, id: 'd7', action: 'remained-with-dispensation', reference: 'DISP/2022/04' });
    expect(() => db.prepare("INSERT INTO registered_interests (id, member_id, category, description, keywords, created_at, updated_at) VALUES ('r', 'aled', 'employment', 'x', '{}', 'now', 'now')").run()).toThrow(/CHECK/);
  });

  it('keeps declaration history append-only', () => {
    const db = migrated();
    db.prepare(insertDeclaration).run(declaration);
    db.prepare("INSERT INTO declaration_history (declaration_id, actor_member_id, at, change) VALUES ('d1', 'aled', 'now', '{\"op\":\"record\"}')").run();
    expect(() => db.prepare("UPDATE declaration_history SET change = '{}'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM declaration_history').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) AS n FROM declaration_history').get()).toEqual({ n: 1 });
  });
});
