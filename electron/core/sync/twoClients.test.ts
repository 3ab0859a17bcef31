import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { january2022 } from '../testing/samplePacks';
import { openClient, upcomingMeeting, type TestClient } from '../testing/syncClients';
import { endpointTopologies, startTestEndpoint, type TestEndpoint } from '../../../endpoint/testing/testEndpoint';

// The chair the pack's front sheet names: once the pack is imported only the chair, vice-chair or clerk hands out roles.
const chair = { name: 'Cllr Mike Rouse', email: 'chair@council.example', role: 'chair' as const, password: 'chair password 1', committees: ['Planning Panel'] };

describe.each(endpointTopologies)('two devices of one member, offline, converge through the real endpoint ($name)', ({ options }) => {
  let endpoint: TestEndpoint;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    endpoint = await startTestEndpoint(options);
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.core.close();
    await endpoint?.close();
  });

  it('downloads the published pack, merges edits to different fields, keeps both sides of a clash, loses and duplicates nothing', async () => {
    const user = await endpoint.addUser(chair);
    const { meeting } = await endpoint.publish(upcomingMeeting(), { file: january2022().path });
    const [laptop, tablet] = [openClient(), openClient()];
    clients.push(laptop, tablet);

    for (const device of [laptop, tablet]) {
      const status = await device.call('signInToEndpoint', { endpoint: endpoint.url, email: chair.email, password: chair.password });
      expect(status.user?.id).toBe(user.id);
      await device.call('syncNow', {});
      // The published pack went through the ordinary import: the reader has it.
      const pack = await device.call('getMeetingPack', { meetingId: meeting.id });
      expect(pack?.pageCount).toBeGreaterThan(0);
    }

    // Online: the laptop makes a note and takes the chair; the tablet receives both.
    await laptop.call('setMeetingRole', { actingMemberId: user.id, meetingId: meeting.id, memberId: user.id, role: 'chair' });
    const note = await laptop.call('createAnnotation', {
      actingMemberId: user.id,
      annotation: { meetingId: meeting.id, kind: 'note', colour: '#ffcc00', pageIndex: 0, rects: [{ x: 10, y: 10, width: 20, height: 20 }], body: 'Ask about the access road' },
    });
    await laptop.call('syncNow', {});
    await tablet.call('syncNow', {});
    expect((await tablet.call('listAnnotations', { actingMemberId: user.id, meetingId: meeting.id })).map((a) => a.id)).toEqual([note.id]);
    expect((await tablet.call('listMeetingRoles', { meetingId: meeting.id })).filter((r) => r.role === 'chair')).toEqual([expect.objectContaining({ memberId: user.id, role: 'chair' })]);

    // Offline on both devices.
    await endpoint.stop();
    await laptop.call('updateAnnotation', { actingMemberId: user.id, id: note.id, change: { body: 'Ask about the access road and the school run' } });
    await tablet.call('updateAnnotation', { actingMemberId: user.id, id: note.id, change: { colour: '#3366ff' } });
    const second = await laptop.call('createAnnotation', {
      actingMemberId: user.id,
      annotation: { meetingId: meeting.id, kind: 'note', colour: '#00aa00', pageIndex: 1, rects: [{ x: 5, y: 5, width: 5, height: 5 }], body: 'Separate record' },
    });
    await laptop.call('recordAttendance', { actingMemberId: user.id, attendance: { meetingId: meeting.id, memberId: user.id, status: 'present' } });
    await tablet.call('recordAttendance', { actingMemberId: user.id, attendance: { meetingId: meeting.id, memberId: user.id, status: 'apologies' } });
    expect((await laptop.call('getSyncStatus', {})).pending).toBeGreaterThan(0);

    await endpoint.restart();
    for (let round = 0; round < 2; round += 1) {
      await laptop.call('syncNow', {});
      await tablet.call('syncNow', {});
    }

    for (const device of [laptop, tablet]) {
      const status = await device.call('getSyncStatus', {});
      expect(status.pending).toBe(0);
      const annotations = await device.call('listAnnotations', { actingMemberId: user.id, meetingId: meeting.id });
      expect(annotations.map((a) => a.id).sort()).toEqual([note.id, second.id].sort());
      // Different fields changed on each device: both changes survive.
      expect(annotations.find((a) => a.id === note.id)).toMatchObject({ body: 'Ask about the access road and the school run', colour: '#3366ff' });
    }

    // The same field changed on both: one side is in force everywhere, the other kept in the conflicts list.
    const conflicts = [...(await laptop.call('listSyncConflicts', {})), ...(await tablet.call('listSyncConflicts', {}))];
    expect(conflicts).toEqual([expect.objectContaining({ entity: 'attendance', entityId: `${meeting.id}:${user.id}`, fields: ['status'] })]);
    const statuses = [(conflicts[0]?.local as { status: string }).status, (conflicts[0]?.server as { status: string }).status].sort();
    expect(statuses).toEqual(['apologies', 'present']);
    const inForce = (conflicts[0]?.server as { status: string }).status;
    for (const device of [laptop, tablet]) {
      expect((await device.call('getAttendance', { meetingId: meeting.id })).entries).toEqual([expect.objectContaining({ memberId: user.id, status: inForce })]);
    }

    // On the endpoint: each record once, holding the merged values.
    const records = await endpoint.records(chair.email, chair.password);
    const keys = records.map((r) => `${r.entity}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const annotations = records.filter((r) => r.entity === 'annotation');
    expect(annotations.map((r) => r.id).sort()).toEqual([note.id, second.id].sort());
    expect(annotations.find((r) => r.id === note.id)?.data).toMatchObject({ body: 'Ask about the access road and the school run', colour: '#3366ff' });
    expect(records.find((r) => r.entity === 'attendance')?.data).toMatchObject({ status: inForce });
  }, 240_000);
});
