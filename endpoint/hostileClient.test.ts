import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { january2022 } from '../electron/core/testing/samplePacks';
import { openClient, upcomingMeeting, type TestClient } from '../electron/core/testing/syncClients';
import { startTestEndpoint, type TestEndpoint } from '../electron/core/testing/testEndpoint';
import type { MutationResult, Session, WireMutation } from '../shared/sync/wire';

/**
 * A member's device that speaks the sync protocol directly, as a modified client could, against the
 * real endpoint on embedded PostgreSQL; honest devices run the real engine and show what they hold.
 */
const committee = 'Planning Panel';
const chair = { name: 'Cllr Ann Chair', email: 'chair@council.example', role: 'chair' as const, password: 'chair password 1', committees: [committee] };
const honest = { name: 'Cllr Bea Honest', email: 'bea@council.example', role: 'councillor' as const, password: 'honest password 1', committees: [committee] };
const hostile = { name: 'Cllr Max Hostile', email: 'max@council.example', role: 'councillor' as const, password: 'hostile password 1', committees: [committee] };

describe('a hostile client against the real endpoint', () => {
  let endpoint: TestEndpoint;
  let meetingId: string;
  let attacker: Session;
  let honestId: string;
  let chairId: string;
  const clients: TestClient[] = [];

  const push = async (mutations: Partial<WireMutation>[]): Promise<MutationResult[]> => {
    const answer = await fetch(`${endpoint.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${attacker.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'hostile-device', mutations: mutations.map((m) => ({ mutationId: randomUUID(), entityId: randomUUID(), baseVersion: 0, operation: 'create', ...m })) }),
    });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { results: MutationResult[] }).results;
  };

  const device = async (member: typeof honest): Promise<TestClient> => {
    const client = openClient();
    clients.push(client);
    await client.call('signInToEndpoint', { endpoint: endpoint.url, email: member.email, password: member.password });
    return client;
  };

  /** An honest member's device syncs to the end, and a new device of theirs finishes its first sync. */
  const honestDevicesStillSync = async (existing: TestClient): Promise<void> => {
    await existing.call('syncNow', {});
    expect((await existing.call('getSyncStatus', {})).pending).toBe(0);
    const fresh = await device(honest);
    await fresh.call('syncNow', {});
    expect((await fresh.call('getSyncStatus', {})).pending).toBe(0);
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
});
