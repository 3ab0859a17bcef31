import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEndpointDatabase } from '../../endpoint/start';

const bin = path.resolve(import.meta.dirname, '../../bin/chamber.cjs');
const chamber = (args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('chamber endpoint council', () => {
  it('adds a council with its first admin, and users to the council named, each with its own committee of a shared name', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-endpoint-councils-'));
    // The embedded cluster runs as the postgres user when tests run as root: it must reach the folder.
    fs.chmodSync(dataDir, 0o755);
    const added = chamber(['endpoint', 'council', 'add', '--data-dir', dataDir, '--name', 'Cyngor Sir B', '--admin-name', 'Bethan Admin', '--admin-email', 'admin@b.example', '--admin-password', 'b admin password', '--json']);
    expect(added.code, added.stderr).toBe(0);
    const { council } = JSON.parse(added.stdout) as { council: { id: string; name: string } };
    expect(council.name).toBe('Cyngor Sir B');
    const again = chamber(['endpoint', 'council', 'add', '--data-dir', dataDir, '--name', 'cyngor sir b', '--admin-name', 'Other', '--admin-email', 'other@b.example', '--admin-password', 'other password 1']);
    expect(again.code).not.toBe(0);

    const inB = chamber(['endpoint', 'user', 'add', '--data-dir', dataDir, '--council', 'Cyngor Sir B', '--name', 'Bea Birch', '--email', 'bea@b.example', '--role', 'councillor', '--committee', 'Planning Panel', '--password', 'b member password']);
    expect(inB.code, inB.stderr).toBe(0);
    const inDefault = chamber(['endpoint', 'user', 'add', '--data-dir', dataDir, '--name', 'Alun Ash', '--email', 'alun@a.example', '--role', 'councillor', '--committee', 'Planning Panel', '--password', 'a member password']);
    expect(inDefault.code, inDefault.stderr).toBe(0);
    const nowhere = chamber(['endpoint', 'user', 'add', '--data-dir', dataDir, '--council', 'No Such Council', '--name', 'X', '--email', 'x@x.example', '--role', 'councillor', '--password', 'x password 12']);
    expect(nowhere.code).not.toBe(0);

    const listed = chamber(['endpoint', 'council', 'list', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([{ id: 'default', name: 'Council' }, council]);

    const db = await openEndpointDatabase({ dataDir });
    try {
      const rows = await db.pool.query<{ email: string; council_id: string; committee_council: string }>(
        `SELECT u.email, u.council_id, c.council_id AS committee_council FROM users u
           LEFT JOIN memberships m ON m.user_id = u.id LEFT JOIN committees c ON c.id = m.committee_id ORDER BY u.email`,
      );
      expect(rows.rows).toEqual([
        { email: 'admin@b.example', council_id: council.id, committee_council: null },
        { email: 'alun@a.example', council_id: 'default', committee_council: 'default' },
        { email: 'bea@b.example', council_id: council.id, committee_council: council.id },
      ]);
    } finally {
      await db.close();
    }
  }, 180_000);
});
