import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceList } from '../../../shared/sync/wire';
import { openDataDatabase } from '../testing/dataDatabase';
import { november2019 } from '../testing/samplePacks';
import { syncFixture, type SyncFixture } from '../testing/syncClients';

const member = { name: 'Cllr Dafydd Price', email: 'dafydd@council.example', role: 'councillor' as const, password: 'dafydd password 1', committees: ['Planning Panel'] };

describe('lost device and offline expiry (issue 9.4)', () => {
  let fixture: SyncFixture;
  beforeAll(async () => {
    fixture = await syncFixture(member);
  }, 120_000);
  afterAll(() => fixture?.close());

  it('wipes everything local when the endpoint says the device was revoked, and says why', async () => {
    const { endpoint, user, meetingId } = fixture;
    const laptop = await fixture.device();
    await laptop.call('syncNow', {});
    await laptop.call('createAnnotation', {
      actingMemberId: user.id,
      annotation: { meetingId, kind: 'note', colour: '#ffcc00', pageIndex: 0, rects: [{ x: 1, y: 1, width: 4, height: 4 }], body: 'Private thoughts on the viability report' },
    });
    const { deviceId } = await laptop.call('getSyncStatus', {});
    // The member's notes as retention saves them before clearing papers: Markdown in saved-notes/.
    const notes = await laptop.call('exportAnnotations', { actingMemberId: user.id, meetingId, format: 'md' });
    fs.mkdirSync(path.join(laptop.dataDir, 'saved-notes'), { recursive: true });
    fs.writeFileSync(path.join(laptop.dataDir, 'saved-notes', notes.fileName), Buffer.from(notes.data, 'base64'));

    // The member reports the laptop lost, from another device.
    const phone = await endpoint.signIn(member.email, member.password, 'phone');
    const auth = { authorization: `Bearer ${phone.accessToken}` };
    const devices = DeviceList.parse(await (await fetch(`${endpoint.url}/v1/devices`, { headers: auth })).json()).devices;
    expect(devices.map((d) => d.id)).toContain(deviceId);
    expect((await fetch(`${endpoint.url}/v1/devices/${deviceId}`, { method: 'DELETE', headers: auth })).status).toBe(204);

    const answer = await laptop.core.call('syncNow', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'DEVICE_REVOKED' } });
    const status = await laptop.call('getSyncStatus', {});
    expect(status).toMatchObject({ wipedReason: 'revoked', signedIn: false, pending: 0 });
    expect(await laptop.call('listMeetings', {})).toEqual([]);
    expect(fs.readdirSync(path.join(laptop.dataDir, 'documents'))).toEqual([]);
    // What is left in the data directory: the (emptied, encrypted) database and its key file only.
    expect(fs.readdirSync(laptop.dataDir).filter((f) => !/^chamber\.sqlite3(-wal|-shm)?$/.test(f)).sort()).toEqual(['documents', 'keys.json']);
    const db = openDataDatabase(laptop.dataDir, { readonly: true });
    try {
      for (const table of ['annotations', 'meetings', 'packs', 'outbox', 'sync_shadow', 'pack_pages']) {
        expect(db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n, table).toBe(0);
      }
    } finally {
      db.close();
    }
  });

  it('asks for a new sign-in before opening a restricted paper after too long offline', async () => {
    const { endpoint, meetingId } = fixture;
    const restricted = await endpoint.publish(
      { committee: 'Planning Panel', title: 'Planning Panel', date: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10), startTime: '14:00', venue: 'County Hall', items: [] },
      { file: november2019().path, kind: 'pack', restricted: true },
    );
    let now = Date.now();
    const tablet = await fixture.device({ clock: () => new Date(now) });
    await tablet.call('configureSync', { offlineExpiryDays: 30 });
    await tablet.call('syncNow', {});
    const open = await tablet.call('getMeetingPack', { meetingId });
    const secret = await tablet.call('getMeetingPack', { meetingId: restricted.meeting.id });
    expect(secret?.documentSha256).toBe(restricted.document?.sha256);
    const read = (sha256: string) => tablet.core.call('readDocument', { sha256, offset: 0, length: 1024 });
    expect(await read(restricted.document?.sha256 ?? '')).toMatchObject({ ok: true });

    now += 31 * 86_400_000;
    expect(await tablet.call('getSyncStatus', {})).toMatchObject({ signInRequired: true });
    expect(await read(restricted.document?.sha256 ?? '')).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    // Ordinary papers stay readable offline.
    expect(await read(open?.documentSha256 ?? '')).toMatchObject({ ok: true });

    await tablet.call('signInToEndpoint', { endpoint: fixture.proxy.url, email: member.email, password: member.password });
    expect(await read(restricted.document?.sha256 ?? '')).toMatchObject({ ok: true });
  });
});
