import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient, syncFixture, type SyncFixture, type TestClient } from '../testing/syncClients';

const honest = { name: 'Cllr Bethan Jones', email: 'bethan@council.example', role: 'councillor' as const, password: 'bethan password 1', committees: ['Planning Panel'] };
const hostile = { name: 'Cllr Huw Morgan', email: 'huw@council.example', role: 'councillor' as const, password: 'huw password 1', committees: ['Planning Panel'] };

/** A value nested deeper than SQLite's JSON functions accept (they stop at 1,000 levels). */
const nested1000 = `${'['.repeat(1000)}${']'.repeat(1000)}`;

describe('every device applies safely (issue 17.4)', () => {
  let fixture: SyncFixture;
  let huw: TestClient;
  let huwId: string;
  beforeAll(async () => {
    fixture = await syncFixture(honest);
    huwId = (await fixture.endpoint.addUser(hostile)).id;
    huw = openClient();
    fixture.clients.push(huw);
    await huw.call('signInToEndpoint', { endpoint: fixture.endpoint.url, email: hostile.email, password: hostile.password });
    await huw.call('syncNow', {});
  }, 180_000);
  afterAll(() => fixture?.close());

  const shareNote = (body: string) =>
    huw.call('createAnnotation', {
      actingMemberId: huwId,
      annotation: { meetingId: fixture.meetingId, kind: 'note', colour: '#ffcc00', pageIndex: 0, rects: [{ x: 1, y: 1, width: 4, height: 4 }], body, shared: true },
    });

  it('quarantines a pulled change nested 1,000 deep, applies the rest of the page, moves the cursor and finishes', async () => {
    const { endpoint, meetingId, user } = fixture;
    const laptop = await fixture.device();
    await laptop.call('syncNow', {});

    await shareNote('Before the poison');
    const poison = await shareNote('Will be poisoned');
    await shareNote('After the poison');
    await huw.call('syncNow', {});
    // Straight into PostgreSQL: whatever the endpoint's checks refuse on the wire, a device must
    // survive what the feed holds.
    await endpoint.sql(`UPDATE changes SET data = data || jsonb_build_object('body', $2::jsonb) WHERE id = $1`, [poison.id, nested1000]);
    await endpoint.sql(`UPDATE records SET data = data || jsonb_build_object('body', $2::jsonb) WHERE id = $1`, [poison.id, nested1000]);

    const counts = await laptop.call('syncNow', {});
    expect(counts).toMatchObject({ pulled: 3, quarantined: 1 });
    const status = await laptop.call('getSyncStatus', {});
    expect(status).toMatchObject({ pending: 0, quarantined: 1, lastError: null });
    const seen = (await laptop.call('listAnnotations', { actingMemberId: user.id, meetingId })).map((a) => a.body);
    expect(seen.sort()).toEqual(['After the poison', 'Before the poison']);

    const quarantined = await laptop.call('listSyncQuarantine', {});
    expect(quarantined).toEqual([expect.objectContaining({ entity: 'annotation', entityId: poison.id, version: 1, reason: expect.stringMatching(/deep/) as unknown })]);
    // Kept verbatim: the whole payload as the endpoint sent it.
    expect(quarantined[0]?.payload).toContain(nested1000);

    // The cursor moved past it: the next sync brings only what is new, and the poison stays put.
    const later = await shareNote('Later still');
    await huw.call('syncNow', {});
    expect(await laptop.call('syncNow', {})).toMatchObject({ pulled: 1, quarantined: 0 });
    expect((await laptop.call('listAnnotations', { actingMemberId: user.id, meetingId })).map((a) => a.id)).toContain(later.id);
    expect(await laptop.call('getSyncStatus', {})).toMatchObject({ pending: 0, quarantined: 1 });

    // A new device of the same member finishes its first sync too.
    const phone = await fixture.device();
    await phone.call('syncNow', {});
    expect(await phone.call('getSyncStatus', {})).toMatchObject({ pending: 0, quarantined: 1, lastError: null });
    expect((await phone.call('listAnnotations', { actingMemberId: user.id, meetingId })).length).toBe(3);
  }, 240_000);
});
