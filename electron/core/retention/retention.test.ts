import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OperationName, InputOf, OutputOf } from '../../../shared/api/contract';
import { openCore, type Core } from '../core';
import { checkIntegrity } from '../db/database';
import { samplePackFile, seedMeeting } from '../demo/seedMeeting';
import { openDataDatabase } from '../testing/dataDatabase';
import { november2019 } from '../testing/samplePacks';
import { distDir, makeTempDir } from '../testing/tempDir';
import { retentionCutoff } from './retention';

const opened: Core[] = [];
afterEach(() => {
  for (const core of opened.splice(0)) core.close();
});

// 1 December 2022: the demo meeting (17 January 2022) is 10 months old, November 2019's is 3 years.
const clock = () => new Date('2022-12-01T10:00:00Z');
const open = (dataDir: string, extra: { applyRetentionOnOpen?: boolean } = {}) => {
  const core = openCore({ dataDir, distDir, clock, ...extra });
  opened.push(core);
  return core;
};
const caller =
  (core: Core) =>
  async <N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> => {
    const result = await core.call(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  };

const recordCounts = (dataDir: string) => {
  const db = openDataDatabase(dataDir, { readonly: true });
  try {
    const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      meetings: n('meetings'),
      declarations: n('declarations'),
      attendance: n('attendance'),
      outcomes: n('outcomes'),
      actions: n('actions'),
      panelComments: n('panel_comments'),
      minutes: n('minutes'),
      meetingHistory: n('meeting_history'),
      declarationHistory: n('declaration_history'),
      audit: n('audit_chain'),
    };
  } finally {
    db.close();
  }
};

