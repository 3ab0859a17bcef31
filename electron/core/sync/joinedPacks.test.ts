import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingPack } from '../../../shared/domain/import';
import { openDataDatabase } from '../testing/dataDatabase';
import { openClient, syncFixture, upcomingMeeting, type SyncFixture, type TestClient } from '../testing/syncClients';
import { startTestEndpoint, type TestEndpoint } from '../../../endpoint/testing/testEndpoint';
import { taggedPaper as paper } from '../testing/taggedPaper';

/**
 * A meeting published as agenda items and separate papers (no pack PDF) reaches each member's
 * device as one pack: the papers they may see, joined in agenda order, with the agenda's items.
 */

const councillor = { name: 'Cllr Rhys Morgan', email: 'rhys@council.example', role: 'councillor' as const, password: 'rhys password 1', committees: ['Planning Panel'] };
// Officers see the committee's papers but not its Part II ones (endpoint/access.ts).
const officer = { name: 'Siân Officer', email: 'sian@council.example', role: 'officer' as const, password: 'sian password 1', committees: ['Planning Panel'] };

/** Where search finds each tag in the member's packs: the page and the item it belongs to. */
async function placeOf(client: TestClient, tag: string): Promise<{ meetingId: string; page: number; item: string | null; version: number }[]> {
  const hits = await client.call('searchPacks', { query: tag, limit: 10 });
  return hits.map((h) => ({ meetingId: h.meetingId, page: h.page, item: h.itemNumber, version: h.version }));
}

function itemPages(pack: MeetingPack | null): Record<string, { pages: string; status: string; restricted: boolean }> {
  return Object.fromEntries(
    (pack?.items ?? []).map((i) => [i.number, { pages: i.pdfPages ? `${i.pdfPages.from}-${i.pdfPages.to}` : '', status: i.status, restricted: i.restricted === true }]),
  );
}

function documentRows(dataDir: string, meetingId: string): { title: string; stored: boolean; error: string | null; parts: number }[] {
  const db = openDataDatabase(dataDir);
  try {
    return db
      .prepare<[string], { title: string; stored_at: string | null; error: string | null; parts: number }>(
        `SELECT json_extract(s.data, '$.title') AS title, d.stored_at, d.error,
                (SELECT count(*) FROM sync_download_parts p WHERE p.document_id = d.document_id) AS parts
           FROM sync_documents d JOIN sync_shadow s ON s.entity = 'meeting_document' AND s.id = d.document_id
          WHERE d.meeting_id = ? ORDER BY d.rowid`,
      )
      .all(meetingId)
      .map((r) => ({ title: r.title, stored: r.stored_at !== null, error: r.error, parts: r.parts }));
  } finally {
    db.close();
  }
}

