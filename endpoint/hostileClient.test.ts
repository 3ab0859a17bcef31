import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { outcomeId } from '../electron/core/meeting/outcomes';
import { january2022 } from '../electron/core/testing/samplePacks';
import { openClient, upcomingMeeting, type TestClient } from '../electron/core/testing/syncClients';
import { startTestEndpoint, type TestEndpoint } from './testing/testEndpoint';
import type { MutationResult, Session, WireMutation } from '../shared/sync/wire';

/**
 * A member's device that speaks the sync protocol directly, as a modified client could, against the
 * real endpoint on embedded PostgreSQL; honest devices run the real engine and show what they hold.
 */
const committee = 'Planning Panel';
const chair = { name: 'Cllr Ann Chair', email: 'chair@council.example', role: 'chair' as const, password: 'chair password 1', committees: [committee] };
const honest = { name: 'Cllr Bea Honest', email: 'bea@council.example', role: 'councillor' as const, password: 'honest password 1', committees: [committee] };
const hostile = { name: 'Cllr Max Hostile', email: 'max@council.example', role: 'councillor' as const, password: 'hostile password 1', committees: [committee] };
// Chairs the Licensing Committee and only sits on the Planning Panel.
const otherChair = { name: 'Cllr Lee Licensing', email: 'lee@council.example', role: 'chair' as const, password: 'licensing password 1', committees: [committee, 'Licensing Committee'], committeeRoles: { [committee]: 'councillor' as const } };
// Attends for the items they report on; never entitled to Part II.
const officer = { name: 'Olwen Officer', email: 'olwen@council.example', role: 'officer' as const, password: 'officer password 1', committees: [committee] };
// A councillor elsewhere who attends this panel as its officer: that membership decides.
const panelOfficer = { name: 'Cllr Ifan Adviser', email: 'ifan@council.example', role: 'councillor' as const, password: 'adviser password 1', committees: [committee], committeeRoles: { [committee]: 'officer' as const } };

/** A panel comment's wording as the Yjs state its record carries. */
const wording = (text: string): string => {
  const doc = new Y.Doc();
  doc.getText('text').insert(0, text);
  return Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
};

