import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse, PushResponse, type Session } from '../../../shared/sync/wire';
import { openDataDatabase } from '../testing/dataDatabase';
import { january2022, november2019 } from '../testing/samplePacks';
import { openClient, upcomingMeeting, type TestClient } from '../testing/syncClients';
import { startTestEndpoint, type TestEndpoint } from '../../../endpoint/testing/testEndpoint';

const committees = ['Planning Panel'];
// The chair the pack's front sheet names: once the pack is imported only the chair, vice-chair or clerk hands out roles.
const chair = { name: 'Cllr Mike Rouse', email: 'chair@council.example', role: 'chair' as const, password: 'chair password 1', committees };
const earlierChair = { name: 'Cllr Alex Harper', email: 'harper@council.example', role: 'chair' as const, password: 'harper password 1', committees };
const clerk = { name: 'Emma James', email: 'clerk@council.example', role: 'clerk' as const, password: 'clerk password 1', committees };
const councillor = { name: 'Cllr Bryn Member', email: 'bryn@council.example', role: 'councillor' as const, password: 'member password 1', committees };

const paragraph = (text: string) => ({ type: 'paragraph' as const, runs: [{ text }] });

/**
 * Corrections to approved minutes (issue 7.8, "nothing lost"): made on the clerk's laptop offline,
 * they reach the endpoint and the chair's laptop once each, in the audit chain on both devices, and
 * nobody can rewrite one or slip one in by a crafted push.
 */