describe('a meeting published as agenda items and documents', () => {
  let endpoint: TestEndpoint;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    endpoint = await startTestEndpoint();
    await endpoint.addUser(councillor);
    await endpoint.addUser(officer);
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.core.close();
    await endpoint?.close();
  });

  const device = async (member: typeof councillor | typeof officer, options: Parameters<typeof openClient>[1] = {}): Promise<TestClient> => {
    const client = openClient(undefined, options);
    clients.push(client);
    await client.call('signInToEndpoint', { endpoint: endpoint.url, email: member.email, password: member.password });
    return client;
  };

  it('is joined in agenda order into one pack with the agenda items; Part II only for those entitled; a republished report makes a new version', async () => {
    const { meeting } = await endpoint.publish({
      ...upcomingMeeting(7),
      items: [
        { number: '1', title: 'Apologies', restricted: false },
        { number: '2', title: 'Land at Heol y Nant', restricted: false },
        { number: '3', title: 'Ysgol Gymraeg extension', restricted: false },
        { number: '4', title: 'Staffing restructure', restricted: false },
      ],
    });
    // Published out of agenda order, appendices before their report: the device puts them right.
    await endpoint.upload(meeting.id, { bytes: await paper(['ysgaa', 'ysgab']), title: 'Ysgol Gymraeg report', kind: 'report', itemNumber: '3' });
    await endpoint.upload(meeting.id, { bytes: await paper(['planb']), title: 'Site plan', kind: 'appendix', itemNumber: '2' });
    await endpoint.upload(meeting.id, { bytes: await paper(['heola', 'heolb']), title: 'Heol y Nant report', kind: 'report', itemNumber: '2' });
    await endpoint.upload(meeting.id, { bytes: await paper(['staff']), title: 'Staffing report', kind: 'report', itemNumber: '4', restricted: true });
    await endpoint.upload(meeting.id, { bytes: await paper(['objec']), title: 'Objections received', kind: 'appendix', itemNumber: '2' });

    let now = Date.now();
    const [entitled, notEntitled] = [await device(councillor, { clock: () => new Date(now) }), await device(officer)];
    for (const client of [entitled, notEntitled]) await client.call('syncNow', {});

    const full = await entitled.call('getMeetingPack', { meetingId: meeting.id });
    expect(full).toMatchObject({ version: 1, pageCount: 7 });
    expect(itemPages(full)).toEqual({
      '1': { pages: '', status: 'none', restricted: false },
      '2': { pages: '1-4', status: 'published', restricted: false },
      '3': { pages: '5-6', status: 'published', restricted: false },
      '4': { pages: '7-7', status: 'published', restricted: true },
    });
    // Page by page, by the text on it: report, then appendices in publish order, item by item.
    const expected: [string, number, string][] = [
      ['heola', 1, '2'],
      ['heolb', 2, '2'],
      ['planb', 3, '2'],
      ['objec', 4, '2'],
      ['ysgaa', 5, '3'],
      ['ysgab', 6, '3'],
      ['staff', 7, '4'],
    ];
    for (const [tag, page, item] of expected) expect(await placeOf(entitled, tag), tag).toEqual([{ meetingId: meeting.id, page, item, version: 1 }]);

    // Without Part II: the same agenda, the exempt item marked and without papers.
    const open = await notEntitled.call('getMeetingPack', { meetingId: meeting.id });
    expect(open).toMatchObject({ version: 1, pageCount: 6 });
    expect(itemPages(open)).toEqual({
      '1': { pages: '', status: 'none', restricted: false },
      '2': { pages: '1-4', status: 'published', restricted: false },
      '3': { pages: '5-6', status: 'published', restricted: false },
      '4': { pages: '', status: 'none', restricted: false },
    });
    expect(await placeOf(notEntitled, 'staff')).toEqual([]);
    expect(await placeOf(notEntitled, 'ysgab')).toEqual([{ meetingId: meeting.id, page: 6, item: '3', version: 1 }]);

    // Nothing new: no new version, nothing downloaded again.
    await entitled.call('syncNow', {});
    expect((await entitled.call('getMeetingPack', { meetingId: meeting.id }))?.version).toBe(1);
    expect(documentRows(entitled.dataDir, meeting.id).every((d) => d.stored && d.error === null && d.parts === 0)).toBe(true);

    // The clerk republishes the Heol y Nant report, a page longer.
    await endpoint.upload(meeting.id, { bytes: await paper(['heolc', 'heold', 'heole']), title: 'Heol y Nant report', kind: 'report', itemNumber: '2' });
    await entitled.call('syncNow', {});
    const revised = await entitled.call('getMeetingPack', { meetingId: meeting.id });
    expect(revised).toMatchObject({ version: 2, pageCount: 8 });
    expect(revised?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(itemPages(revised)).toMatchObject({ '2': { pages: '1-5' }, '3': { pages: '6-7' }, '4': { pages: '8-8', restricted: true } });
    expect(await placeOf(entitled, 'heold')).toEqual([{ meetingId: meeting.id, page: 2, item: '2', version: 2 }]);
    expect(await placeOf(entitled, 'objec')).toEqual([{ meetingId: meeting.id, page: 5, item: '2', version: 2 }]);
    // Search reads the latest version: the old report's pages are gone from it.
    expect(await placeOf(entitled, 'heola')).toEqual([]);
    expect(revised?.changes).toEqual(expect.arrayContaining([expect.objectContaining({ number: '2', change: 'changed' })]));

    // The joined pack holds a restricted paper: after too long offline it needs a new sign-in, as the paper itself would.
    const read = () => entitled.core.call('readDocument', { sha256: revised?.documentSha256 ?? '', offset: 0, length: 1024 });
    expect(await read()).toMatchObject({ ok: true });
    now += 31 * 86_400_000;
    expect(await read()).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
  }, 240_000);

  it('refuses a corrupt paper with its reason, imports nothing for that meeting, and carries on with the others', async () => {
    const { meeting: broken } = await endpoint.publish({ ...upcomingMeeting(9), items: [{ number: '1', title: 'Budget', restricted: false }] });
    await endpoint.upload(broken.id, { bytes: await paper(['budga']), title: 'Budget report', kind: 'report', itemNumber: '1' });
    const noise = Buffer.alloc(4000);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
    // A PDF header over noise: the endpoint takes it (it checks only the header); no reader can open it.
    await endpoint.upload(broken.id, { bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), noise]), title: 'Budget appendix', kind: 'appendix', itemNumber: '1' });
    const { meeting: fine } = await endpoint.publish({ ...upcomingMeeting(10), items: [{ number: '1', title: 'Allotments', restricted: false }] });
    await endpoint.upload(fine.id, { bytes: await paper(['allot']), title: 'Allotments report', kind: 'report', itemNumber: '1' });

    const client = await device(councillor);
    await client.call('syncNow', {});
    expect(await client.call('getMeetingPack', { meetingId: broken.id })).toBeNull();
    expect(await placeOf(client, 'budga')).toEqual([]);
    const rows = documentRows(client.dataDir, broken.id);
    expect(rows.map((r) => ({ title: r.title, stored: r.stored, parts: r.parts }))).toEqual([
      { title: 'Budget report', stored: false, parts: 0 },
      { title: 'Budget appendix', stored: false, parts: 0 },
    ]);
    expect(rows[0]?.error).toBeNull();
    expect(rows[1]?.error).toMatch(/^"Budget appendix" \(appendix, item 1, version 1\) is not a readable PDF/);
    // The other meeting was not held up.
    expect(await placeOf(client, 'allot')).toEqual([{ meetingId: fine.id, page: 1, item: '1', version: 1 }]);
    const status = await client.call('getSyncStatus', {});
    expect(status.lastError).toBeNull();
    // The member is told which paper is missing, and from which meeting; the good report is not listed.
    expect(status.unavailablePapers).toEqual([{ meetingId: broken.id, meetingTitle: broken.title, meetingDate: broken.date, title: 'Budget appendix', kind: 'appendix' }]);

    // Refused until republished: the next sync does not try again.
    await client.call('syncNow', {});
    expect(await client.call('getMeetingPack', { meetingId: broken.id })).toBeNull();

    // The clerk republishes a good appendix: the meeting gets its pack.
    await endpoint.upload(broken.id, { bytes: await paper(['budgb']), title: 'Budget appendix', kind: 'appendix', itemNumber: '1' });
    await client.call('syncNow', {});
    const pack = await client.call('getMeetingPack', { meetingId: broken.id });
    expect(pack).toMatchObject({ version: 1, pageCount: 2 });
    expect(await placeOf(client, 'budgb')).toEqual([{ meetingId: broken.id, page: 2, item: '1', version: 1 }]);
    // The republished version replaced the refused one, so nothing is reported missing any more.
    expect((await client.call('getSyncStatus', {})).unavailablePapers).toEqual([]);
  }, 240_000);
});

