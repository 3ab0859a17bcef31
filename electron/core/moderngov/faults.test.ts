import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RefreshState } from '../../../shared/domain/moderngov';
import { openCore, type Core } from '../core';
import { openDataDatabase } from '../testing/dataDatabase';
import { junkBeforeHeader, startModernGovSite, type ModernGovTestSite } from '../testing/modernGovSite';
import { samplePackDir } from '../testing/samplePacks';
import { distDir, makeTempDir } from '../testing/tempDir';
import enGB from '../../../resources/locales/en-GB.json';
import cy from '../../../resources/locales/cy.json';
import { value } from '../testing/harness';

/**
 * Issue 20.3: a refresh degrades instead of failing. One committee where one meeting answers 500,
 * one document is cut mid-body and one drips slowly: every good meeting arrives, each failure is
 * named, the refresh ends within its deadline and the data directory holds no file without a row.
 */

const today = '2026-11-23';
let now = new Date(`${today}T09:00:00Z`);
const clock = () => now;
const deadlineMs = 1500;

let site: ModernGovTestSite;
let core: Core;
let dataDir: string;

beforeEach(async () => {
  now = new Date(`${today}T09:00:00Z`);
  site = await startModernGovSite({ samplePackDir, today });
  dataDir = makeTempDir();
  core = openCore({ dataDir, distDir, clock, moderngovHttp: { documentDeadlineMs: deadlineMs } });
});
afterEach(async () => {
  core.close();
  await site.close();
});

async function chosenSite(): Promise<string> {
  const added = await value(core.call('addModernGovSite', { url: site.url }));
  await value(core.call('updateModernGovSite', { siteId: added.id, chosenCommitteeIds: [site.ids.committee] }));
  return added.id;
}

