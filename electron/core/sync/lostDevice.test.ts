import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceList } from '../../../shared/sync/wire';
import { databaseFileName, openExistingDatabase } from '../db/database';
import { keyFileName, resolveDataKey } from '../security/keyStore';
import { openOsKeyring, osKeyringService } from '../security/osKeyring';
import { obtainUnlock } from '../security/terminalUnlock';
import { november2019 } from '../testing/samplePacks';
import { secretServiceMissing, startSecretService } from '../testing/secretService';
import { openClient, syncFixture, type SyncFixture, type TestClient } from '../testing/syncClients';
import { makeTempDir } from '../testing/tempDir';

const member = { name: 'Cllr Dafydd Price', email: 'dafydd@council.example', role: 'councillor' as const, password: 'dafydd password 1', committees: ['Planning Panel'] };

/** Every file under `dir`, recursively, that holds `text` as bytes. */
function filesHolding(dir: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => fs.readFileSync(file).includes(needle));
}

const secretNote = 'Private thoughts on the viability report';

describe('lost device and offline expiry (issue 9.4)', () => {
  let fixture: SyncFixture;
  beforeAll(async () => {
    fixture = await syncFixture(member);
  }, 120_000);
  afterAll(() => fixture?.close());

  /** The member reports the device lost from another one; the device's next sync meets the revocation. */
  const revoke = async (device: TestClient): Promise<void> => {
    const { endpoint } = fixture;
    const { deviceId } = await device.call('getSyncStatus', {});
    const phone = await endpoint.signIn(member.email, member.password, 'phone');
    const auth = { authorization: `Bearer ${phone.accessToken}` };
    const devices = DeviceList.parse(await (await fetch(`${endpoint.url}/v1/devices`, { headers: auth })).json()).devices;
    expect(devices.map((d) => d.id)).toContain(deviceId);
    expect((await fetch(`${endpoint.url}/v1/devices/${deviceId}`, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect(await device.core.call('syncNow', {})).toMatchObject({ ok: false, error: { code: 'DEVICE_REVOKED' } });
  };

  it('wipes everything local when the endpoint says the device was revoked, its key and saved notes too, and says why', async () => {
    const { user, meetingId } = fixture;
    const notesDir = makeTempDir('chamber-notes-');
    const laptop = await fixture.device({ notesDir });
    await laptop.call('syncNow', {});
    await laptop.call('createAnnotation', {
      actingMemberId: user.id,
      annotation: { meetingId, kind: 'note', colour: '#ffcc00', pageIndex: 0, rects: [{ x: 1, y: 1, width: 4, height: 4 }], body: secretNote },
    });
    // The member's notes as retention saves them before clearing papers: Markdown, where retention puts them.
    const notes = await laptop.call('exportAnnotations', { actingMemberId: user.id, meetingId, format: 'md' });
    for (const dir of [notesDir, path.join(laptop.dataDir, 'saved-notes')]) {
      fs.mkdirSync(path.join(dir, 'before-retention-2026'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'before-retention-2026', notes.fileName), Buffer.from(notes.data, 'base64'));
    }
    const oldKey = resolveDataKey(laptop.dataDir, {});

    await revoke(laptop);
    const status = await laptop.call('getSyncStatus', {});
    expect(status).toMatchObject({ wipedReason: 'revoked', signedIn: false, pending: 0 });
    expect(await laptop.call('listMeetings', {})).toEqual([]);
    expect(fs.readdirSync(path.join(laptop.dataDir, 'documents'))).toEqual([]);
    // What is left in the data directory: the emptied database, under a key that is gone, and the
    // marker that has the next start replace it.
    expect(fs.readdirSync(laptop.dataDir).filter((f) => !/^chamber\.sqlite3(-wal|-shm)?$/.test(f)).sort()).toEqual(['documents', 'wiped.json']);
    expect(fs.existsSync(notesDir)).toBe(false);
    expect(filesHolding(laptop.dataDir, secretNote)).toEqual([]);
    const db = openExistingDatabase(path.join(laptop.dataDir, databaseFileName), oldKey, { readonly: true });
    try {
      for (const table of ['annotations', 'meetings', 'packs', 'outbox', 'sync_shadow', 'pack_pages']) {
        expect(db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n, table).toBe(0);
      }
    } finally {
      db.close();
    }
    // Nothing synced into that database would survive a restart: Chamber asks for one first.
    expect(await laptop.core.call('signInToEndpoint', { endpoint: fixture.proxy.url, email: member.email, password: member.password })).toMatchObject({ ok: false, error: { code: 'RESTART_REQUIRED' } });

    // Opened again: a new database under a new key, the reason still shown, and sign-in works.
    laptop.core.close();
    const reopened = openClient(laptop.dataDir);
    fixture.clients.push(reopened);
    expect(fs.existsSync(path.join(laptop.dataDir, 'wiped.json'))).toBe(false);
    expect(resolveDataKey(laptop.dataDir, {}).equals(oldKey)).toBe(false);
    expect(await reopened.call('getSyncStatus', {})).toMatchObject({ wipedReason: 'revoked', signedIn: false });
    await reopened.call('signInToEndpoint', { endpoint: fixture.proxy.url, email: member.email, password: member.password });
    await reopened.call('syncNow', {});
    expect((await reopened.call('listMeetings', {})).map((m) => m.id)).toContain(meetingId);
  });

  it.skipIf(secretServiceMissing() !== undefined)('removes the data key from the OS key store when it held it', async () => {
    const service = await startSecretService();
    const saved = { ...process.env };
    // The key store library talks to the session bus the process environment names.
    Object.assign(process.env, service.env);
    try {
      const env = { ...process.env, CHAMBER_DB_PASSPHRASE: '', CHAMBER_OS_KEYRING: '' };
      const dataDir = makeTempDir();
      const unlock = await obtainUnlock(dataDir, { env });
      if (unlock.via !== 'os-keyring') throw new Error('the key store did not take the key');
      const account = (JSON.parse(fs.readFileSync(path.join(dataDir, keyFileName), 'utf8')) as { osKeyring: { account: string } }).osKeyring.account;
      const held = () => service.secretTool(['lookup', 'service', osKeyringService, 'username', account]);
      expect(held().code).toBe(0);
      expect(held().stdout.trim()).toBe(unlock.key.toString('base64'));

      const device = openClient(dataDir, { key: unlock.key, keyring: () => openOsKeyring(env) });
      fixture.clients.push(device);
      await device.call('signInToEndpoint', { endpoint: fixture.proxy.url, email: member.email, password: member.password });
      await device.call('syncNow', {});
      await revoke(device);
      expect(fs.existsSync(path.join(dataDir, keyFileName))).toBe(false);
      expect(held().stdout.trim()).toBe('');
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
      service.stop();
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
