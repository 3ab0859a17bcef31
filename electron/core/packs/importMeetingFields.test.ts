/**
 * A front sheet that leaves out meeting fields: the importer places the pack with what it has
 * where that is sensible, and otherwise refuses, naming the fields, with nothing left behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeLayoutPdf } from '../../../tools/sample-packs/corpus/build';
import { labelled, agendaTable, text } from '../../../tools/sample-packs/corpus/draw';
import type { CorpusLayout } from '../../../tools/sample-packs/corpus/spec';
import { openCore, type Core } from '../core';
import { openDataDatabase } from '../testing/dataDatabase';
import { distDir, makeTempDir } from '../testing/tempDir';
import { ImportError } from './importError';

/** A front sheet giving the committee and the date, but neither time nor venue. */
const noTimeOrVenue: CorpusLayout = {
  id: 'no-time-or-venue',
  description: 'Committee and date only',
  language: 'en-GB',
  meeting: { committee: 'Standards Committee', date: '2023-10-03', startTime: '', venue: '', members: [] },
  items: [
    { number: '1', title: 'Apologies' },
    { number: '2', title: 'Code of Conduct Complaints', reportPages: 2 },
  ],
  pageEntry: 'range',
  footer: { text: (n) => `Page ${n}`, align: 'centre', edge: 'bottom' },
  front: (flow, entries) => {
    text(flow, 'Standards Committee', { bold: true, size: 16, after: 10 });
    labelled(flow, 'Date:', 'Tuesday, 3 October 2023');
    flow.space(8);
    agendaTable(flow, entries, { columns: ['Item', 'Subject', 'Pages'] });
  },
};

async function importCode(core: Core, file: string): Promise<{ code: string; fields?: readonly string[] }> {
  try {
    await core.importPackFile(file);
  } catch (error) {
    if (error instanceof ImportError) return { code: error.code, fields: error.fields };
    throw error;
  }
  return { code: 'imported' };
}

describe('a front sheet without the start time or venue', () => {
  it('is refused naming both fields while Chamber knows no meeting of that committee, leaving nothing behind', async () => {
    const file = path.join(makeTempDir(), 'standards.pdf');
    await writeLayoutPdf(noTimeOrVenue, file);
    const core = openCore({ dataDir: makeTempDir(), distDir });
    expect(await importCode(core, file)).toEqual({ code: 'PACK_NEEDS_MEETING', fields: ['startTime', 'venue'] });
    const db = openDataDatabase(core.dataDir, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM meetings').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM packs').get()).toEqual({ n: 0 });
    db.close();
    const docs = path.join(core.dataDir, 'documents');
    expect(fs.existsSync(docs) ? fs.readdirSync(docs, { recursive: true }).filter((f) => String(f).endsWith('.pdf')) : []).toEqual([]);
    core.close();
  });

  it('imports as a new meeting taking the committee’s usual time and venue, and says it did', async () => {
    const file = path.join(makeTempDir(), 'standards.pdf');
    await writeLayoutPdf(noTimeOrVenue, file);
    const core = openCore({ dataDir: makeTempDir(), distDir });
    const earlier = await core.call('createMeeting', { title: 'Standards Committee', committee: 'Standards Committee', date: '2023-07-04', startTime: '18:00', venue: 'Room 2, Civic Centre' });
    if (!earlier.ok) throw new Error(earlier.error.message);
    const result = await core.importPackFile(file);
    expect(result.meetingId).not.toBe(earlier.value.id);
    const meeting = await core.call('getMeeting', { id: result.meetingId });
    expect(meeting.ok && meeting.value).toMatchObject({ committee: 'Standards Committee', date: '2023-10-03', startTime: '18:00', venue: 'Room 2, Civic Centre' });
    expect(result.structure.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['MEETING_TIME_NOT_FOUND', 'VENUE_NOT_FOUND', 'MEETING_TIME_ASSUMED', 'VENUE_ASSUMED']));
    const pack = await core.call('getMeetingPack', { meetingId: result.meetingId });
    expect(pack.ok && pack.value?.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['MEETING_TIME_ASSUMED', 'VENUE_ASSUMED']));
    expect(pack.ok && pack.value?.items.map((i) => [i.number, i.title, i.pdfPages])).toEqual([
      ['1', 'Apologies', null],
      ['2', 'Code of Conduct Complaints', { from: 2, to: 3 }],
    ]);
    core.close();
  });
});
