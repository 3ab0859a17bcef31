import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/tempDir';
import { defaultCouncilId } from './0007_councils';
import { migrate, migrations } from './migrations';
import { openDatabase, type Database } from './postgres';

/**
 * Endpoint migration 7 over a single-council deployment as migration 6 left it: everything moves
 * into the default council, committee names become unique per council, the database refuses links
 * between councils, and the change log's council-wide key names its council. Real PostgreSQL.
 */
let root = '';
let db: Database;
const q = async <T extends object>(text: string, values: unknown[] = []): Promise<T[]> => (await db.pool.query<T>(text, values)).rows;

beforeAll(async () => {
  root = makeTempDir('chamber-councils-migration-');
  // The embedded cluster runs as the postgres user when tests run as root: it must reach the folder.
  fs.chmodSync(root, 0o755);
  db = await openDatabase({ dataDir: path.join(root, 'council-postgres') });
  await migrate(db.pool, migrations.filter((m) => m.version < 7));
  await db.pool.query(`
    INSERT INTO users (id, email, name, role, password_hash) VALUES ('clerk', 'clerk@council.example', 'Emma James', 'clerk', 'x'), ('ann', 'ann@council.example', 'Ann', 'councillor', 'x');
    INSERT INTO committees (id, name) VALUES ('planning', 'Planning Panel');
    INSERT INTO memberships (user_id, committee_id, role) VALUES ('ann', 'planning', 'councillor');
    INSERT INTO meetings (id, committee_id, title, date, start_time, venue, items, published_by) VALUES ('m1', 'planning', 'Planning Panel', '2026-01-10', '10:00', 'Hall', '[]', 'clerk');
    INSERT INTO records (entity, id, version, data, owner_id, committee_id) VALUES ('member', 'ann', 1, '{}', 'ann', NULL), ('meeting', 'm1', 1, '{}', NULL, 'planning');
    INSERT INTO changes (entity, id, version, operation, deleted, data, owner_id, committee_id, private, restricted) VALUES
      ('member', 'ann', 1, 'create', false, '{}', 'ann', NULL, false, false),
      ('meeting', 'm1', 1, 'create', false, '{}', NULL, 'planning', false, false),
      ('annotation', 'n1', 1, 'create', false, '{}', 'ann', 'planning', true, false),
      ('outcome', 'o1', 1, 'create', false, '{}', NULL, 'planning', false, true);
  `);
  expect(await migrate(db.pool)).toEqual(migrations.map((m) => m.version).filter((v) => v >= 7));
}, 120_000);

afterAll(async () => {
  await db?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('endpoint migration 7: councils', () => {
  it('moves every user, committee, membership, meeting, record and change into the default council', async () => {
    expect(await q('SELECT id FROM councils')).toEqual([{ id: defaultCouncilId }]);
    for (const table of ['users', 'committees', 'memberships', 'meetings', 'records', 'changes']) {
      expect(await q(`SELECT DISTINCT council_id FROM ${table}`), table).toEqual([{ council_id: defaultCouncilId }]);
    }
  });

  it("keys council-wide changes by their council and leaves committee and owner keys as they were, still indexed", async () => {
    expect(await q('SELECT id, audience FROM changes ORDER BY seq')).toEqual([
      { id: 'ann', audience: `council:${defaultCouncilId}` },
      { id: 'm1', audience: 'committee:planning' },
      { id: 'n1', audience: 'owner:ann' },
      { id: 'o1', audience: 'committee:planning:restricted' },
    ]);
    const index = await q<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'changes_by_audience'");
    expect(index[0]?.indexdef).toContain('(audience, xid, seq)');
    // A change written with no council (an older writer) is nobody's council-wide business.
    await db.pool.query("INSERT INTO changes (entity, id, version, operation, deleted, data, private, restricted) VALUES ('member', 'orphan', 1, 'create', false, '{}', false, false)");
    expect(await q("SELECT audience FROM changes WHERE id = 'orphan'")).toEqual([{ audience: 'council:' }]);
  });

  it('lets two councils have a committee of the same name, but not one council two', async () => {
    await db.pool.query("INSERT INTO councils (id, name) VALUES ('b', 'Cyngor B')");
    await db.pool.query("INSERT INTO committees (id, council_id, name) VALUES ('planning-b', 'b', 'Planning Panel')");
    await expect(db.pool.query("INSERT INTO committees (id, council_id, name) VALUES ('planning-again', 'default', 'Planning Panel')")).rejects.toThrow(/committees_name_per_council/);
    await expect(db.pool.query("INSERT INTO councils (id, name) VALUES ('c', 'CYNGOR B')")).rejects.toThrow(/councils_by_name/);
  });

  it('refuses, in the database itself, any link from one council into another', async () => {
    await db.pool.query("INSERT INTO users (id, council_id, email, name, role, password_hash) VALUES ('bea', 'b', 'bea@b.example', 'Bea', 'councillor', 'x')");
    // B's member on A's committee.
    await expect(db.pool.query("INSERT INTO memberships (user_id, committee_id, council_id, role) VALUES ('bea', 'planning', 'b', 'councillor')")).rejects.toThrow(/memberships_committee_in_council/);
    await expect(db.pool.query("INSERT INTO memberships (user_id, committee_id, council_id, role) VALUES ('bea', 'planning', 'default', 'councillor')")).rejects.toThrow(/memberships_user_in_council/);
    // A meeting of B's committee published by A's clerk.
    await expect(
      db.pool.query("INSERT INTO meetings (id, council_id, committee_id, title, date, start_time, venue, items, published_by) VALUES ('m2', 'b', 'planning-b', 'P', '2026-01-10', '10:00', 'Hall', '[]', 'clerk')"),
    ).rejects.toThrow(/meetings_publisher_in_council/);
    // A record of A's owned by B's member, or on B's committee.
    await expect(db.pool.query("INSERT INTO records (entity, id, version, data, owner_id, council_id) VALUES ('registered_interest', 'r1', 1, '{}', 'bea', 'default')")).rejects.toThrow(/records_owner_in_council/);
    await expect(db.pool.query("INSERT INTO records (entity, id, version, data, committee_id, council_id) VALUES ('panel_comment', 'r2', 1, '{}', 'planning-b', 'default')")).rejects.toThrow(/records_committee_in_council/);
    // Within one council, as before.
    await db.pool.query("INSERT INTO memberships (user_id, committee_id, council_id, role) VALUES ('bea', 'planning-b', 'b', 'councillor')");
  });
});