async function finished(refreshId: string): Promise<RefreshState> {
  for (;;) {
    const state = await value(core.call('getModernGovRefresh', { refreshId }));
    if (state.state !== 'running') return state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const rows = <T,>(sql: string): T[] => {
  const db = openDataDatabase(dataDir, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
};

/** Every stored file against the documents table, both ways. */
function orphans(): { files: string[]; rows: string[] } {
  const root = path.join(dataDir, 'documents');
  const files = fs.existsSync(root)
    ? fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pdf')).map((f) => path.basename(f, '.pdf'))
    : [];
  const known = rows<{ sha256: string }>('SELECT sha256 FROM documents').map((r) => r.sha256);
  return { files: files.filter((f) => !known.includes(f)).sort(), rows: known.filter((k) => !files.includes(k)).sort() };
}

/** The committee of the acceptance test: the recent meeting answers 500; a third meeting has a cut and a dripping paper. */
function faultyCommittee() {
  const extra = site.addMeeting(20);
  const [cut, drip] = extra.items.flatMap((i) => i.documents).map((d) => d.attachmentId);
  if (cut === undefined || drip === undefined) throw new Error('the copied meeting has too few papers');
  site.faults.meetingErrors.add(site.ids.recent);
  site.faults.cutDocuments.add(cut);
  site.faults.dripDocuments.add(drip);
  return { extra, cut, drip };
}

describe('a Modern.gov refresh with one bad meeting and two bad documents', () => {
  it('finishes within its deadline, brings every good meeting, names each failure and leaves no orphan files', async () => {
    const siteId = await chosenSite();
    const { extra, cut, drip } = faultyCommittee();
    const started = Date.now();
    const state = await finished((await value(core.call('startModernGovRefresh', { siteId }))).refreshId);
    const took = Date.now() - started;

    expect(state.state).toBe('succeeded');
    // One drip abandoned at its deadline, not held until it ends (it would take hours at this rate).
    expect(took).toBeLessThan(deadlineMs * 10);
    const result = state.result;
    expect(result?.meetings.map((m) => m.modernGovId).sort()).toEqual([site.ids.soon, extra.id].sort());
    const failures = new Map(result?.failures.map((f) => [f.kind === 'meeting' ? `meeting ${f.meetingModernGovId}` : `document ${f.attachmentId}`, f]));
    expect(failures.get(`meeting ${site.ids.recent}`)).toMatchObject({ kind: 'meeting', code: 'MODERNGOV_SERVER_ERROR', attachmentId: null, meetingDate: '2026-11-13' });
    expect(failures.get(`document ${cut}`)).toMatchObject({ kind: 'document', code: 'MODERNGOV_CUT_OFF', meetingModernGovId: extra.id });
    expect(failures.get(`document ${drip}`)).toMatchObject({ kind: 'document', code: 'MODERNGOV_TIMED_OUT', meetingModernGovId: extra.id });
    expect(failures.size).toBe(3);
    for (const f of result?.failures ?? []) expect(f.message.length).toBeGreaterThan(10);

    // The meeting with the bad papers still has its pack from the papers that did arrive.
    const extraMeeting = result?.meetings.find((m) => m.modernGovId === extra.id);
    expect(extraMeeting?.packVersion).toBe(1);
    const detail = await value(core.call('getModernGovMeeting', { meetingId: extraMeeting?.id ?? '' }));
    const docs = detail?.items.flatMap((i) => i.documents) ?? [];
    expect(docs.find((d) => d.attachmentId === cut)).toMatchObject({ sha256: null, error: 'MODERNGOV_CUT_OFF', pdfPages: null });
    expect(docs.find((d) => d.attachmentId === drip)).toMatchObject({ sha256: null, error: 'MODERNGOV_TIMED_OUT' });
    expect(docs.filter((d) => d.sha256 !== null).length).toBe(docs.length - 2);

    expect(orphans()).toEqual({ files: [], rows: [] });
  });

  it('does not ask again for a failed document until its backoff has passed, and names it meanwhile', async () => {
    const siteId = await chosenSite();
    const { cut } = faultyCommittee();
    site.faults.dripDocuments.clear();
    const askedForCut = () => site.requests.filter((r) => r.path.startsWith(`/council/documents/s${cut}/`)).length;
    const first = await finished((await value(core.call('startModernGovRefresh', { siteId }))).refreshId);
    const failure = first.result?.failures.find((f) => f.attachmentId === cut);
    expect(failure?.retryAfter).toBe(new Date(now.getTime() + 15 * 60_000).toISOString());
    expect(askedForCut()).toBe(1);

    now = new Date(now.getTime() + 5 * 60_000);
    const second = await finished((await value(core.call('startModernGovRefresh', { siteId }))).refreshId);
    expect(askedForCut()).toBe(1);
    expect(second.result?.failures.find((f) => f.attachmentId === cut)).toMatchObject({ code: 'MODERNGOV_CUT_OFF', retryAfter: failure?.retryAfter });

    // Past the backoff it is asked for again; failing twice waits twice as long.
    now = new Date(now.getTime() + 11 * 60_000);
    const third = await finished((await value(core.call('startModernGovRefresh', { siteId }))).refreshId);
    expect(askedForCut()).toBe(2);
    expect(third.result?.failures.find((f) => f.attachmentId === cut)?.retryAfter).toBe(new Date(now.getTime() + 30 * 60_000).toISOString());

    // Once the site gives it whole, it arrives and the failure is forgotten.
    site.faults.cutDocuments.clear();
    now = new Date(now.getTime() + 31 * 60_000);
    const fourth = await finished((await value(core.call('startModernGovRefresh', { siteId }))).refreshId);
    expect(fourth.result?.failures.some((f) => f.attachmentId === cut)).toBe(false);
    expect(rows<{ failed_attempts: number; retry_after: string | null }>(`SELECT failed_attempts, retry_after FROM moderngov_documents WHERE mg_attachment_id = ${cut}`)).toEqual([
      { failed_attempts: 0, retry_after: null },
    ]);
    expect(orphans()).toEqual({ files: [], rows: [] });
  });

  it('shows a meeting that failed on its page until a refresh reads it again', async () => {
    const siteId = await chosenSite();
    await finished((await value(core.call('startModernGovRefresh', { siteId }))).refreshId);
    const recentId = rows<{ meeting_id: string }>(`SELECT meeting_id FROM moderngov_meetings WHERE mg_meeting_id = ${site.ids.recent}`)[0]?.meeting_id ?? '';
    site.faults.meetingErrors.add(site.ids.recent);
    const failed = await finished((await value(core.call('startModernGovRefresh', { siteId }))).refreshId);
    expect(failed.state).toBe('succeeded');
    expect(failed.result?.failures.filter((f) => f.kind === 'meeting').map((f) => f.code)).toEqual(['MODERNGOV_SERVER_ERROR']);
    expect((await value(core.call('getModernGovMeeting', { meetingId: recentId })))?.failure).toMatchObject({ code: 'MODERNGOV_SERVER_ERROR', at: now.toISOString() });
    site.faults.meetingErrors.clear();
    await finished((await value(core.call('startModernGovRefresh', { siteId }))).refreshId);
    expect((await value(core.call('getModernGovMeeting', { meetingId: recentId })))?.failure).toBeNull();
  });

  it('can be cancelled mid-document, keeping the meetings already whole and nothing half-read', async () => {
    core.close();
    core = openCore({ dataDir, distDir, clock, moderngovHttp: { documentDeadlineMs: 600_000 } });
    const siteId = await chosenSite();
    const { drip } = faultyCommittee();
    site.faults.meetingErrors.clear();
    site.faults.cutDocuments.clear();
    const { refreshId } = await value(core.call('startModernGovRefresh', { siteId }));
    while (!site.requests.some((r) => r.path.startsWith(`/council/documents/s${drip}/`))) await new Promise((resolve) => setTimeout(resolve, 25));
    await value(core.call('cancelModernGovRefresh', { refreshId }));
    const state = await finished(refreshId);
    expect(state).toMatchObject({ state: 'cancelled', error: { code: 'MODERNGOV_CANCELLED' } });
    // The meetings before the dripping one arrived whole; the one being read left no rows and no files.
    const held = rows<{ mg_meeting_id: number }>('SELECT mg_meeting_id FROM moderngov_meetings ORDER BY 1').map((r) => r.mg_meeting_id);
    expect(held).toEqual([site.ids.soon, site.ids.recent]);
    expect(orphans()).toEqual({ files: [], rows: [] });
    expect((await core.call('cancelModernGovRefresh', { refreshId: '00000000-0000-4000-8000-000000000000' })).ok).toBe(false);
  });
});

describe('a Modern.gov paper sniffed as the importer sniffs (issue 20.5)', () => {
  it('imports a paper with junk before its %PDF- header as published, and refuses one with no header by the translated code', async () => {
    const siteId = await chosenSite();
    const meeting = site.addMeeting(20);
    const [junk, headless] = meeting.items.flatMap((i) => i.documents).map((d) => d.attachmentId);
    if (junk === undefined || headless === undefined) throw new Error('the copied meeting has too few papers');
    site.faults.junkBeforeHeader.add(junk);
    site.faults.headerless.add(headless);

    const state = await finished((await value(core.call('startModernGovRefresh', { siteId }))).refreshId);
    expect(state.state).toBe('succeeded');
    expect(state.result?.failures.filter((f) => f.meetingModernGovId === meeting.id).map((f) => [f.attachmentId, f.code])).toEqual([[headless, 'MODERNGOV_NOT_PDF']]);
    const arrived = state.result?.meetings.find((m) => m.modernGovId === meeting.id);
    expect(arrived?.packVersion).toBe(1);
    const docs = (await value(core.call('getModernGovMeeting', { meetingId: arrived?.id ?? '' })))?.items.flatMap((i) => i.documents) ?? [];
    const kept = docs.find((d) => d.attachmentId === junk);
    expect(kept).toMatchObject({ error: null, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
    // Stored as the council published it, junk and all.
    const head = await value(core.call('readDocument', { sha256: kept?.sha256 ?? '', offset: 0, length: junkBeforeHeader.length + 5 }));
    expect(Buffer.from(head.data, 'base64').toString('latin1')).toBe(`${junkBeforeHeader.toString('latin1')}%PDF-`);
    expect(docs.find((d) => d.attachmentId === headless)).toMatchObject({ sha256: null, error: 'MODERNGOV_NOT_PDF' });
    expect(enGB.errors.MODERNGOV_NOT_PDF).not.toBe(cy.errors.MODERNGOV_NOT_PDF);
    expect(orphans()).toEqual({ files: [], rows: [] });
  });
});