describe('corrections to approved minutes, across devices, through the real endpoint', () => {
  let endpoint: TestEndpoint;
  const clients: TestClient[] = [];
  let minutedId = '';
  const recorded: { syncId: string; text: string }[] = [];

  beforeAll(async () => {
    endpoint = await startTestEndpoint();
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.core.close();
    await endpoint?.close();
  });

  it('reach the chair exactly once, even when the approval they follow reaches the endpoint after them, and chain into the audit on both devices', async () => {
    const chairUser = await endpoint.addUser(chair);
    const clerkUser = await endpoint.addUser(clerk);
    const minuted = (await endpoint.publish(upcomingMeeting(7), { file: november2019().path })).meeting;
    const approving = (await endpoint.publish({ ...upcomingMeeting(14), items: [{ number: '4', title: 'Confirmation of the Minutes of the Previous Meeting' }] }, { file: january2022().path })).meeting;
    minutedId = minuted.id;
    const clerkLaptop = openClient();
    const chairLaptop = openClient();
    clients.push(clerkLaptop, chairLaptop);
    for (const [device, who] of [[clerkLaptop, clerk], [chairLaptop, chair]] as const) {
      await device.call('signInToEndpoint', { endpoint: endpoint.url, email: who.email, password: who.password });
      await device.call('syncNow', {});
    }
    // The chair each pack's front sheet names (Cllr Harper in 2019, Cllr Rouse in 2022) hands the
    // clerk their role; the clerk's device receives it and may then set the meetings up.
    const earlierChairUser = await endpoint.addUser(earlierChair);
    const earlierChairLaptop = openClient();
    clients.push(earlierChairLaptop);
    await earlierChairLaptop.call('signInToEndpoint', { endpoint: endpoint.url, email: earlierChair.email, password: earlierChair.password });
    await earlierChairLaptop.call('syncNow', {});
    await earlierChairLaptop.call('setMeetingRole', { actingMemberId: earlierChairUser.id, meetingId: minuted.id, memberId: clerkUser.id, role: 'clerk' });
    await earlierChairLaptop.call('syncNow', {});
    await chairLaptop.call('setMeetingRole', { actingMemberId: chairUser.id, meetingId: approving.id, memberId: clerkUser.id, role: 'clerk' });
    await chairLaptop.call('syncNow', {});
    await clerkLaptop.call('syncNow', {});
    for (const meetingId of [minuted.id, approving.id]) {
      await clerkLaptop.call('setMeetingRole', { actingMemberId: clerkUser.id, meetingId, memberId: clerkUser.id, role: 'clerk' });
      await clerkLaptop.call('setMeetingRole', { actingMemberId: clerkUser.id, meetingId, memberId: chairUser.id, role: 'chair' });
    }
    await clerkLaptop.call('startMinutes', { actingMemberId: clerkUser.id, meetingId: minuted.id, councilName: 'Cyngor Sir Enghraifft' });
    await clerkLaptop.call('circulateMinutes', { actingMemberId: clerkUser.id, meetingId: minuted.id });
    await clerkLaptop.call('syncNow', {});
    await chairLaptop.call('syncNow', {});
    expect((await chairLaptop.call('getMinutes', { meetingId: minuted.id }))?.status).toBe('circulated');
    const confirmation = (await clerkLaptop.call('getMeetingPack', { meetingId: approving.id }))?.items.find((i) => /confirmation of the minutes/i.test(i.title));
    const item = (await clerkLaptop.call('getMeetingPack', { meetingId: minuted.id }))?.items.at(-1);
    if (!confirmation || !item) throw new Error('the packs were not downloaded');

    // Offline: the chair tidies a paragraph of the circulated minutes while the clerk, at the
    // next meeting, records their approval and then two corrections.
    await endpoint.stop();
    await chairLaptop.call('saveMinuteNarrative', { actingMemberId: chairUser.id, meetingId: minuted.id, itemNumber: item.number, narrative: [paragraph('The panel noted the report.')] });
    await clerkLaptop.call('approveMinutes', { actingMemberId: clerkUser.id, meetingId: minuted.id, atMeetingId: approving.id, itemNumber: confirmation.number });
    await clerkLaptop.call('recordMinutesCorrection', { actingMemberId: clerkUser.id, meetingId: minuted.id, itemNumber: item.number, text: 'For “Cllr Evens” read “Cllr Evans”.' });
    const corrected = await clerkLaptop.call('recordMinutesCorrection', { actingMemberId: clerkUser.id, meetingId: minuted.id, text: 'The meeting closed at 12.10 pm, not 12.01 pm.' });
    recorded.push(...corrected.corrections.map((c) => ({ syncId: c.syncId ?? '', text: c.text })));
    expect((await clerkLaptop.call('getSyncStatus', {})).pending).toBeGreaterThan(0);

    // The chair's edit reaches the endpoint first, so the clerk's approval meets a conflict and
    // reaches the endpoint only after the first correction: the chair's laptop pulls that one first.
    await endpoint.restart();
    await chairLaptop.call('syncNow', {});
    await clerkLaptop.call('syncNow', {});
    const chairSession = await endpoint.signIn(chair.email, chair.password, 'inspector');
    const feed = PullResponse.parse(await (await fetch(`${endpoint.url}/v1/sync/pull?limit=1000`, { headers: { authorization: `Bearer ${chairSession.accessToken}` } })).json()).changes;
    const firstCorrection = feed.findIndex((c) => c.entity === 'minute_correction');
    const approval = feed.findIndex((c) => c.entity === 'minute' && (c.data as { status?: string } | null)?.status === 'approved');
    expect(firstCorrection).toBeGreaterThanOrEqual(0);
    expect(approval).toBeGreaterThan(firstCorrection);

    for (let round = 0; round < 2; round += 1) for (const device of clients) await device.call('syncNow', {});

    const onClerk = await clerkLaptop.call('getMinutes', { meetingId: minuted.id });
    const onChair = await chairLaptop.call('getMinutes', { meetingId: minuted.id });
    expect(onChair?.status).toBe('approved');
    const shared = (m: typeof onChair) => m?.corrections.map(({ syncId, itemNumber, text, recordedBy, recordedByName, at }) => ({ syncId, itemNumber, text, recordedBy, recordedByName, at }));
    expect(shared(onChair)).toEqual(shared(onClerk));
    expect(shared(onChair)).toEqual([
      expect.objectContaining({ itemNumber: item.number, text: 'For “Cllr Evens” read “Cllr Evans”.', recordedBy: clerkUser.id, recordedByName: clerk.name }),
      expect.objectContaining({ itemNumber: null, text: 'The meeting closed at 12.10 pm, not 12.01 pm.', recordedBy: clerkUser.id, recordedByName: clerk.name }),
    ]);
    // In the chair's copy of the minutes document too, against the right minute.
    const document = await chairLaptop.call('assembleMinutes', { meetingId: minuted.id });
    expect(document.corrections.map((c) => c.text)).toEqual(['For “Cllr Evens” read “Cllr Evans”.', 'The meeting closed at 12.10 pm, not 12.01 pm.']);
    expect(document.corrections[0]?.minuteNumber).toBe(document.items.find((i) => i.itemNumber === item.number)?.minuteNumber);

    // Both devices' histories show who made each correction, and both audit chains hold.
    const corrections = async (device: TestClient) =>
      (await device.call('getMinutesHistory', { meetingId: minuted.id })).filter((h) => h.op === 'correct').map((h) => ({ actor: h.actorMemberId, syncId: h.change.syncId }));
    const expected = recorded.map((r) => ({ actor: clerkUser.id, syncId: r.syncId }));
    expect(await corrections(clerkLaptop)).toEqual(expected);
    expect(await corrections(chairLaptop)).toEqual(expected);
    for (const device of clients) expect(await device.call('verifyAudit', {})).toMatchObject({ ok: true, problem: null });

    // Pulled again from the start, nothing is added twice.
    const entries = (await chairLaptop.call('verifyAudit', {})).entries;
    const chairDb = openDataDatabase(chairLaptop.dataDir);
    try {
      chairDb.prepare("DELETE FROM sync_state WHERE key = 'cursor'").run();
    } finally {
      chairDb.close();
    }
    for (let round = 0; round < 2; round += 1) for (const device of clients) await device.call('syncNow', {});
    expect(shared(await chairLaptop.call('getMinutes', { meetingId: minuted.id }))).toEqual(shared(onChair));
    expect((await chairLaptop.call('verifyAudit', {})).entries).toBe(entries);

    const held = (await endpoint.records(chair.email, chair.password)).filter((r) => r.entity === 'minute_correction');
    expect(held.map((r) => [r.id, r.version, (r.data as { text: string }).text]).sort()).toEqual(recorded.map((r) => [r.syncId, 1, r.text]).sort());
    for (const device of clients) {
      expect((await device.call('getSyncStatus', {})).pending).toBe(0);
      // Every copy pulled, the device's own included, counts as landed: none is left to retry.
      const db = openDataDatabase(device.dataDir, { readonly: true });
      try {
        expect(db.prepare("SELECT id, applied FROM sync_shadow WHERE entity = 'minute_correction' ORDER BY id").all()).toEqual(
          recorded.map((r) => ({ id: r.syncId, applied: 1 })).sort((a, b) => a.id.localeCompare(b.id)),
        );
      } finally {
        db.close();
      }
    }
  }, 300_000);

  it('refuses a correction pushed by a councillor and any change to a recorded one', async () => {
    await endpoint.addUser(councillor);
    const [first] = recorded;
    if (!first || minutedId === '') throw new Error('runs after the first test');
    const push = async (session: Session, operation: 'create' | 'update' | 'delete', entityId: string, baseVersion: number, payload: unknown) =>
      PushResponse.parse(
        await (
          await fetch(`${endpoint.url}/v1/sync/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ clientId: `${session.device.id}-crafted`, mutations: [{ mutationId: randomUUID(), entity: 'minute_correction', entityId, baseVersion, operation, payload }] }),
          })
        ).json(),
      ).results[0];
    const held = async () => (await endpoint.records(chair.email, chair.password)).filter((r) => r.entity === 'minute_correction');
    const before = await held();
    const original = before.find((r) => r.id === first.syncId);
    if (!original) throw new Error('the first correction is not on the endpoint');

    // A councillor of the committee sees the corrections but may not add one.
    const bryn = await endpoint.signIn(councillor.email, councillor.password, 'crafted');
    const slipped = { meetingId: minutedId, itemNumber: null, text: 'The panel resolved to give every member a pay rise.', recordedBy: 'someone', at: new Date().toISOString() };
    expect(await push(bryn, 'create', randomUUID(), 0, slipped)).toMatchObject({ status: 'rejected', reason: 'FORBIDDEN' });
    expect(await push(bryn, 'update', first.syncId, 1, { ...(original.data as object), text: 'Rewritten.' })).toMatchObject({ status: 'rejected', reason: 'FORBIDDEN' });
    const seen = PullResponse.parse(await (await fetch(`${endpoint.url}/v1/sync/pull?limit=1000`, { headers: { authorization: `Bearer ${bryn.accessToken}` } })).json());
    expect(seen.changes.filter((c) => c.entity === 'minute_correction').map((c) => c.id).sort()).toEqual(recorded.map((r) => r.syncId).sort());

    // Not even the clerk may change or remove a correction once recorded, nor send a malformed one.
    const emma = await endpoint.signIn(clerk.email, clerk.password, 'crafted');
    expect(await push(emma, 'update', first.syncId, 1, { ...(original.data as object), text: 'Rewritten.' })).toMatchObject({ status: 'rejected', reason: 'FORBIDDEN' });
    expect(await push(emma, 'create', first.syncId, 0, { ...(original.data as object), text: 'Rewritten.' })).toMatchObject({ status: 'rejected', reason: 'FORBIDDEN' });
    expect(await push(emma, 'delete', first.syncId, 1, null)).toMatchObject({ status: 'rejected', reason: 'FORBIDDEN' });
    expect(await push(emma, 'create', randomUUID(), 0, { ...slipped, text: '' })).toMatchObject({ status: 'rejected', reason: 'INVALID_PAYLOAD' });
    expect(await push(emma, 'create', randomUUID(), 0, { ...slipped, html: '<b>x</b>' })).toMatchObject({ status: 'rejected', reason: 'INVALID_PAYLOAD' });
    // The same record sent again (a device that lost the answer) is simply acknowledged.
    expect(await push(emma, 'create', first.syncId, 0, original.data)).toMatchObject({ status: 'applied', version: original.version });
    expect(await held()).toEqual(before);
  }, 120_000);
});