async function twoMeetings() {
  const dataDir = makeTempDir();
  const core = open(dataDir);
  const call = caller(core);
  const demo = await seedMeeting(core, samplePackFile(distDir));
  const old = await core.importPackFile(november2019().path);
  const member = (await call('getLocalMember', {})).memberId;
  // A note on the old pack, on a line of its own text, and a question on its first item.
  const pack = await call('getMeetingPack', { meetingId: old.meetingId });
  if (!pack) throw new Error('no pack');
  const { text } = await call('getPageText', { packId: pack.packId, pageIndex: 0 });
  const line = text.split('\n').map((l) => l.trim()).find((l) => l.length > 20) ?? '';
  const w3c = [{ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', body: { type: 'TextualBody', value: 'Raise the 2019 library closures' }, target: { source: 'agenda.pdf', selector: [{ type: 'FragmentSelector', value: 'page=1' }, { type: 'TextQuoteSelector', exact: line }] } }];
  expect((await call('importAnnotations', { actingMemberId: member, meetingId: old.meetingId, format: 'w3c', json: JSON.stringify(w3c) })).created).toBe(1);
  const item = pack.items[0];
  if (!item) throw new Error('no items');
  await call('createQuestion', { actingMemberId: member, meetingId: old.meetingId, itemNumber: item.number, text: 'Who decided the closures?' });
  // A word only the old pack's text has, to see its search index entries go.
  const word = line.split(/[^A-Za-z]+/).sort((a, b) => b.length - a.length)[0] ?? '';
  const found = await call('searchPacks', { query: word, limit: 50 });
  expect(found.some((h) => h.meetingId === old.meetingId)).toBe(true);
  return { dataDir, core, call, demoId: demo.meetingId, oldId: old.meetingId, oldSha: pack.documentSha256, word };
}

describe('retention', () => {
  it('works out the cutoff in whole months, clamped to shorter months', () => {
    expect(retentionCutoff('2022-12-01', 24)).toBe('2020-12-01');
    expect(retentionCutoff('2024-08-31', 6)).toBe('2024-02-29');
    expect(retentionCutoff('2023-03-31', 1)).toBe('2023-02-28');
    expect(retentionCutoff('2023-01-15', 36)).toBe('2020-01-15');
  });

  it('previews, saves the notes, then deletes only the old papers and keeps the record', async () => {
    const { dataDir, core, call, demoId, oldId, oldSha, word } = await twoMeetings();
    const before = recordCounts(dataDir);
    const documentFile = path.join(dataDir, 'documents', oldSha.slice(0, 2), `${oldSha}.pdf`);
    expect(fs.existsSync(documentFile)).toBe(true);

    const preview = await call('previewRetention', { months: 24 });
    expect(preview).toMatchObject({ cutoff: '2020-12-01', meetings: 1, packs: 1, notes: 2 });
    expect(preview.bytes).toBe(fs.statSync(november2019().path).size);
    // The preview changes nothing.
    expect(await call('getMeetingPack', { meetingId: oldId })).not.toBeNull();

    const applied = await call('applyRetention', { months: 24, exportNotes: true });
    expect(applied).toMatchObject({ meetings: 1, packs: 1, notesFiles: 1 });
    if (!applied.notesFolder) throw new Error('no notes folder');
    const saved = fs.readdirSync(applied.notesFolder);
    expect(saved).toHaveLength(1);
    // Encrypted like everything else: nothing of the notes is on the disk in the clear.
    const onDisk = fs.readFileSync(path.join(applied.notesFolder, saved[0] ?? ''));
    for (const words of ['Raise the 2019 library closures', 'Who decided the closures?', 'Markdown', '.md']) expect(onDisk.includes(Buffer.from(words))).toBe(false);
    const listed = await call('listSavedNotes', {});
    expect(listed).toEqual([{ id: expect.stringMatching(/^before-retention-/) as unknown, fileName: expect.stringMatching(/\.md$/) as unknown, savedAt: clock().toISOString() }]);
    const file = await call('readSavedNotes', { id: listed[0]?.id ?? '' });
    const markdown = Buffer.from(file.data, 'base64').toString('utf8');
    expect(markdown).toContain('Raise the 2019 library closures');
    expect(markdown).toContain('Who decided the closures?');
    // A name reaching outside the notes folder is never read.
    expect(await core.call('readSavedNotes', { id: '../../keys' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // The agenda stays as the record; the papers behind it are gone.
    const cleared = await call('getMeetingPack', { meetingId: oldId });
    expect(cleared?.items.length).toBeGreaterThan(0);
    expect((await call('getPapersRemoved', { meetingId: oldId })).removedAt).toBe(clock().toISOString());
    expect((await call('getStorage', {})).meetings.map((m) => m.meetingId)).toEqual([demoId]);
    expect(fs.existsSync(documentFile)).toBe(false);
    expect((await call('getMeeting', { id: oldId })).id).toBe(oldId);
    expect((await call('searchPacks', { query: word, limit: 50 })).filter((h) => h.meetingId === oldId)).toEqual([]);
    // The newer meeting's papers are untouched.
    expect(await call('getMeetingPack', { meetingId: demoId })).not.toBeNull();
    expect((await call('getPapersRemoved', { meetingId: demoId })).removedAt).toBeNull();
    expect((await call('getPageText', { packId: (await call('getMeetingPack', { meetingId: demoId }))?.packId ?? '', pageIndex: 0 })).text.length).toBeGreaterThan(0);
    expect(recordCounts(dataDir)).toEqual(before);

    // Six months reaches the demo meeting too: its declarations, outcomes and minutes stay.
    const minutesBefore = await call('getMinutes', { meetingId: demoId });
    const assembledBefore = await call('assembleMinutes', { meetingId: demoId });
    const second = await call('applyRetention', { months: 6, exportNotes: false });
    expect(second).toMatchObject({ meetings: 1, packs: 1, notesFolder: null });
    expect((await call('getPapersRemoved', { meetingId: demoId })).removedAt).not.toBeNull();
    expect(recordCounts(dataDir)).toEqual(before);
    expect(await call('getMinutes', { meetingId: demoId })).toEqual(minutesBefore);
    expect(await call('assembleMinutes', { meetingId: demoId })).toEqual(assembledBefore);
    expect((await call('verifyAudit', {})).ok).toBe(true);
    expect((await call('getStorage', {})).meetings).toEqual([]);

    const db = openDataDatabase(dataDir, { readonly: true });
    try {
      expect(checkIntegrity(db)).toEqual({ ok: true, problems: [] });
      const left = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(left('SELECT count(*) AS n FROM packs')).toBe(2);
      expect(left('SELECT count(*) AS n FROM pack_pages')).toBe(0);
      expect(left('SELECT count(*) AS n FROM pack_pages_fts')).toBe(0);
      expect(left('SELECT count(*) AS n FROM agenda_items')).toBeGreaterThan(0);
      expect(left('SELECT count(*) AS n FROM pack_page_geometry')).toBe(0);
      expect(left('SELECT count(*) AS n FROM annotations')).toBe(0);
      expect(left('SELECT count(*) AS n FROM questions')).toBe(1);
    } finally {
      db.close();
    }
    expect(fs.readdirSync(path.join(dataDir, 'documents'), { recursive: true }).filter((f) => String(f).endsWith('.pdf'))).toEqual([]);

    // Nothing left to do: applying again is a no-op.
    expect(await call('applyRetention', { months: 6, exportNotes: true })).toMatchObject({ meetings: 0, packs: 0, bytes: 0 });

    // Importing the same pack again brings the papers back, as a new version.
    const again = await (opened[0] as Core).importPackFile(november2019().path);
    expect(again).toMatchObject({ meetingId: oldId, alreadyImported: false, version: 2, changes: [] });
    expect((await call('getPapersRemoved', { meetingId: oldId })).removedAt).toBeNull();
    const back = await call('getMeetingPack', { meetingId: oldId });
    const pdf = fs.readFileSync(november2019().path);
    const read = await call('readDocument', { sha256: back?.documentSha256 ?? '', offset: 0, length: pdf.length });
    expect(Buffer.from(read.data, 'base64').equals(pdf)).toBe(true);
    expect((await call('searchPacks', { query: word, limit: 50 })).some((h) => h.meetingId === oldId)).toBe(true);
  });

  it('gives the space back: the database file shrinks once the papers are cleared', async () => {
    const { call } = await twoMeetings();
    const before = (await call('getStorage', {})).databaseBytes;
    await call('applyRetention', { months: 6, exportNotes: false });
    const after = (await call('getStorage', {})).databaseBytes;
    // The page text and search index of two packs are most of the file; without a VACUUM the
    // freed pages stay in it and the size does not move at all.
    expect(after).toBeLessThan(before * 0.8);
    expect((await call('searchPacks', { query: 'agenda', limit: 5 })).length).toBe(0);
    expect((await call('verifyAudit', {})).ok).toBe(true);
  });

  it('applies the setting when the app opens, and not when it is off', async () => {
    const { dataDir, core, oldId, word } = await twoMeetings();
    core.close();
    const reopened = caller(open(dataDir, { applyRetentionOnOpen: true }));
    expect((await reopened('getPapersRemoved', { meetingId: oldId })).removedAt).toBeNull();
    await reopened('updateSettings', { retentionMonths: 24, retentionExportNotes: true });
    for (const c of opened.splice(0)) c.close();

    const notesDir = makeTempDir();
    const third = openCore({ dataDir, distDir, clock, applyRetentionOnOpen: true, notesDir });
    opened.push(third);
    await vi.waitFor(async () => expect((await caller(third)('getPapersRemoved', { meetingId: oldId })).removedAt).not.toBeNull());
    expect((await caller(third)('searchPacks', { query: word, limit: 50 })).filter((h) => h.meetingId === oldId)).toEqual([]);
    expect(fs.readdirSync(notesDir)).toHaveLength(1);
  });
});
