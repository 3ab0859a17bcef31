import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataDatabase } from '../core/testing/dataDatabase';
import { makeTempDir } from '../core/testing/tempDir';

const bin = path.resolve(import.meta.dirname, '../../bin/chamber.cjs');
const chamber = (args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('chamber demo', () => {
  it('loads the recorded sample meeting into a real data directory, once', () => {
    const dataDir = makeTempDir();
    const loaded = chamber(['demo', '--data-dir', dataDir, '--json']);
    expect(loaded.stderr).toBe('');
    expect(loaded.code).toBe(0);
    const seeded = JSON.parse(loaded.stdout) as { meetingId: string; alreadyLoaded: boolean };
    expect(seeded.alreadyLoaded).toBe(false);

    const db = openDataDatabase(dataDir, { readonly: true });
    try {
      const count = (sql: string) => (db.prepare(sql).get(seeded.meetingId) as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM attendance WHERE meeting_id = ?')).toBe(12);
      expect(count("SELECT count(*) AS n FROM declarations WHERE meeting_id = ? AND kind = 'dpi' AND action = 'withdrew'")).toBe(1);
      expect(count('SELECT count(*) AS n FROM outcomes WHERE meeting_id = ?')).toBe(8);
      expect(count('SELECT count(*) AS n FROM actions WHERE meeting_id = ?')).toBe(3);
      expect(count('SELECT count(*) AS n FROM panel_comments WHERE meeting_id = ? AND agreed_text IS NOT NULL')).toBe(1);
      expect(count('SELECT count(*) AS n FROM agenda_progress WHERE meeting_id = ? AND ended_at IS NOT NULL')).toBe(8);
    } finally {
      db.close();
    }

    const again = chamber(['demo', '--data-dir', dataDir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`already loaded: ${seeded.meetingId}`);
  });
});
