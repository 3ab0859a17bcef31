import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataDatabase } from '../core/testing/dataDatabase';
import { latestSchemaVersion } from '../core/db/migrations';
import { openCore } from '../core/core';
import { distDir, makeTempDir } from '../core/testing/tempDir';

const bin = path.resolve(import.meta.dirname, '../../bin/chamber.cjs');

/** Runs the real `chamber` binary, as `npx chamber` does. */
function chamber(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const add = ['meetings', 'add', '--title', 'Budget Scrutiny', '--committee', 'Corporate and Communities Overview and Scrutiny Panel', '--date', '2022-01-17', '--time', '10:00', '--venue', 'County Hall, Worcester'];

describe('chamber command line', () => {
  it('round-trips meetings add then meetings list --json', () => {
    const dataDir = makeTempDir();
    const added = chamber(['--data-dir', dataDir, ...add]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Created meeting [0-9a-f-]{36}$/m);

    const listed = chamber(['meetings', 'list', '--json', '--data-dir', dataDir]);
    expect(listed.code).toBe(0);
    const meetings = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({
      title: 'Budget Scrutiny',
      committee: 'Corporate and Communities Overview and Scrutiny Panel',
      date: '2022-01-17',
      startTime: '10:00',
      venue: 'County Hall, Worcester',
    });
    expect(meetings[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes the data directory from CHAMBER_DATA_DIR when --data-dir is absent', () => {
    const dataDir = makeTempDir();
    expect(chamber(add, { CHAMBER_DATA_DIR: dataDir }).code).toBe(0);
    const listed = chamber(['meetings', 'list', '--json', '--data-dir', dataDir]);
    expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(1);
  });

  it('reports invalid input on stderr with a non-zero exit and stores nothing', () => {
    const dataDir = makeTempDir();
    const bad = chamber(['--data-dir', dataDir, 'meetings', 'add', '--title', 'x', '--committee', 'y', '--date', '17/01/2022', '--time', '10.00 am', '--venue', 'z']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/INVALID_INPUT/);
    expect(bad.stderr).toMatch(/date: Use the form YYYY-MM-DD/);
    expect(bad.stderr).toMatch(/startTime: Use the form HH:MM/);
    expect(JSON.parse(chamber(['meetings', 'list', '--json', '--data-dir', dataDir]).stdout)).toEqual([]);
  });

  it('refuses to create unencrypted data when no passphrase is available, writing nothing', () => {
    const dataDir = makeTempDir();
    const refused = chamber(['--data-dir', dataDir, ...add], { CHAMBER_DB_PASSPHRASE: '' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/KEY_REQUIRED/);
    expect(refused.stderr).toMatch(/CHAMBER_DB_PASSPHRASE/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
    // The passphrase that created the data is the one that opens it.
    expect(chamber(['--data-dir', dataDir, ...add]).code).toBe(0);
    const wrong = chamber(['meetings', 'list', '--json', '--data-dir', dataDir], { CHAMBER_DB_PASSPHRASE: 'not the one' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/KEY_WRONG/);
  });

  it('exits 2 with usage on stderr for a missing option or unknown command', () => {
    const missing = chamber(['--data-dir', makeTempDir(), 'meetings', 'add', '--title', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option/);
    expect(chamber(['frobnicate']).code).toBe(2);
  });

  it('refuses a database from a newer schema with a clear message', () => {
    const dataDir = makeTempDir();
    openCore({ dataDir, distDir }).close();
    const db = openDataDatabase(dataDir);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.close();
    const listed = chamber(['meetings', 'list', '--json', '--data-dir', dataDir]);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toMatch(/newer version of Chamber.*\[DATABASE_TOO_NEW\]/);
  });
});
