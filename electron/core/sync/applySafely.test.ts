import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient, syncFixture, type SyncFixture, type TestClient } from '../testing/syncClients';

// The vice-chair the pack's front sheet names, so the device itself lets them hand out roles (the endpoint does not: a councillor there).
const honest = { name: 'Cllr James Stanley', email: 'bethan@council.example', role: 'councillor' as const, password: 'bethan password 1', committees: ['Planning Panel'] };
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
    expect(quarantined).toEqual([expect.objectContaining({ entity: 'annotation', entityId: poison.id, version: 1, reasonCode: 'too-deep', reason: expect.stringMatching(/deep/) as unknown })]);
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

  it('applies the good mutations of a batch and rolls back the refused ones, flagged with the endpoint reason', async () => {
    const { endpoint, meetingId, user } = fixture;
    const laptop = await fixture.device();
    await laptop.call('syncNow', {});
    // A councillor's device makes itself chair of the meeting and records an outcome "as the chair".
    const note = await laptop.call('createAnnotation', {
      actingMemberId: user.id,
      annotation: { meetingId, kind: 'note', colour: '#ffcc00', pageIndex: 0, rects: [{ x: 2, y: 2, width: 4, height: 4 }], body: 'Ask about drainage' },
    });
    await laptop.call('setMeetingRole', { actingMemberId: user.id, meetingId, memberId: user.id, role: 'chair' });
    await laptop.call('recordOutcome', { actingMemberId: user.id, outcome: { meetingId, itemNumber: '2', kind: 'agreed', resolution: 'Approved as the chair.' } });
    expect(await laptop.call('listOutcomes', { meetingId })).toHaveLength(1);

    const counts = await laptop.call('syncNow', {});
    expect(counts).toMatchObject({ pushed: 1, rejected: 2 });
    expect(await laptop.call('getSyncStatus', {})).toMatchObject({ pending: 0, rejected: 2 });
    // The committee's record is back in force here: neither the role nor the outcome stays (the pack's chair is still the only one).
    expect((await laptop.call('listMeetingRoles', { meetingId })).filter((r) => r.memberId === user.id || r.role === 'chair').map((r) => [r.memberName, r.role])).toEqual([['Mike Rouse', 'chair']]);
    expect(await laptop.call('listOutcomes', { meetingId })).toEqual([]);
    expect((await laptop.call('listAnnotations', { actingMemberId: user.id, meetingId })).map((a) => a.id)).toContain(note.id);
    expect((await endpoint.records(honest.email, honest.password)).some((r) => r.entity === 'annotation' && r.id === note.id)).toBe(true);

    const rejections = await laptop.call('listSyncRejections', {});
    expect(rejections.map((r) => [r.entity, r.reason, r.handling, r.memberId])).toEqual([
      ['meeting_role', 'FORBIDDEN', 'rolled-back', user.id],
      ['outcome', 'FORBIDDEN', 'rolled-back', user.id],
    ]);
    // The endpoint's own words, and the refused version so nothing typed is lost.
    expect(rejections[1]?.message).toMatch(/outcome/);
    expect(rejections[1]?.refused).toMatchObject({ resolution: 'Approved as the chair.' });

    await laptop.call('dismissSyncRejection', { mutationId: rejections[0]?.mutationId ?? '' });
    expect(await laptop.call('getSyncStatus', {})).toMatchObject({ rejected: 1 });
    // Nothing is resent or flagged again.
    expect(await laptop.call('syncNow', {})).toMatchObject({ pushed: 0, rejected: 0 });
  }, 240_000);

  it('still pulls when every push is answered 500, and sends once the endpoint takes it again', async () => {
    const { proxy, meetingId, user } = fixture;
    const laptop = await fixture.device({ syncTuning: { retryBaseMs: 10, retryMaxMs: 20, maxAttempts: 2 } });
    await laptop.call('syncNow', {});
    const mine = await laptop.call('createAnnotation', {
      actingMemberId: user.id,
      annotation: { meetingId, kind: 'note', colour: '#ffcc00', pageIndex: 1, rects: [{ x: 3, y: 3, width: 4, height: 4 }], body: 'Waiting to be sent' },
    });
    const theirs = await shareNote('Shared while the push fails');
    await huw.call('syncNow', {});
    proxy.setFaults((_index, _method, path) => (path === '/v1/sync/push' ? 'server-error' : 'pass'));
    try {
      expect(await laptop.core.call('syncNow', {})).toMatchObject({ ok: false, error: { code: 'ENDPOINT_ERROR' } });
      expect(proxy.log.some((r) => r.path === '/v1/sync/push' && r.fault === 'server-error')).toBe(true);
      expect((await laptop.call('listAnnotations', { actingMemberId: user.id, meetingId })).map((a) => a.id)).toContain(theirs.id);
      expect(await laptop.call('getSyncStatus', {})).toMatchObject({ pending: 1, lastError: expect.stringMatching(/500|Internal/) as unknown });
    } finally {
      proxy.setFaults(() => 'pass');
    }
    await laptop.call('syncNow', {});
    expect(await laptop.call('getSyncStatus', {})).toMatchObject({ pending: 0, lastError: null });
    expect((await fixture.endpoint.records(honest.email, honest.password)).some((r) => r.id === mine.id)).toBe(true);
  }, 240_000);
});
