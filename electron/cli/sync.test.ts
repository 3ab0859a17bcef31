import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceList } from '../../shared/sync/wire';
import { chamberAsync } from '../core/testing/chamberCli';
import { syncFixture, type SyncFixture } from '../core/testing/syncClients';
import { openDataDatabase } from '../core/testing/dataDatabase';
import { makeTempDir } from '../core/testing/tempDir';

const chamber = chamberAsync;

const member = { name: 'Cllr Eleri Morgan', email: 'eleri@council.example', role: 'councillor' as const, password: 'eleri password 1', committees: ['Planning Panel'] };

describe('chamber sync', () => {
  let fixture: SyncFixture;
  beforeAll(async () => {
    fixture = await syncFixture(member);
  }, 120_000);
  afterAll(() => fixture?.close());

  it('signs in once, runs one full sync and prints the counts', async () => {
    const { endpoint, user, meetingId } = fixture;
    const dataDir = makeTempDir();
    const args = ['sync', '--endpoint', endpoint.url, '--email', member.email, '--password', member.password, '--data-dir', dataDir, '--json'];
    const first = await chamber(args);
    expect(first.code, first.stderr).toBe(0);
    // The published meeting, its pack document and the member in the register.
    expect(JSON.parse(first.stdout)).toMatchObject({ pushed: 0, pulled: 3, conflicts: 0, pending: 0, rejected: 0, quarantined: 0, heldQuarantined: 0, openRejected: 0 });

    // Another device of the same member adds a note; the command line receives it.
    const other = await fixture.device();
    await other.call('syncNow', {});
    const note = await other.call('createAnnotation', {
      actingMemberId: user.id,
      annotation: { meetingId, kind: 'note', colour: '#ffcc00', pageIndex: 0, rects: [{ x: 1, y: 1, width: 4, height: 4 }], body: 'From the tablet' },
    });
    await other.call('syncNow', {});
    const second = await chamber(args);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ pulled: 1, conflicts: 0, pending: 0 });
    const db = openDataDatabase(dataDir, { readonly: true });
    try {
      expect(db.prepare<[string], { body: string }>('SELECT body FROM annotations WHERE id = ?').get(note.id)?.body).toBe('From the tablet');
    } finally {
      db.close();
    }

    // Signed in once: the endpoint lists one command-line device, not one per run.
    const session = await endpoint.signIn(member.email, member.password, 'checker');
    const devices = DeviceList.parse(await (await fetch(`${endpoint.url}/v1/devices`, { headers: { authorization: `Bearer ${session.accessToken}` } })).json()).devices;
    expect(devices.filter((d) => d.name === 'Chamber command line')).toHaveLength(1);

    const refused = await chamber(['sync', '--endpoint', endpoint.url, '--email', member.email, '--password', 'wrong password', '--data-dir', makeTempDir(), '--json']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('SIGN_IN_REFUSED');
  });
});
