import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempDir';
import { migrate } from '../migrator';
import { migration0001 } from './0001_meetings_outbox';

function migratedTo0001() {
  const db = new Database(path.join(makeTempDir(), 'm1.sqlite3'));
  migrate(db, [migration0001]);
  return db;
}

const meeting = {
  id: 'a',
  title: 'Budget Scrutiny',
  committee: 'Corporate and Communities Overview and Scrutiny Panel',
  date: '2022-01-17',
  start_time: '10:00',
  venue: 'County Hall',
  created_at: '2022-01-07T09:00:00.000Z',
  updated_at: '2022-01-07T09:00:00.000Z',
};
const insertMeeting = `INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at)
  VALUES (@id, @title, @committee, @date, @start_time, @venue, @created_at, @updated_at)`;

describe('migration 0001 meetings_outbox', () => {
  it('creates the meetings, outbox and device_settings tables with a random client id', () => {
    const db = migratedTo0001();
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['device_settings', 'meetings', 'outbox', 'schema_migrations']));
    const clientId = db.prepare<[], { value: string }>("SELECT value FROM device_settings WHERE key = 'client_id'").get()?.value;
    expect(clientId).toMatch(/^[0-9a-f]{32}$/);
    const other = migratedTo0001().prepare<[], { value: string }>("SELECT value FROM device_settings WHERE key = 'client_id'").get()?.value;
    expect(other).not.toEqual(clientId);
  });

  it('defaults status to scheduled and version to 0', () => {
    const db = migratedTo0001();
    db.prepare(insertMeeting).run(meeting);
    expect(db.prepare('SELECT status, version FROM meetings').get()).toEqual({ status: 'scheduled', version: 0 });
  });

  it.each([
    ['an empty title', { title: '' }],
    ['a date not in YYYY-MM-DD form', { date: '17/01/2022' }],
    ['a time not in HH:MM form', { start_time: '10.00 am' }],
  ])('rejects %s at the database level', (_label, change) => {
    const db = migratedTo0001();
    expect(() => db.prepare(insertMeeting).run({ ...meeting, ...change })).toThrow(/CHECK constraint failed/);
  });

  it('rejects an unknown status and outbox rows with invalid JSON or operation', () => {
    const db = migratedTo0001();
    db.prepare(insertMeeting).run(meeting);
    expect(() => db.prepare("UPDATE meetings SET status = 'postponed'").run()).toThrow(/CHECK constraint failed/);
    const insertOutbox = db.prepare(
      `INSERT INTO outbox (mutation_id, client_id, entity, entity_id, base_version, operation, payload, created_at) VALUES (?, 'c', 'meeting', 'a', 0, ?, ?, 'now')`,
    );
    expect(() => insertOutbox.run('m1', 'create', '{not json')).toThrow(/CHECK constraint failed/);
    expect(() => insertOutbox.run('m2', 'upsert', '{}')).toThrow(/CHECK constraint failed/);
    insertOutbox.run('m3', 'create', '{}');
    expect(() => insertOutbox.run('m3', 'create', '{}')).toThrow(/UNIQUE/);
  });
});
