import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient, upcomingMeeting, type TestClient } from '../testing/syncClients';
import { taggedPaper as paper } from '../testing/taggedPaper';
import { startTestEndpoint, type TestEndpoint } from '../../../endpoint/testing/testEndpoint';

/**
 * After too long offline, restricted (Part II) text stays closed everywhere this device could
 * serve it, not only when a paper is opened: search, page text, notes exports and minutes.
 */
const councillor = { name: 'Cllr Nia Powell', email: 'nia@council.example', role: 'councillor' as const, password: 'nia password 12', committees: ['Planning Panel'] };
const clerk = { name: 'Siân Clerk', email: 'sian@council.example', role: 'clerk' as const, password: 'sian password 12', committees: ['Planning Panel'] };
const chair = { name: 'Cllr Owain Chair', email: 'owain@council.example', role: 'chair' as const, password: 'owain password 1', committees: ['Planning Panel'] };


describe('the offline expiry gate over restricted text', () => {
  let endpoint: TestEndpoint;
  let memberId: string;
  let client: TestClient;
  let later: TestClient | undefined;
  let now = Date.now();

  beforeAll(async () => {
    endpoint = await startTestEndpoint();
    memberId = (await endpoint.addUser(councillor)).id;
  }, 120_000);

  afterAll(async () => {
    client?.core.close();
    later?.core.close();
    await endpoint?.close();
  });

  it('leaves Part II pages out of search and refuses their page text, notes exports and minutes until the member signs in again', async () => {
    const { meeting } = await endpoint.publish({
      ...upcomingMeeting(7),
      items: [
        { number: '1', title: 'Land at Heol y Nant', restricted: false },
        { number: '2', title: 'Sale of the depot', restricted: true },
      ],
    });
    await endpoint.upload(meeting.id, { bytes: await paper(['heola']), title: 'Heol y Nant report', kind: 'report', itemNumber: '1' });
    await endpoint.upload(meeting.id, { bytes: await paper(['depot']), title: 'Depot sale report', kind: 'report', itemNumber: '2', restricted: true });
    // A meeting with no Part II business: its exports never wait for a sign-in.
    const other = (await endpoint.publish({ ...upcomingMeeting(14), items: [{ number: '1', title: 'Apologies', restricted: false }] })).meeting;
    await endpoint.upload(other.id, { bytes: await paper(['apolo']), title: 'Apologies report', kind: 'report', itemNumber: '1' });

    client = openClient(undefined, { clock: () => new Date(now) });
    await client.call('signInToEndpoint', { endpoint: endpoint.url, email: councillor.email, password: councillor.password });
    await client.call('configureSync', { offlineExpiryDays: 30 });
    await client.call('syncNow', {});
    const pack = await client.call('getMeetingPack', { meetingId: meeting.id });
    expect(pack?.items.map((i) => [i.number, i.pdfPages?.from, i.restricted === true])).toEqual([
      ['1', 1, false],
      ['2', 2, true],
    ]);
    const packId = pack?.packId ?? '';
    const found = async (tag: string) => (await client.call('searchPacks', { query: tag, limit: 10 })).map((h) => [h.meetingId, h.page]);
    const note = (pageIndex: number, body: string) =>
      client.call('createAnnotation', { actingMemberId: memberId, annotation: { meetingId: meeting.id, kind: 'note', colour: '#ffd60a', pageIndex, rects: [{ x: 5, y: 5, width: 2, height: 2 }], body } });
    const exported = (format: 'md' | 'pdf') => client.core.call('exportAnnotations', { actingMemberId: memberId, meetingId: meeting.id, format });
    const minutes = (meetingId: string) => client.core.call('exportMinutes', { meetingId, format: 'html', language: 'en-GB' });
    const pageText = (pageIndex: number) => client.core.call('getPageText', { packId, pageIndex });
    const textOf = async (pageIndex: number) => {
      const answer = await pageText(pageIndex);
      return answer.ok ? answer.value.text : '';
    };
    const refused = { ok: false, error: { code: 'SIGN_IN_REQUIRED' } };

    // Signed in recently: everything is served.
    expect(await found('depot')).toEqual([[meeting.id, 2]]);
    expect(await textOf(1)).toContain('depot');
    await note(0, 'Ask about the access road');
    expect(await minutes(meeting.id)).toMatchObject({ ok: true });
    // The panel's clerk gives the councillor their seat, so they may draft the panel's comment.
    await endpoint.addUser(clerk);
    const clerkSession = await endpoint.signIn(clerk.email, clerk.password, 'clerk raw');
    const seated = await fetch(`${endpoint.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerkSession.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: randomUUID(), mutations: [{ mutationId: randomUUID(), entity: 'meeting_role', entityId: `${meeting.id}:${memberId}`, baseVersion: 0, operation: 'create', payload: { meetingId: meeting.id, memberId, role: 'member' } }] }),
    });
    expect(seated.status).toBe(200);
    await client.call('syncNow', {});
    const comment = await client.call('createPanelComment', { actingMemberId: memberId, meetingId: meeting.id, itemNumber: '2', title: 'Depot', text: 'The panel doubts the valuation' });
    const listed = async () => ({
      notes: (await client.call('listAnnotations', { actingMemberId: memberId, meetingId: meeting.id })).map((a) => a.body),
      comments: (await client.call('listPanelComments', { meetingId: meeting.id })).map((c) => c.itemNumber),
      questions: (await client.call('listQuestions', { actingMemberId: memberId, meetingId: meeting.id })).map((q) => q.text),
    });
    expect(await listed()).toEqual({ notes: ['Ask about the access road'], comments: ['2'], questions: [] });

    now += 31 * 86_400_000;
    expect(await client.call('getSyncStatus', {})).toMatchObject({ signInRequired: true });
    expect(await found('depot')).toEqual([]);
    expect(await found('heola')).toEqual([[meeting.id, 1]]);
    expect(await pageText(1)).toMatchObject(refused);
    expect(await textOf(0)).toContain('heola');
    // Notes on open business export; the annotated pack holds the Part II pages, so it waits.
    const open = await exported('md');
    expect(open).toMatchObject({ ok: true });
    expect(Buffer.from(open.ok ? open.value.data : '', 'base64').toString('utf8')).toContain('Ask about the access road');
    expect(await exported('pdf')).toMatchObject(refused);
    // A note on the Part II item (made offline, which is allowed) closes the notes export too.
    await note(1, 'The depot price is too low');
    const question = await client.call('createQuestion', { actingMemberId: memberId, meetingId: meeting.id, itemNumber: '2', text: 'Who valued the depot?' });
    expect(await exported('md')).toMatchObject(refused);
    // On screen too: what is written on the Part II item stays out of the lists, and its text closed.
    expect(await listed()).toEqual({ notes: ['Ask about the access road'], comments: [], questions: [] });
    expect(await client.core.call('pullPanelComment', { commentId: comment.id })).toMatchObject(refused);
    expect(await client.core.call('getPanelCommentHistory', { commentId: comment.id })).toMatchObject(refused);
    // Minutes leaving exempt business out would read as the whole record: refused, not cut.
    expect(await minutes(meeting.id)).toMatchObject(refused);
    expect(await minutes(other.id)).toMatchObject({ ok: true });
    expect(await found('apolo')).toEqual([[other.id, 1]]);

    await client.call('signInToEndpoint', { endpoint: endpoint.url, email: councillor.email, password: councillor.password });
    expect(await found('depot')).toEqual([[meeting.id, 2]]);
    expect(await pageText(1)).toMatchObject({ ok: true });
    const all = await exported('md');
    expect(Buffer.from(all.ok ? all.value.data : '', 'base64').toString('utf8')).toContain('The depot price is too low');
    expect(await exported('pdf')).toMatchObject({ ok: true });
    expect(await minutes(meeting.id)).toMatchObject({ ok: true });
    expect((await listed()).notes.sort()).toEqual(['Ask about the access road', 'The depot price is too low']);
    expect((await client.call('pullPanelComment', { commentId: comment.id })).comment.id).toBe(comment.id);
    expect((await listed()).questions).toEqual(['Who valued the depot?']);
    // Gone again, so the member's later device (below) holds only what its own test gives it.
    await client.call('deleteQuestion', { actingMemberId: memberId, id: question.id });
    await client.call('syncNow', {});
  }, 240_000);

  it('treats an item the chair took into private session on the day as Part II too, and keeps the notes retention saved on it closed', async () => {
    await endpoint.addUser(chair);
    const session = await endpoint.signIn(chair.email, chair.password, 'chair raw');
    const { meeting } = await endpoint.publish({ ...upcomingMeeting(21), items: [{ number: '1', title: 'Staffing matters', restricted: false }] });
    await endpoint.upload(meeting.id, { bytes: await paper(['staff']), title: 'Staffing report', kind: 'report', itemNumber: '1' });
    const progress = { meetingId: meeting.id, itemNumber: '1', position: null, startedAt: null, endedAt: null, deferred: false, partTwo: true };
    const pushed = await fetch(`${endpoint.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: randomUUID(), mutations: [{ mutationId: randomUUID(), entity: 'agenda_progress', entityId: `${meeting.id}:1`, baseVersion: 0, operation: 'create', payload: progress }] }),
    });
    expect(pushed.status).toBe(200);

    let at = Date.now();
    later = openClient(undefined, { clock: () => new Date(at) });
    await later.call('signInToEndpoint', { endpoint: endpoint.url, email: councillor.email, password: councillor.password });
    await later.call('syncNow', {});
    expect((await later.call('getLiveAgenda', { meetingId: meeting.id })).items.find((i) => i.number === '1')?.partTwo).toBe(true);
    expect((await later.call('searchPacks', { query: 'staff', limit: 10 })).map((h) => h.meetingId)).toEqual([meeting.id]);
    at += 31 * 86_400_000;
    expect(await later.call('searchPacks', { query: 'staff', limit: 10 })).toEqual([]);
    expect(await later.core.call('exportMinutes', { meetingId: meeting.id, format: 'html', language: 'en-GB' })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });

    // Months later, still offline, retention clears the papers: the member's notes on the item are
    // saved (sealed, served to nobody), and stay closed like the rest until the member signs in.
    const me = (await later.call('getSyncStatus', {})).user?.id ?? '';
    await later.call('createAnnotation', { actingMemberId: me, annotation: { meetingId: meeting.id, kind: 'note', colour: '#ffd60a', pageIndex: 0, rects: [{ x: 5, y: 5, width: 2, height: 2 }], body: 'The restructure loses two posts' } });
    at += 200 * 86_400_000;
    // Both meetings this member wrote notes on (this one and the first test's) are past: each one's
    // notes are saved, and every file stays closed.
    expect(await later.call('applyRetention', { months: 6, exportNotes: true })).toMatchObject({ notesFiles: 2 });
    const saved = await later.call('listSavedNotes', {});
    expect(saved).toHaveLength(2);
    for (const file of saved) expect(await later.core.call('readSavedNotes', { id: file.id })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    await later.call('signInToEndpoint', { endpoint: endpoint.url, email: councillor.email, password: councillor.password });
    const device = later;
    const opened = await Promise.all(saved.map(async (file) => Buffer.from((await device.call('readSavedNotes', { id: file.id })).data, 'base64').toString('utf8')));
    expect(opened.filter((text) => text.includes('The restructure loses two posts'))).toHaveLength(1);
  }, 240_000);
});