describe('a hostile client against the real endpoint', () => {
  let endpoint: TestEndpoint;
  let meetingId: string;
  let attacker: Session;
  let honestId: string;
  let chairId: string;
  const clients: TestClient[] = [];

  const pushAs = async (session: Session, mutations: Partial<WireMutation>[]): Promise<MutationResult[]> => {
    const answer = await fetch(`${endpoint.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: `raw-${session.user.id}`, mutations: mutations.map((m) => ({ mutationId: randomUUID(), entityId: randomUUID(), baseVersion: 0, operation: 'create', ...m })) }),
    });
    expect(answer.status, await answer.clone().text()).toBe(200);
    return ((await answer.json()) as { results: MutationResult[] }).results;
  };
  const push = (mutations: Partial<WireMutation>[]): Promise<MutationResult[]> => pushAs(attacker, mutations);
  const statuses = (results: MutationResult[]): string[] => results.map((r) => (r.status === 'rejected' ? r.reason : r.status));

  const device = async (member: { email: string; password: string }): Promise<TestClient> => {
    const client = openClient();
    clients.push(client);
    await client.call('signInToEndpoint', { endpoint: endpoint.url, email: member.email, password: member.password });
    return client;
  };

  /** An honest member's device syncs to the end, and a new device of theirs finishes its first sync. */
  const honestDevicesStillSync = async (existing: TestClient): Promise<TestClient> => {
    await existing.call('syncNow', {});
    expect((await existing.call('getSyncStatus', {})).pending).toBe(0);
    const fresh = await device(honest);
    await fresh.call('syncNow', {});
    expect((await fresh.call('getSyncStatus', {})).pending).toBe(0);
    return fresh;
  };

  beforeAll(async () => {
    endpoint = await startTestEndpoint();
    chairId = (await endpoint.addUser(chair)).id;
    honestId = (await endpoint.addUser(honest)).id;
    await endpoint.addUser(hostile);
    meetingId = (await endpoint.publish(upcomingMeeting(), { file: january2022().path })).meeting.id;
    attacker = await endpoint.signIn(hostile.email, hostile.password, 'modified client');
  }, 180_000);

  afterAll(async () => {
    for (const c of clients) c.core.close();
    await endpoint?.close();
  });

  it('cannot overwrite a private note through a forged payload.id or a forged author', async () => {
    const bea = await device(honest);
    await bea.call('syncNow', {});
    const note = await bea.call('createAnnotation', {
      actingMemberId: honestId,
      annotation: { meetingId, kind: 'note', colour: '#ffd60a', pageIndex: 0, rects: [{ x: 10, y: 10, width: 20, height: 20 }], body: 'My private note' },
    });
    await bea.call('syncNow', {});
    const forged = { ...note, body: 'Forged text', authorMemberId: chairId, shared: true };
    const results = await push([
      { entity: 'annotation', payload: forged },
      { entity: 'annotation', payload: { ...forged, id: undefined } },
      { entity: 'annotation', entityId: note.id, operation: 'update', baseVersion: 1, payload: forged },
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await honestDevicesStillSync(bea);
    const held = (await bea.call('listAnnotations', { actingMemberId: honestId, meetingId })).find((a) => a.id === note.id);
    expect(held).toMatchObject({ body: 'My private note', authorMemberId: honestId, shared: false });
  }, 180_000);

  it('cannot self-confirm a declaration, add unknown fields, or poison the feed with a deep or oversized payload', async () => {
    const declaration = {
      memberId: (await endpoint.signIn(hostile.email, hostile.password, 'peek')).user.id,
      meetingId,
      itemNumber: '1',
      kind: 'other-registrable',
      nature: 'I am a member of the parish council',
      natureWithheld: false,
      action: 'remained',
      declaredAt: { when: 'declarations-item' },
      scope: { whole: true },
      preDeclared: true,
      confirmedByChair: true,
      withdrawnAt: null,
      version: 0,
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-01T10:00:00.000Z',
    };
    let deep: unknown = 'bottom';
    for (let i = 0; i < 1000; i++) deep = { deeper: deep };
    const results = await push([
      { entity: 'declaration', payload: declaration },
      { entity: 'declaration', payload: { ...declaration, confirmedByChair: false, surprise: 'stored?' } },
      { entity: 'declaration', payload: { ...declaration, confirmedByChair: false, scope: deep } },
      { entity: 'question', payload: { meetingId, text: 'x'.repeat(200_000) } },
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(['FORBIDDEN', 'INVALID_PAYLOAD', 'INVALID_PAYLOAD', 'INVALID_PAYLOAD']);
    const bea = await device(honest);
    await honestDevicesStillSync(bea);
    expect(await bea.call('listDeclarations', { meetingId })).toEqual([]);
  }, 180_000);

  it('answers a mutation the database refuses as rejected and applies the rest of the batch', async () => {
    const chairSession = await endpoint.signIn(chair.email, chair.password, 'chair raw');
    const declaration = (memberId: string) => ({
      memberId,
      meetingId,
      itemNumber: '1',
      kind: 'other-registrable',
      nature: 'Governor of the primary school',
      natureWithheld: false,
      action: 'remained',
      declaredAt: { when: 'declarations-item' },
      scope: { whole: true },
      preDeclared: false,
      confirmedByChair: true,
      withdrawnAt: null,
      version: 0,
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-01T10:00:00.000Z',
    });
    const answer = await fetch(`${endpoint.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chairSession.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: 'chair-raw',
        mutations: [declaration(honestId), declaration('co-opted-member-unknown-here'), declaration(chairId)].map((payload) => ({ mutationId: randomUUID(), entity: 'declaration', entityId: randomUUID(), baseVersion: 0, operation: 'create', payload })),
      }),
    });
    expect(answer.status).toBe(200);
    const results = ((await answer.json()) as { results: MutationResult[] }).results;
    expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(['applied', 'CONSTRAINT', 'applied']);
    const bea = await device(honest);
    await honestDevicesStillSync(bea);
    expect((await bea.call('listDeclarations', { meetingId })).map((d) => d.memberId).sort()).toEqual([chairId, honestId].sort());
  }, 180_000);

  it('sends the committee a tombstone when a shared note is un-shared and deleted; a new device never sees its text', async () => {
    const author = await device(honest);
    await author.call('syncNow', {});
    const note = await author.call('createAnnotation', {
      actingMemberId: honestId,
      annotation: { meetingId, kind: 'note', colour: '#ffd60a', pageIndex: 0, rects: [{ x: 1, y: 1, width: 2, height: 2 }], body: 'Shared for a moment', shared: true },
    });
    await author.call('syncNow', {});
    const colleague = openClient();
    clients.push(colleague);
    await colleague.call('signInToEndpoint', { endpoint: endpoint.url, email: chair.email, password: chair.password });
    await colleague.call('syncNow', {});
    expect((await colleague.call('listAnnotations', { actingMemberId: chairId, meetingId })).map((a) => a.body)).toContain('Shared for a moment');
    await author.call('shareAnnotation', { actingMemberId: honestId, id: note.id, shared: false });
    await author.call('syncNow', {});
    await colleague.call('syncNow', {});
    expect((await colleague.call('listAnnotations', { actingMemberId: chairId, meetingId })).map((a) => a.body)).not.toContain('Shared for a moment');
    await author.call('deleteAnnotation', { actingMemberId: honestId, id: note.id });
    await author.call('syncNow', {});
    const records = await endpoint.records(chair.email, chair.password);
    expect(JSON.stringify(records)).not.toContain('Shared for a moment');
  }, 240_000);

  it('brings a note back after its synced delete (undo), on every device, with no conflict', async () => {
    const laptop = await device(honest);
    await laptop.call('syncNow', {});
    const note = await laptop.call('createAnnotation', {
      actingMemberId: honestId,
      annotation: { meetingId, kind: 'note', colour: '#ffd60a', pageIndex: 0, rects: [{ x: 3, y: 3, width: 2, height: 2 }], body: 'Deleted then restored' },
    });
    await laptop.call('syncNow', {});
    await laptop.call('deleteAnnotation', { actingMemberId: honestId, id: note.id });
    await laptop.call('syncNow', {});
    await laptop.call('restoreAnnotation', { actingMemberId: honestId, id: note.id });
    const counts = await laptop.call('syncNow', {});
    expect(counts.conflicts).toBe(0);
    const tablet = await device(honest);
    await tablet.call('syncNow', {});
    expect((await tablet.call('listAnnotations', { actingMemberId: honestId, meetingId })).map((a) => a.body)).toContain('Deleted then restored');
    await laptop.call('syncNow', {});
    expect((await laptop.call('getSyncStatus', {})).pending).toBe(0);
    expect((await laptop.call('listAnnotations', { actingMemberId: honestId, meetingId })).map((a) => a.body)).toContain('Deleted then restored');
  }, 240_000);

  it("cannot delete or reword a panel comment once the chair has recorded the panel's agreed wording", async () => {
    const chairSession = await endpoint.signIn(chair.email, chair.password, 'chair raw');
    const id = randomUUID();
    const comment = { meetingId, itemNumber: '5', title: 'Budget', createdBy: chairId, createdAt: '2026-01-01T10:00:00.000Z', textYjs: wording('The panel supports the budget.'), editedBy: chairId };
    const agreed = { ...comment, agreedText: 'The panel supports the budget.', agreedBy: chairId, agreedAt: '2026-01-01T10:05:00.000Z' };
    expect(statuses(await pushAs(chairSession, [{ entity: 'panel_comment', entityId: id, payload: comment }]))).toEqual(['applied']);
    expect(statuses(await pushAs(chairSession, [{ entity: 'panel_comment', entityId: id, operation: 'update', baseVersion: 1, payload: agreed }]))).toEqual(['applied']);
    const bea = await device(honest);
    await bea.call('syncNow', {});
    expect((await bea.call('listPanelComments', { meetingId })).find((c) => c.id === id)).toMatchObject({ agreedText: 'The panel supports the budget.', agreedBy: chairId });

    const me = attacker.user.id;
    const results = await push([
      { entity: 'panel_comment', entityId: id, operation: 'delete', baseVersion: 2, payload: null },
      { entity: 'panel_comment', entityId: id, operation: 'update', baseVersion: 2, payload: { ...agreed, agreedText: 'The panel opposes the budget.', agreedBy: me } },
      { entity: 'panel_comment', entityId: id, operation: 'update', baseVersion: 2, payload: { ...agreed, agreedText: 'The panel opposes the budget.' } },
      { entity: 'panel_comment', entityId: id, operation: 'update', baseVersion: 2, payload: { ...agreed, textYjs: wording('The panel opposes the budget.'), editedBy: me } },
      { entity: 'panel_comment', entityId: id, operation: 'update', baseVersion: 2, payload: { ...comment, agreedText: null, agreedBy: null, agreedAt: null } },
    ]);
    expect(statuses(results)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    const fresh = await honestDevicesStillSync(bea);
    for (const held of [bea, fresh]) {
      const kept = (await held.call('listPanelComments', { meetingId })).find((c) => c.id === id);
      expect(kept).toMatchObject({ text: 'The panel supports the budget.', agreedText: 'The panel supports the budget.', agreedBy: chairId });
    }
  }, 240_000);

  it('cannot preside in a committee it only sits on, though it presides in the one it chairs', async () => {
    const leeId = (await endpoint.addUser(otherChair)).id;
    const lee = await endpoint.signIn(otherChair.email, otherChair.password, 'licensing chair raw');
    const licensing = (await endpoint.publish({ ...upcomingMeeting(), committee: 'Licensing Committee', title: 'Licensing Committee' })).meeting.id;
    const stamp = '2026-01-01T10:00:00.000Z';
    const outcome = (meeting: string) => ({ id: outcomeId(meeting, '5'), meetingId: meeting, itemNumber: '5', kind: 'agreed', resolution: 'Presided by the wrong chair', version: 0, updatedAt: stamp });
    const declaration = { memberId: honestId, meetingId, itemNumber: '5', kind: 'other-registrable', nature: 'Trustee of the village hall', natureWithheld: false, action: 'remained', declaredAt: { when: 'declarations-item' }, scope: { whole: true }, preDeclared: false, confirmedByChair: true, withdrawnAt: null, version: 0, createdAt: stamp, updatedAt: stamp };
    const ownConfirmed = { ...declaration, memberId: leeId, nature: 'Owner of the corner shop' };
    const results = await pushAs(lee, [
      { entity: 'outcome', entityId: outcomeId(meetingId, '5'), payload: outcome(meetingId) },
      { entity: 'declaration', payload: declaration },
      { entity: 'declaration', payload: ownConfirmed },
      { entity: 'attendance', entityId: `${meetingId}:${honestId}`, payload: { meetingId, memberId: honestId, status: 'absent', memberName: honest.name, updatedAt: stamp } },
      { entity: 'meeting_role', entityId: `${meetingId}:${leeId}`, payload: { meetingId, memberId: leeId, role: 'chair' } },
      { entity: 'agenda_progress', entityId: `${meetingId}:5`, payload: { meetingId, itemNumber: '5', position: 0, startedAt: stamp, endedAt: null, deferred: false, partTwo: false } },
      // Their own committee: the same writes are theirs to make.
      { entity: 'outcome', entityId: outcomeId(licensing, '5'), payload: outcome(licensing) },
      { entity: 'meeting_role', entityId: `${licensing}:${leeId}`, payload: { meetingId: licensing, memberId: leeId, role: 'chair' } },
    ]);
    expect(statuses(results)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'applied', 'applied']);
    const bea = await device(honest);
    const fresh = await honestDevicesStillSync(bea);
    for (const held of [bea, fresh]) {
      expect((await held.call('listOutcomes', { meetingId })).map((o) => o.resolution)).not.toContain('Presided by the wrong chair');
      expect((await held.call('listDeclarations', { meetingId })).map((d) => d.nature)).not.toContain('Trustee of the village hall');
      expect((await held.call('listDeclarations', { meetingId })).map((d) => d.nature)).not.toContain('Owner of the corner shop');
      expect((await held.call('getAttendance', { meetingId })).entries.map((e) => e.memberId)).not.toContain(honestId);
      expect((await held.call('listMeetingRoles', { meetingId })).map((r) => r.memberId)).not.toContain(leeId);
      expect((await held.call('getLiveAgenda', { meetingId })).items.find((i) => i.number === '5')?.startedAt ?? null).toBeNull();
    }
  }, 240_000);

  it("keeps notes, outcomes and comments on a Part II item from an officer, and takes them back when an item becomes Part II", async () => {
    const officerId = (await endpoint.addUser(officer)).id;
    const panelOfficerId = (await endpoint.addUser(panelOfficer)).id;
    const chairSession = await endpoint.signIn(chair.email, chair.password, 'chair raw');
    const stamp = '2026-01-01T10:00:00.000Z';
    const partTwo = (itemNumber: string, baseVersion = 0): Partial<WireMutation> => ({
      entity: 'agenda_progress',
      entityId: `${meetingId}:${itemNumber}`,
      operation: baseVersion === 0 ? 'create' : 'update',
      baseVersion,
      payload: { meetingId, itemNumber, position: null, startedAt: null, endedAt: null, deferred: false, partTwo: true },
    });
    // Item 6 is taken in private from the start; item 5 is open until the chair says otherwise.
    expect(statuses(await pushAs(chairSession, [partTwo('6')]))).toEqual(['applied']);
    const author = await device(honest);
    await author.call('syncNow', {});
    const note = (pageIndex: number, body: string) =>
      author.call('createAnnotation', { actingMemberId: honestId, annotation: { meetingId, kind: 'note', colour: '#ffd60a', pageIndex, rects: [{ x: 5, y: 5, width: 2, height: 2 }], body, shared: true } });
    const onSix = await note(25, 'Exempt: the bidder’s price');
    const onFive = await note(5, 'Open at first: the reserve fund');
    expect([onSix.itemNumber, onFive.itemNumber]).toEqual(['6', '5']);
    await author.call('syncNow', {});
    const commentOn = (itemNumber: string, text: string) => ({ meetingId, itemNumber, title: `Item ${itemNumber}`, createdBy: chairId, createdAt: stamp, textYjs: wording(text), editedBy: chairId });
    const resolution = (itemNumber: string, text: string) => ({ id: outcomeId(meetingId, itemNumber), meetingId, itemNumber, kind: 'resolved', resolution: text, version: 0, updatedAt: stamp });
    expect(
      statuses(
        await pushAs(chairSession, [
          { entity: 'outcome', entityId: outcomeId(meetingId, '6'), payload: resolution('6', 'Exempt: accept the bid of £2.1m') },
          { entity: 'panel_comment', payload: commentOn('6', 'Exempt: the panel doubts the bidder') },
          { entity: 'outcome', entityId: outcomeId(meetingId, '5'), payload: resolution('5', 'Open at first: the fund is kept') },
          { entity: 'panel_comment', payload: commentOn('5', 'Open at first: the panel backs the fund') },
        ]),
      ),
    ).toEqual(['applied', 'applied', 'applied', 'applied']);

    const memberDevice = await device(chair);
    const officerDevice = await device(officer);
    const held = async (client: TestClient, actingMemberId: string): Promise<string[]> => {
      await client.call('syncNow', {});
      expect((await client.call('getSyncStatus', {})).pending).toBe(0);
      return [
        ...(await client.call('listAnnotations', { actingMemberId, meetingId })).map((a) => a.body ?? ''),
        ...(await client.call('listOutcomes', { meetingId })).map((o) => o.resolution ?? ''),
        ...(await client.call('listPanelComments', { meetingId })).map((c) => c.text),
      ].filter((text) => text.startsWith('Exempt') || text.startsWith('Open at first'));
    };
    const everything = ['Exempt: the bidder’s price', 'Open at first: the reserve fund', 'Exempt: accept the bid of £2.1m', 'Exempt: the panel doubts the bidder', 'Open at first: the fund is kept', 'Open at first: the panel backs the fund'];
    expect((await held(memberDevice, chairId)).sort()).toEqual([...everything].sort());
    expect((await held(officerDevice, officerId)).sort()).toEqual(everything.filter((t) => t.startsWith('Open at first')).sort());
    const adviserDevice = await device(panelOfficer);
    expect((await held(adviserDevice, panelOfficerId)).sort()).toEqual(everything.filter((t) => t.startsWith('Open at first')).sort());

    // The chair takes item 5 into private session: the officer's copies go, the members' stay.
    expect(statuses(await pushAs(chairSession, [partTwo('5')]))).toEqual(['applied']);
    expect((await held(memberDevice, chairId)).sort()).toEqual([...everything].sort());
    expect(await held(officerDevice, officerId)).toEqual([]);
    expect(await held(adviserDevice, panelOfficerId)).toEqual([]);
    expect(await held(await device(officer), officerId)).toEqual([]);
    const officerRecords = JSON.stringify(await endpoint.records(officer.email, officer.password));
    expect(officerRecords).not.toContain('Exempt');
    expect(officerRecords).not.toContain('Open at first');
    // The author still holds and edits their note; an edit stays out of the officer's reach.
    await author.call('updateAnnotation', { actingMemberId: honestId, id: onFive.id, change: { body: 'Open at first: the reserve fund, revised' } });
    await author.call('syncNow', {});
    expect((await author.call('getSyncStatus', {})).pending).toBe(0);
    expect(await held(officerDevice, officerId)).toEqual([]);
    expect(await held(memberDevice, chairId)).toContain('Open at first: the reserve fund, revised');
  }, 300_000);
});
