import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../shared/api/contracts/audit';
import type { Db } from '../core/db/database';
import { openDataDatabase } from '../core/testing/dataDatabase';
import { makeTempDir } from '../core/testing/tempDir';

const bin = path.resolve(import.meta.dirname, '../../bin/chamber.cjs');
const chamber = (args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

/** The recorded demo meeting: declarations, attendance, outcomes, comments and minutes history. */
let demoDir = '';
beforeAll(() => {
  demoDir = makeTempDir();
  const demo = chamber(['demo', '--data-dir', demoDir, '--json']);
  expect(demo.code, demo.stderr).toBe(0);
});

/** A copy of the demo data, tampered with the way someone holding the key could, behind the app's back. */
function tampered(edit: (db: Db) => void): string {
  const dir = makeTempDir();
  fs.cpSync(demoDir, dir, { recursive: true });
  const db = openDataDatabase(dir);
  try {
    edit(db);
  } finally {
    db.close();
  }
  return dir;
}

const verify = (dir: string) => {
  const run = chamber(['audit', 'verify', '--data-dir', dir, '--json']);
  return { ...run, report: JSON.parse(run.stdout) as AuditReport };
};

describe('chamber audit verify', () => {
  it('passes the history the app wrote, with every table in the chain', () => {
    const run = verify(demoDir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.ok).toBe(true);
    const db = openDataDatabase(demoDir, { readonly: true });
    try {
      const sources = db.prepare<[], { source: string; n: number }>('SELECT source, count(*) AS n FROM audit_chain GROUP BY source ORDER BY source').all();
      expect(sources.map((s) => s.source)).toEqual(['declaration_history', 'meeting_history', 'minutes_history']);
      expect(run.report.entries).toBe(sources.reduce((sum, s) => sum + s.n, 0));
    } finally {
      db.close();
    }
    expect(chamber(['audit', 'verify', '--data-dir', demoDir]).stdout).toContain(`Audit chain intact: ${run.report.entries} entries checked`);
  });

  it('names an edited declaration entry and exits 1', () => {
    const dir = tampered((db) => {
      db.exec('DROP TRIGGER declaration_history_no_update');
      db.prepare("UPDATE declaration_history SET change = json_set(change, '$.action', 'remained') WHERE id = (SELECT min(id) FROM declaration_history)").run();
    });
    const run = verify(dir);
    expect(run.code).toBe(1);
    expect(run.report.problem).toMatchObject({ kind: 'edited', source: 'declaration_history' });
    expect(run.stderr).toMatch(/tampered with: declaration_history entry \d+ is edited .*\[AUDIT_BROKEN\]/);
  });

  it('names a deleted outcome entry', () => {
    const dir = tampered((db) => {
      db.exec('DROP TRIGGER meeting_history_no_delete');
      db.prepare("DELETE FROM meeting_history WHERE id = (SELECT min(id) FROM meeting_history WHERE entity = 'outcome')").run();
    });
    expect(verify(dir).report.problem).toMatchObject({ kind: 'deleted', source: 'meeting_history' });
  });

  it('names a minutes entry slipped in without the chain', () => {
    const dir = tampered((db) => {
      db.exec('DROP TRIGGER minutes_history_chain');
      db.prepare("INSERT INTO minutes_history (meeting_id, actor_member_id, at, op, change) SELECT meeting_id, actor_member_id, at, 'lock', '{}' FROM minutes_history LIMIT 1").run();
    });
    expect(verify(dir).report.problem).toMatchObject({ kind: 'unchained', source: 'minutes_history', seq: null });
  });

  it('notices an entry whose hash was rewritten to match, and entries cut off the end', () => {
    const rehashed = tampered((db) => {
      db.exec('DROP TRIGGER declaration_history_no_update; DROP TRIGGER audit_chain_no_update');
      const first = db.prepare<[], { id: number }>('SELECT min(id) AS id FROM declaration_history').get()?.id;
      db.prepare("UPDATE declaration_history SET at = '2000-01-01T00:00:00Z' WHERE id = ?").run(first);
      db.prepare(
        "UPDATE audit_chain SET entry_hash = chamber_sha256((SELECT json_array('declaration_history', h.id, h.declaration_id, h.actor_member_id, h.at, h.change) FROM declaration_history h WHERE h.id = ?)) WHERE source = 'declaration_history' AND source_id = ?",
      ).run(first, first);
    });
    expect(verify(rehashed).report.problem).toMatchObject({ kind: 'chain-broken', source: 'declaration_history' });

    const truncated = tampered((db) => {
      db.exec('DROP TRIGGER audit_chain_no_delete; DROP TRIGGER minutes_history_no_delete');
      const last = db.prepare<[], { seq: number; source: string; source_id: number }>('SELECT seq, source, source_id FROM audit_chain ORDER BY seq DESC LIMIT 1').get();
      if (!last) throw new Error('the demo has no history');
      db.prepare(`DELETE FROM ${last.source} WHERE id = ?`).run(last.source_id);
      db.prepare('DELETE FROM audit_chain WHERE seq = ?').run(last.seq);
    });
    expect(verify(truncated).report.problem).toMatchObject({ kind: 'truncated' });
  });
});
