import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../electron/core/testing/tempDir';
import type { Principal } from './accounts';
import { audiencesOf } from './access';
import { migrate, migrations } from './db/migrations';
import { openDatabase, type Database } from './db/postgres';
import { pull, pullStatement } from './sync';
import { fillChangeLog } from './testing/changeHistory';

/**
 * Issue 21.2: the change log carries each change's audience in an indexed key (endpoint migration
 * 6), and a pull reads only the audiences its caller is in after the cursor. Real PostgreSQL; the
 * rows are written as SQL because the log, not the push, is what is under test here.
 */
const planning = 'committee-planning';
const licensing = 'committee-licensing';
const who = (userId: string, role: Principal['role'], committees: string[], officerIn: string[] = []): Principal => ({ userId, deviceId: `${userId}-device`, role, committees, presidesIn: [], officerIn });
const ann = who('ann', 'councillor', [planning]);
const olwen = who('olwen', 'officer', [planning], [planning]);
const carys = who('carys', 'clerk', []);

let root = '';
let db: Database;

/** One change as a writer leaves it, before or after migration 6 (which fills `audience` itself). */
async function change(id: string, committeeId: string | null, flags: { private?: boolean; restricted?: boolean; owner?: string; hiddenFrom?: string } = {}): Promise<void> {
  await db.pool.query(
    `INSERT INTO changes (entity, id, version, operation, deleted, data, owner_id, committee_id, private, restricted, hidden_from)
     VALUES ('annotation', $1, 1, 'create', false, '{}', $2, $3, $4, $5, $6)`,
    [id, flags.owner ?? null, committeeId, flags.private ?? false, flags.restricted ?? false, flags.hiddenFrom ?? null],
  );
}

const ids = async (principal: Principal, cursor?: string): Promise<string[]> => (await pull(db.pool, principal, cursor, 1000)).changes.map((c) => c.id).sort();

beforeAll(async () => {
  root = makeTempDir('chamber-pull-audience-');
  // The embedded cluster runs as the postgres user when tests run as root: it must reach the folder.
  fs.chmodSync(root, 0o755);
  db = await openDatabase({ dataDir: path.join(root, 'council-postgres') });
  // The log as it stood before migration 6, so the backfill is what fills these rows.
  await migrate(db.pool, migrations.filter((m) => m.version < 6));
  await db.pool.query(`INSERT INTO committees (id, name) VALUES ($1, 'Planning Panel'), ($2, 'Licensing Committee')`, [planning, licensing]);
  await change('planning-open', planning);
  await change('planning-part-two', planning, { restricted: true });
  await change('licensing-open', licensing);
  await change('council-wide', null);
  await change('ann-private', planning, { private: true, owner: 'ann' });
  await change('bea-private', planning, { private: true, owner: 'bea' });
  // The tombstone an un-shared note of Ann's sends its former audience: not Ann, who gets the note.
  await change('ann-unshared', planning, { owner: 'ann', hiddenFrom: 'ann' });
  expect(await migrate(db.pool, migrations.filter((m) => m.version <= 6))).toEqual([6]);
}, 120_000);

afterAll(async () => {
  await db?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('pull indexed by audience', () => {
  it('backfills the audience of changes written before migration 6, and fills it for changes after', async () => {
    await change('licensing-part-two', licensing, { restricted: true });
    const rows = await db.pool.query<{ id: string; audience: string }>('SELECT id, audience FROM changes ORDER BY seq');
    expect(Object.fromEntries(rows.rows.map((r) => [r.id, r.audience]))).toEqual({
      'planning-open': `committee:${planning}`,
      'planning-part-two': `committee:${planning}:restricted`,
      'licensing-open': `committee:${licensing}`,
      'council-wide': 'committee:*',
      'ann-private': 'owner:ann',
      'bea-private': 'owner:bea',
      'ann-unshared': `committee:${planning}`,
      'licensing-part-two': `committee:${licensing}:restricted`,
    });
    const index = await db.pool.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'changes_by_audience'");
    expect(index.rows[0]?.indexdef).toContain('(audience, xid, seq)');
  });

  it('gives each member exactly what the access rules let them see', async () => {
    expect(await ids(ann)).toEqual(['ann-private', 'council-wide', 'planning-open', 'planning-part-two']);
    // An officer: the committee's open business, never its Part II.
    expect(await ids(olwen)).toEqual(['ann-unshared', 'council-wide', 'planning-open']);
    // A clerk serves every committee, Part II included, but no one's private notes.
    expect(await ids(carys)).toEqual(['ann-unshared', 'council-wide', 'licensing-open', 'licensing-part-two', 'planning-open', 'planning-part-two']);
    expect(audiencesOf(olwen)).toEqual(['owner:olwen', 'committee:*', `committee:${planning}`]);
  });

  it('pages in (transaction, sequence) order across audiences, each change once', async () => {
    const all = (await pull(db.pool, carys, undefined, 1000)).changes.map((c) => c.id);
    const paged: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await pull(db.pool, carys, cursor, 2);
      paged.push(...page.changes.map((c) => c.id));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(paged).toEqual(all);
    expect((await pull(db.pool, carys, cursor, 2)).changes).toEqual([]);
  });

  it("reads an up-to-date device's pull from the audience index alone, one probe per audience, over a long history", async () => {
    await fillChangeLog(db.pool, 200_000, [planning, licensing, 'committee-audit', 'committee-scrutiny']);
    await db.pool.query('ANALYZE changes');
    const { cursor } = await pull(db.pool, ann, undefined, 1_000_000);
    const [xid = '', seq = ''] = cursor.split('.');
    const statement = pullStatement(ann, [xid, seq], 1000, []);
    const explained = await db.pool.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, statement.values);
    const nodes: { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Actual Loops'?: number; 'Actual Rows'?: number }[] = [];
    const walk = (node: Record<string, unknown>): void => {
      nodes.push(node as (typeof nodes)[number]);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((explained.rows[0]?.['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]?.Plan ?? {});
    const onChanges = nodes.filter((n) => n['Relation Name'] === 'changes');
    expect(onChanges.map((n) => n['Node Type'])).toEqual(['Index Scan']);
    expect(onChanges[0]?.['Index Name']).toBe('changes_by_audience');
    expect(JSON.stringify(onChanges[0])).toMatch(/"Index Cond":"\(\(audience = a\.audience\) AND \(ROW\(xid, seq\) > ROW/);
    // Ann is in five audiences (her own; everyone's and Planning's, open and Part II): five probes, nothing found.
    expect(onChanges[0]?.['Actual Loops']).toBe(audiencesOf(ann).length);
    expect(onChanges[0]?.['Actual Rows']).toBe(0);
    expect((await pull(db.pool, ann, cursor, 1000)).changes).toEqual([]);
  }, 120_000);
});
