import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { january2022 } from '../testing/samplePacks';
import { openClient, upcomingMeeting, type TestClient } from '../testing/syncClients';
import { startTestEndpoint, type TestEndpoint } from '../../../endpoint/testing/testEndpoint';

const chair = { name: 'Cllr Mike Rouse', email: 'chair@council.example', role: 'chair' as const, password: 'chair password 1', committees: ['Planning Panel'] };
const member = { name: 'Cllr Bryn Member', email: 'bryn@council.example', role: 'councillor' as const, password: 'member password 1', committees: ['Planning Panel'] };

describe('turns at speaking, across devices, through the real endpoint', () => {
  let endpoint: TestEndpoint;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    endpoint = await startTestEndpoint();
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.core.close();
    await endpoint?.close();
  });

  it("the chair's timed turns reach every device's minutes once; a member's device cannot add one", async () => {
    const chairUser = await endpoint.addUser(chair);
    const memberUser = await endpoint.addUser(member);
    const { meeting } = await endpoint.publish(upcomingMeeting(), { file: january2022().path });
    const chairLaptop = openClient();
    const memberLaptop = openClient();
    clients.push(chairLaptop, memberLaptop);
    const syncAll = async (): Promise<void> => {
      for (let round = 0; round < 2; round += 1) for (const device of clients) await device.call('syncNow', {});
    };
    for (const [device, who] of [[chairLaptop, chair], [memberLaptop, member]] as const) {
      await device.call('signInToEndpoint', { endpoint: endpoint.url, email: who.email, password: who.password });
      await device.call('syncNow', {});
    }
    await chairLaptop.call('setMeetingRole', { actingMemberId: chairUser.id, meetingId: meeting.id, memberId: chairUser.id, role: 'chair' });
    await chairLaptop.call('setMeetingRole', { actingMemberId: chairUser.id, meetingId: meeting.id, memberId: memberUser.id, role: 'member' });
    await syncAll();
    const item = (await memberLaptop.call('getLiveAgenda', { meetingId: meeting.id })).items.at(-1)?.number ?? '';

    await chairLaptop.call('recordSpeakingTurn', {
      actingMemberId: chairUser.id,
      turn: { meetingId: meeting.id, itemNumber: item, speaker: 'Jo Public', startedAt: '2026-01-17T10:05:00.000Z', endedAt: '2026-01-17T10:08:20.000Z', limitSeconds: 180 },
    });
    await chairLaptop.call('recordSpeakingTurn', {
      actingMemberId: chairUser.id,
      turn: { meetingId: meeting.id, itemNumber: item, memberId: memberUser.id, speaker: 'Bryn Member', startedAt: '2026-01-17T10:09:00.000Z', endedAt: '2026-01-17T10:10:00.000Z' },
    });
    // Twice round: each device pulls its own turns back too, which must not trip the append-only table.
    await syncAll();
    await syncAll();

    const heard = (device: TestClient) => device.call('listSpeakingTurns', { meetingId: meeting.id });
    expect((await heard(memberLaptop)).map((t) => [t.speaker, t.memberId, t.seconds, t.overSeconds])).toEqual([
      ['Jo Public', null, 200, 20],
      ['Bryn Member', memberUser.id, 60, 0],
    ]);
    expect((await heard(memberLaptop)).map((t) => t.id)).toEqual((await heard(chairLaptop)).map((t) => t.id));
    const minutes = await memberLaptop.call('assembleMinutes', { meetingId: meeting.id });
    expect(minutes.items.find((i) => i.itemNumber === item)?.speakers?.map((s) => s.name)).toEqual(['Jo Public', 'Bryn Member']);

    // Only whoever presides times speakers: the member's own device refuses, and nothing is queued.
    const refused = await memberLaptop.core.call('recordSpeakingTurn', {
      actingMemberId: memberUser.id,
      turn: { meetingId: meeting.id, itemNumber: item, speaker: 'Someone', startedAt: '2026-01-17T10:11:00.000Z', endedAt: '2026-01-17T10:12:00.000Z' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const device of clients) {
      expect(await device.call('getSyncStatus', {})).toMatchObject({ pending: 0, quarantined: 0, rejected: 0 });
    }
  }, 120_000);
});
