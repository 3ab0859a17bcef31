import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../electron/core/core';
import { databaseFileName, openDatabase, type Db } from '../../electron/core/db/database';
import type { Workload } from '../harness';

const count = Number(process.env.BENCH_INSERTS ?? 10_000);
const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-bench-'));

const meeting = (i: number) => ({
  title: `Panel meeting ${i}`,
  committee: 'Corporate and Communities Overview and Scrutiny Panel',
  date: `2022-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
  startTime: '10:00',
  venue: 'Council Chamber, County Hall, Worcester',
});

/**
 * Contract cost: each insert validated in and out by the dispatcher and written with its outbox
 * entry in one transaction, against the same rows as bare prepared INSERTs (autocommit each, same
 * pragmas, same file system). The ratio is what the contract and the outbox cost.
 */
export function meetingInserts(): Workload {
  let core: Core | null = null;
  let db: Db | null = null;
  return {
    name: 'meeting-inserts',
    description: `${count.toLocaleString('en-GB')} meeting inserts through the contract (validation + repository + outbox, one transaction each) vs the same rows as raw better-sqlite3 INSERTs (one autocommit each); WAL, synchronous=FULL, on disk.`,
    repeats: Number(process.env.BENCH_REPEATS ?? 3),
    baseline: {
      name: 'raw better-sqlite3 INSERT',
      setup: () => {
        db = openDatabase(path.join(fresh(), databaseFileName), randomBytes(32)).db;
      },
      run: () => {
        const now = new Date().toISOString();
        const insert = db?.prepare(
          `INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (let i = 0; i < count; i++) {
          const m = meeting(i);
          insert?.run(randomUUID(), m.title, m.committee, m.date, m.startTime, m.venue, now, now);
        }
      },
      teardown: () => {
        db?.close();
      },
    },
    subject: {
      name: 'createMeeting via contract',
      setup: () => {
        core = openCore({ dataDir: fresh(), distDir: path.resolve(__dirname, '..') });
      },
      run: async () => {
        for (let i = 0; i < count; i++) {
          const result = await core?.call('createMeeting', meeting(i));
          if (!result?.ok) throw new Error(`insert ${i} failed`);
        }
      },
      teardown: () => {
        core?.close();
      },
    },
  };
}
