import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { january2022 } from '../testing/samplePacks';
import { openClient, upcomingMeeting, type TestClient } from '../testing/syncClients';
import { startTestEndpoint, type TestEndpoint } from '../../../endpoint/testing/testEndpoint';
import { outcomeId } from '../meeting/outcomes';

// The chair the pack's front sheet names: once the pack is imported only the chair, vice-chair or clerk hands out roles.
const chair = { name: 'Cllr Mike Rouse', email: 'chair@council.example', role: 'chair' as const, password: 'chair password 1', committees: ['Planning Panel'] };
const member = { name: 'Cllr Bryn Member', email: 'bryn@council.example', role: 'councillor' as const, password: 'member password 1', committees: ['Planning Panel'] };

const appendText = async (device: TestClient, memberId: string, commentId: string, at: 'start' | 'end', words: string): Promise<void> => {
  // An editor's change as the renderer makes it: a Yjs update against the document it holds.
  const Y = await import('yjs');
  const pulled = await device.call('pullPanelComment', { commentId });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(pulled.update, 'base64'));
  const before = Y.encodeStateVector(doc);
  const text = doc.getText('text');
  text.insert(at === 'start' ? 0 : text.length, words);
  await device.call('pushPanelCommentUpdate', { actingMemberId: memberId, commentId, update: Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('base64') });
};