describe('the papers of a joined pack, cut off and the app closed', () => {
  let fixture: SyncFixture;
  beforeAll(async () => {
    fixture = await syncFixture(councillor);
  }, 120_000);
  afterAll(() => fixture?.close());

  it('keeps the papers already whole, resumes the cut one with a Range request after a restart, and then joins them', async () => {
    const { endpoint, proxy } = fixture;
    const { meeting } = await endpoint.publish({ ...upcomingMeeting(12), items: [{ number: '1', title: 'Flood defences', restricted: false }] });
    const report = await endpoint.upload(meeting.id, { bytes: await paper(['flooa', 'floob']), title: 'Flood defences report', kind: 'report', itemNumber: '1' });
    const appendix = await endpoint.upload(meeting.id, { bytes: await paper(['flooc', 'flood', 'flooe']), title: 'Flood map', kind: 'appendix', itemNumber: '1' });
    const syncTuning = { retryBaseMs: 10, retryMaxMs: 20, maxAttempts: 1, requestTimeoutMs: 10_000 };
    const client = await fixture.device({ syncTuning });
    // The report arrives whole; every request for the appendix is cut half way.
    proxy.setFaults((_index, _method, path) => (path === `/v1/documents/${appendix.sha256}` ? 'cut-body' : 'pass'));
    expect((await client.core.call('syncNow', {})).ok).toBe(false);
    expect(await client.call('getMeetingPack', { meetingId: meeting.id })).toBeNull();
    client.core.close();
    const before = documentRows(client.dataDir, meeting.id);
    expect(before.map((r) => ({ title: r.title, stored: r.stored, error: r.error }))).toEqual([
      { title: 'Flood defences report', stored: false, error: null },
      { title: 'Flood map', stored: false, error: null },
    ]);
    expect(before.every((r) => r.parts > 0)).toBe(true);
    const db = openDataDatabase(client.dataDir);
    const received = db.prepare<[string], { received: number }>('SELECT received FROM sync_documents WHERE document_id = ?').get(appendix.id)?.received ?? 0;
    db.close();
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(appendix.size);

    proxy.setFaults(() => 'pass');
    const requestsBefore = proxy.log.length;
    const restarted = openClient(client.dataDir, { syncTuning });
    fixture.clients.push(restarted);
    await restarted.call('syncNow', {});
    const documentRequests = proxy.log.slice(requestsBefore).filter((r) => r.path.startsWith('/v1/documents/'));
    // The report is not fetched again; the appendix carries on from the bytes held.
    expect(documentRequests).toEqual([expect.objectContaining({ path: `/v1/documents/${appendix.sha256}`, range: `bytes=${received}-` })]);
    expect(documentRequests.some((r) => r.path === `/v1/documents/${report.sha256}`)).toBe(false);
    const pack = await restarted.call('getMeetingPack', { meetingId: meeting.id });
    expect(pack).toMatchObject({ version: 1, pageCount: 5 });
    expect(itemPages(pack)).toEqual({ '1': { pages: '1-5', status: 'published', restricted: false } });
    expect(await placeOf(restarted, 'flood')).toEqual([{ meetingId: meeting.id, page: 4, item: '1', version: 1 }]);
    expect(documentRows(restarted.dataDir, meeting.id).map((r) => ({ stored: r.stored, parts: r.parts }))).toEqual([
      { stored: true, parts: 0 },
      { stored: true, parts: 0 },
    ]);
  }, 240_000);
});
