import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/domain/settings';
import { openCore } from '../core';
import { openDataDatabase } from '../testing/dataDatabase';
import { distDir, makeTempDir } from '../testing/tempDir';
import { openTestCore } from '../testing/harness';

const input = {
  title: 'Data Sharing and Analytics',
  committee: 'Corporate and Communities Overview and Scrutiny Panel',
  date: '2022-01-17',
  startTime: '10:50',
  venue: 'Council Chamber, County Hall',
};

interface OutboxRow {
  seq: number;
  mutation_id: string;
  client_id: string;
  entity: string;
  entity_id: string;
  base_version: number;
  operation: string;
  payload: string;
}

describe('meetings repository', () => {
  it('creates a meeting and its outbox mutation in the same transaction, persisted to disk', async () => {
    const dataDir = makeTempDir();
    const core = openCore({ dataDir, distDir, clock: () => new Date('2022-01-07T09:30:00Z') });
    const created = await core.call('createMeeting', { ...input, title: `  ${input.title}  ` });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value).toMatchObject({ ...input, status: 'scheduled', version: 0, createdAt: '2022-01-07T09:30:00.000Z' });
    core.close();

    const db = openDataDatabase(dataDir, { readonly: true });
    const rows = db.prepare<[], OutboxRow>('SELECT * FROM outbox').all();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ entity: 'meeting', entity_id: created.value.id, base_version: 0, operation: 'create' });
    expect(JSON.parse(row?.payload ?? 'null')).toEqual(created.value);
    const clientId = db.prepare<[], { value: string }>("SELECT value FROM device_settings WHERE key = 'client_id'").get()?.value;
    expect(row?.client_id).toBe(clientId);
    db.close();

    const reopened = openCore({ dataDir, distDir });
    expect(await reopened.call('getMeeting', { id: created.value.id })).toEqual({ ok: true, value: created.value });
    reopened.close();
  });

  it('leaves nothing half-written when the outbox append fails', async () => {
    const dataDir = makeTempDir();
    openCore({ dataDir, distDir }).close();
    const db = openDataDatabase(dataDir);
    db.exec("CREATE TRIGGER outbox_full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    db.close();

    const core = openCore({ dataDir, distDir });
    const result = await core.call('createMeeting', input);
    expect(result.ok ? 'saved' : result.error.code).toBe('INTERNAL');
    expect(await core.call('listMeetings', {})).toEqual({ ok: true, value: [] });
    core.close();
  });

  it('lists meetings soonest first and answers NOT_FOUND for an unknown id', async () => {
    const core = openTestCore();
    await core.call('createMeeting', { ...input, title: 'Later', date: '2022-03-01' });
    await core.call('createMeeting', { ...input, title: 'Earlier', date: '2021-11-08' });
    await core.call('createMeeting', { ...input, title: 'Same day, earlier time', date: '2022-03-01', startTime: '09:30' });
    const list = await core.call('listMeetings', {});
    expect(list.ok && list.value.map((m) => m.title)).toEqual(['Earlier', 'Same day, earlier time', 'Later']);
    const missing = await core.call('getMeeting', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.ok ? 'found' : missing.error.code).toBe('NOT_FOUND');
    core.close();
  });

  it('keeps device settings out of the outbox', async () => {
    const dataDir = makeTempDir();
    const core = openCore({ dataDir, distDir });
    expect(await core.call('getSettings', {})).toEqual({ ok: true, value: defaultSettings });
    expect(await core.call('updateSettings', { language: 'cy', textSize: 'large' })).toEqual({ ok: true, value: { ...defaultSettings, language: 'cy', textSize: 'large' } });
    const bad = await core.call('updateSettings', { language: 'fr' } as never);
    expect(bad.ok).toBe(false);
    core.close();
    const reopened = openCore({ dataDir, distDir });
    expect(await reopened.call('getSettings', {})).toEqual({ ok: true, value: { ...defaultSettings, language: 'cy', textSize: 'large' } });
    reopened.close();
    const db = openDataDatabase(dataDir, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    db.close();
  });
});
