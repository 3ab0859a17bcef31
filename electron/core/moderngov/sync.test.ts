import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RefreshResult } from '../../../shared/domain/moderngov';
import { openCore, type Core } from '../core';
import { takingTurns } from '../identity/switchingCaller';
import { openDataDatabase } from '../testing/dataDatabase';
import { startModernGovSite, type ModernGovTestSite } from '../testing/modernGovSite';
import { samplePackDir } from '../testing/samplePacks';
import { distDir, makeTempDir } from '../testing/tempDir';
import { value } from '../testing/harness';

const today = '2026-11-23';
const clock = () => new Date(`${today}T09:00:00Z`);

let site: ModernGovTestSite;
let core: Core;
let dataDir: string;
const republished: { meetingId: string; previousPackId: string; packId: string }[] = [];

beforeEach(async () => {
  site = await startModernGovSite({ samplePackDir, today });
  dataDir = makeTempDir();
  republished.length = 0;
  core = takingTurns(openCore({ dataDir, distDir, clock, onPackRepublished: (e) => republished.push(e) }));
});
afterEach(async () => {
  core.close();
  await site.close();
});

async function refresh(siteId: string, extra: { committeeId?: number; from?: string; to?: string } = {}): Promise<RefreshResult> {
  const { refreshId } = await value(core.call('startModernGovRefresh', { siteId, ...extra }));
  for (;;) {
    const state = await value(core.call('getModernGovRefresh', { refreshId }));
    if (state.state === 'failed') throw new Error(`${state.error?.code}: ${state.error?.message}`);
    if (state.state === 'succeeded' && state.result) {
      expect(state.done).toBe(state.total);
      return state.result;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function addChosenSite() {
  const added = await value(core.call('addModernGovSite', { url: `${site.url}/mgWebService.asmx` }));
  expect(added.baseUrl).toBe(site.url);
  return value(core.call('updateModernGovSite', { siteId: added.id, chosenCommitteeIds: [101] }));
}

const count = (table: string) => {
  const db = openDataDatabase(dataDir, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('fetching a committee from a Modern.gov site', () => {
  it('maps meetings, items and documents onto Chamber meetings and packs; a failed document is reported and the rest arrive', async () => {
    const chosen = await addChosenSite();
    const result = await refresh(chosen.id);
    expect(result.meetings.map((m) => [m.modernGovId, m.date, m.startTime, m.status])).toEqual([
      [site.ids.soon, '2026-12-07', '10:00', 'scheduled'],
      [site.ids.recent, '2026-11-13', '14:30', 'scheduled'],
    ]);
    expect(result.failures.map((f) => [f.attachmentId, f.code]).sort()).toEqual([
      [7001, 'MODERNGOV_OFF_SITE'],
      [7002, 'MODERNGOV_OFF_SITE'],
      [7003, 'MODERNGOV_FORBIDDEN'],
    ]);
    // Nothing was ever requested from the other host.
    expect(site.requests.some((r) => r.path.startsWith('/elsewhere'))).toBe(false);

    const soon = result.meetings[0];
    if (!soon) throw new Error('no meeting');
    const meeting = await value(core.call('getMeeting', { id: soon.id }));
    expect(meeting).toMatchObject({ committee: 'Corporate and Communities Overview and Scrutiny Panel', venue: 'Council Chamber, County Hall, Worcester', startTime: '10:00' });
    const pack = await value(core.call('getMeetingPack', { meetingId: soon.id }));
    expect(pack?.items.map((i) => [i.number, i.status, i.pdfPages])).toEqual([
      ['1', 'none', null],
      ['2', 'none', null],
      ['3', 'none', null],
      ['4', 'none', null],
      ['5', 'published', { from: 1, to: 18 }],
      ['6', 'published', { from: 19, to: 32 }],
      ['7', 'none', null],
      ['8', 'published', { from: 33, to: 36 }],
    ]);
    expect(pack?.members.map((m) => m.role)).toEqual(['chair', 'vice-chair', 'member']);
    // Printed "Page N" footers survive the join, and the text is searchable.
    expect(pack?.printedPageNumbers.filter((n) => n !== null).length).toBeGreaterThan(20);
    const hits = await value(core.call('searchPacks', { query: 'encryption', limit: 5 }));
    expect(hits.some((h) => h.meetingId === soon.id && h.itemNumber === '6')).toBe(true);

    const detail = await value(core.call('getModernGovMeeting', { meetingId: soon.id }));
    const item5 = detail?.items.find((i) => i.number === '5');
    expect(item5?.title).toBe('Budget Scrutiny 2022/23');
    expect(item5?.agendaHtml).toBe("<p>The Panel is asked to consider the <strong>draft budget</strong> &#39;as published&#39;.</p>");
    expect(item5?.documents[0]).toMatchObject({ publishedAt: '2026-11-16T16:22:05', error: null, pdfPages: { from: 1, to: 18 } });
    const stored = item5?.documents[0]?.sha256 ?? '';
    expect(fs.existsSync(path.join(dataDir, 'documents', stored.slice(0, 2), `${stored}.pdf`))).toBe(true);
    const recent = await value(core.call('getModernGovMeeting', { meetingId: result.meetings[1]?.id ?? '' }));
    expect(recent?.items.find((i) => i.number === '3')?.documents[0]).toMatchObject({ sha256: null, error: 'MODERNGOV_OFF_SITE' });
    expect(recent?.items.find((i) => i.number === '5')?.documents[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('updates instead of duplicating when fetched again, using the validators the site sent', async () => {
    const chosen = await addChosenSite();
    await refresh(chosen.id);
    const counts = ['meetings', 'packs', 'moderngov_items', 'moderngov_documents', 'pack_pages'].map(count);
    const before = site.requests.length;
    const again = await refresh(chosen.id);
    expect(again.meetings.find((m) => m.modernGovId === site.ids.soon)?.changed).toBe(false);
    expect(site.requests.slice(before).find((r) => r.path.includes(`lMeetingId=${site.ids.soon}`))).toMatchObject({ status: 304 });
    expect(['meetings', 'packs', 'moderngov_items', 'moderngov_documents', 'pack_pages'].map(count)).toEqual(counts);
    expect(count('moderngov_item_changes')).toBe(0);
  });

  it('records what is new or changed per item (supplement, republished paper, new date) and makes a new pack version', async () => {
    const chosen = await addChosenSite();
    const first = await refresh(chosen.id);
    const meetingId = first.meetings[0]?.id ?? '';
    await site.publishSupplement();
    const report6 = site.meetings[0]?.items.find((i) => i.number === '6')?.documents[0]?.attachmentId ?? 0;
    await site.republishDocument(report6);
    const second = await refresh(chosen.id);
    expect(second.meetings[0]).toMatchObject({ id: meetingId, changed: true, packVersion: 2 });
    expect(count('meetings')).toBe(2);

    const detail = await value(core.call('getModernGovMeeting', { meetingId }));
    const changes = (n: string) => detail?.items.find((i) => i.number === n)?.changes.map((c) => c.kind).sort();
    expect(changes('7')).toEqual(['supplement']);
    expect(changes('6')).toEqual(['document-changed', 'publication-date-changed']);
    expect(changes('5')).toEqual([]);
    expect(detail?.items.find((i) => i.number === '6')?.changes.find((c) => c.kind === 'publication-date-changed')).toMatchObject({ from: '2026-11-16T16:22:05', to: '2026-11-22T10:00:00', seen: false });

    const pack = await value(core.call('getMeetingPack', { meetingId }));
    expect(pack?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(pack?.items.find((i) => i.number === '7')).toMatchObject({ status: 'published' });
    expect(pack?.changes.map((c) => [c.number, c.change]).sort()).toEqual([
      ['6', 'changed'],
      ['7', 'changed'],
    ]);
    expect(republished).toEqual([{ meetingId, previousPackId: expect.any(String) as unknown, packId: pack?.packId }]);

    expect(await value(core.call('markModernGovChangesSeen', { meetingId }))).toEqual({ marked: 3 });
    const seen = await value(core.call('getModernGovMeeting', { meetingId }));
    expect(seen?.items.flatMap((i) => i.changes).every((c) => c.seen)).toBe(true);
  });

  it("re-anchors a member's annotations onto the new pack version when a refresh republishes the meeting", async () => {
    const chosen = await addChosenSite();
    const meetingId = (await refresh(chosen.id)).meetings[0]?.id ?? '';
    // A sentence from the first page of the pack as Modern.gov gave it.
    const db = openDataDatabase(dataDir, { readonly: true });
    const firstPage = db.prepare<[string], { text: string }>(
      'SELECT text FROM pack_pages JOIN packs ON packs.id = pack_pages.pack_id WHERE packs.meeting_id = ? AND page_index = 0',
    ).get(meetingId);
    db.close();
    const exact = (firstPage?.text ?? '').replace(/\s+/g, ' ').trim().slice(0, 40).trim();
    expect(exact.length).toBeGreaterThan(20);
    const { memberId } = await value(core.call('getLocalMember', {}));
    const made = await value(core.call('createAnnotation', { actingMemberId: memberId, annotation: { meetingId, kind: 'highlight', colour: '#ffd60a', pageIndex: 0, exact } }));
    expect(made.packVersion).toBe(1);

    await site.publishSupplement();
    expect((await refresh(chosen.id)).meetings[0]).toMatchObject({ packVersion: 2 });
    const [moved] = await value(core.call('listAnnotations', { actingMemberId: memberId, meetingId }));
    expect(moved).toMatchObject({ id: made.id, packVersion: 2, status: 'anchored', pageIndex: 0 });
    expect(moved?.rects.length).toBeGreaterThan(0);
  });

  it('fetches one committee over a chosen range, and fails whole-site problems with a clear code', async () => {
    const added = await value(core.call('addModernGovSite', { url: site.url }));
    await value(core.call('updateModernGovSite', { siteId: added.id, chosenCommitteeIds: [101] }));
    // The same refresh asked for twice while it runs (a double click) is one refresh.
    const first = await value(core.call('startModernGovRefresh', { siteId: added.id }));
    expect(await value(core.call('startModernGovRefresh', { siteId: added.id }))).toEqual(first);
    while ((await value(core.call('getModernGovRefresh', first))).state === 'running') await new Promise((resolve) => setTimeout(resolve, 25));
    expect(count('meetings')).toBe(2);
    const far = await refresh(added.id, { committeeId: 101, from: '2027-06-01', to: '2027-06-30' });
    expect(far.meetings.map((m) => [m.modernGovId, m.date])).toEqual([[site.ids.farAhead, '2027-06-11']]);
    expect(count('meetings')).toBe(3);
    for (const [name, code] of [
      ['forbidden', 'MODERNGOV_FORBIDDEN'],
      ['switched-off', 'MODERNGOV_SWITCHED_OFF'],
      ['hostile', 'MODERNGOV_BAD_XML'],
    ] as const) {
      const r = await core.call('addModernGovSite', { url: site.siteUrl(name) });
      expect(r.ok ? 'added' : r.error.code).toBe(code);
    }
    expect(await value(core.call('listModernGovSites', {}))).toHaveLength(1);
  });
});