describe('the meeting as it runs, across devices, through the real endpoint', () => {
  let endpoint: TestEndpoint;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    endpoint = await startTestEndpoint();
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.core.close();
    await endpoint?.close();
  });

  it("members' devices follow the chair's agenda; outcomes, actions and panel comments reach everyone and merge", async () => {
    const chairUser = await endpoint.addUser(chair);
    const memberUser = await endpoint.addUser(member);
    const { meeting } = await endpoint.publish(upcomingMeeting(), { file: january2022().path });
    const chairLaptop = openClient();
    const chairTablet = openClient();
    const memberLaptop = openClient();
    clients.push(chairLaptop, chairTablet, memberLaptop);
    const syncAll = async (): Promise<void> => {
      for (let round = 0; round < 2; round += 1) for (const device of clients) await device.call('syncNow', {});
    };

    for (const [device, who] of [[chairLaptop, chair], [chairTablet, chair], [memberLaptop, member]] as const) {
      await device.call('signInToEndpoint', { endpoint: endpoint.url, email: who.email, password: who.password });
      await device.call('syncNow', {});
    }
    await chairLaptop.call('setMeetingRole', { actingMemberId: chairUser.id, meetingId: meeting.id, memberId: chairUser.id, role: 'chair' });
    await chairLaptop.call('setMeetingRole', { actingMemberId: chairUser.id, meetingId: meeting.id, memberId: memberUser.id, role: 'member' });
    await syncAll();
    const items = (await memberLaptop.call('getLiveAgenda', { meetingId: meeting.id })).items.map((i) => i.number);
    expect(items.length).toBeGreaterThan(2);
    const [first, second, third] = items as [string, string, string];

    // The chair starts the meeting on the laptop: the member's device shows the same item as current.
    await chairLaptop.call('startAgendaItem', { actingMemberId: chairUser.id, meetingId: meeting.id, itemNumber: first });
    await chairLaptop.call('startAgendaItem', { actingMemberId: chairUser.id, meetingId: meeting.id, itemNumber: second });
    await syncAll();
    const followed = await memberLaptop.call('getLiveAgenda', { meetingId: meeting.id });
    expect(followed.currentItem).toBe(second);
    const taken = followed.items.find((i) => i.number === first);
    expect([taken?.startedAt, taken?.endedAt].every((at) => typeof at === 'string')).toBe(true);
    expect(await chairTablet.call('getLiveAgenda', { meetingId: meeting.id })).toMatchObject({ currentItem: second });
    // Only the chair moves the agenda on: a member's device refuses (and the endpoint would too).
    const refused = await memberLaptop.core.call('startAgendaItem', { actingMemberId: memberUser.id, meetingId: meeting.id, itemNumber: third });
    expect(refused.ok).toBe(false);

    // Offline, the chair's two devices record the same item's outcome differently.
    await endpoint.stop();
    const onLaptop = await chairLaptop.call('recordOutcome', { actingMemberId: chairUser.id, outcome: { meetingId: meeting.id, itemNumber: first, kind: 'agreed' } });
    const onTablet = await chairTablet.call('recordOutcome', { actingMemberId: chairUser.id, outcome: { meetingId: meeting.id, itemNumber: first, kind: 'deferred' } });
    expect(onLaptop.id).toBe(onTablet.id);
    expect(onLaptop.id).toBe(outcomeId(meeting.id, first));
    const action = await chairLaptop.call('saveAction', { actingMemberId: chairUser.id, action: { meetingId: meeting.id, itemNumber: second, text: 'Officers to report back on the access road', owner: 'Head of Planning', status: 'open' } });
    await endpoint.restart();
    await syncAll();

    // One record, one value in force everywhere, the other kept as a conflict to decide.
    const conflicts = [...(await chairLaptop.call('listSyncConflicts', {})), ...(await chairTablet.call('listSyncConflicts', {}))];
    expect(conflicts).toEqual([expect.objectContaining({ entity: 'outcome', entityId: onLaptop.id, fields: ['kind'] })]);
    const inForce = (conflicts[0]?.server as { kind: string }).kind;
    for (const device of clients) {
      expect((await device.call('listOutcomes', { meetingId: meeting.id })).map((o) => [o.id, o.kind])).toEqual([[onLaptop.id, inForce]]);
      expect((await device.call('listActions', { meetingId: meeting.id })).map((a) => [a.id, a.text])).toEqual([[action.id, action.text]]);
    }

    // A panel comment drafted by the member and edited on two devices offline: both edits are kept.
    const comment = await memberLaptop.call('createPanelComment', { actingMemberId: memberUser.id, meetingId: meeting.id, itemNumber: second, title: 'Access road', text: 'The panel is concerned about the access road.' });
    await syncAll();
    expect((await chairTablet.call('listPanelComments', { meetingId: meeting.id })).map((c) => c.text)).toEqual(['The panel is concerned about the access road.']);
    await endpoint.stop();
    await appendText(memberLaptop, memberUser.id, comment.id, 'end', ' It asks for a traffic survey.');
    await appendText(chairTablet, chairUser.id, comment.id, 'start', 'Unanimously: ');
    await endpoint.restart();
    await syncAll();
    const expected = 'Unanimously: The panel is concerned about the access road. It asks for a traffic survey.';
    for (const device of clients) {
      expect((await device.call('listPanelComments', { meetingId: meeting.id })).map((c) => c.text)).toEqual([expected]);
    }
    // Text merges are never a conflict to decide; the outcome clash is still the only one.
    expect([...(await chairLaptop.call('listSyncConflicts', {})), ...(await chairTablet.call('listSyncConflicts', {})), ...(await memberLaptop.call('listSyncConflicts', {}))]).toHaveLength(1);
    // Pulled again, the comment does not grow: what is already held is not stored twice.
    const history = (await memberLaptop.call('getPanelCommentHistory', { commentId: comment.id })).length;
    await syncAll();
    expect((await memberLaptop.call('getPanelCommentHistory', { commentId: comment.id })).length).toBe(history);

    // Minutes: the chair's laptop starts them and writes item 2's narrative; the tablet receives it.
    const paragraph = (text: string) => ({ type: 'paragraph' as const, runs: [{ text }] });
    await chairLaptop.call('startMinutes', { actingMemberId: chairUser.id, meetingId: meeting.id, councilName: 'Cyngor Sir Enghraifft' });
    await chairLaptop.call('saveMinuteNarrative', { actingMemberId: chairUser.id, meetingId: meeting.id, itemNumber: second, narrative: [paragraph('The panel considered the report.'), paragraph('Members asked about the access road.')] });
    await syncAll();
    const narrativeOn = async (device: TestClient) => (await device.call('getMinutes', { meetingId: meeting.id }))?.narratives.find((n) => n.itemNumber === second)?.narrative;
    expect(await narrativeOn(chairTablet)).toEqual([paragraph('The panel considered the report.'), paragraph('Members asked about the access road.')]);
    // Offline, each device edits a different paragraph: both edits are in the minutes everywhere.
    await endpoint.stop();
    await chairLaptop.call('saveMinuteNarrative', { actingMemberId: chairUser.id, meetingId: meeting.id, itemNumber: second, narrative: [paragraph('The panel considered the report of the Head of Planning.'), paragraph('Members asked about the access road.')] });
    await chairTablet.call('saveMinuteNarrative', { actingMemberId: chairUser.id, meetingId: meeting.id, itemNumber: second, narrative: [paragraph('The panel considered the report.'), paragraph('Members asked about the access road and the school run.')] });
    await endpoint.restart();
    await syncAll();
    for (const device of clients) {
      expect(await narrativeOn(device)).toEqual([paragraph('The panel considered the report of the Head of Planning.'), paragraph('Members asked about the access road and the school run.')]);
    }
    // The workflow follows too: circulated on the laptop, circulated everywhere.
    await chairLaptop.call('circulateMinutes', { actingMemberId: chairUser.id, meetingId: meeting.id });
    await syncAll();
    for (const device of clients) expect((await device.call('getMinutes', { meetingId: meeting.id }))?.status).toBe('circulated');

    for (const device of clients) expect((await device.call('getSyncStatus', {})).pending).toBe(0);
    const records = await endpoint.records(chair.email, chair.password);
    const keys = records.map((r) => `${r.entity}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(records.filter((r) => r.entity === 'meeting_live').map((r) => [r.id, (r.data as { currentItem: string }).currentItem])).toEqual([[meeting.id, second]]);
  }, 300_000);
});
