import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core';
import { circularPageTreePdf, headerlessPdf, junkBeforeHeaderPdf, unreadablePagePdf } from '../testing/badPdfs';
import { openDataDatabase } from '../testing/dataDatabase';
import { distDir, makeTempDir } from '../testing/tempDir';
import { ImportError } from './importError';

/**
 * Issue 20.5: whatever pdf.js opens, Chamber opens. Each fixture goes through the real importer
 * (worker extraction, structure, store, transaction) attached to a meeting with --meeting.
 */

async function withMeeting(): Promise<{ core: Core; meetingId: string }> {
  const core = openCore({ dataDir: makeTempDir(), distDir });
  const made = await core.call('createMeeting', { title: 'Planning Panel', committee: 'Planning Panel', date: '2026-12-01', startTime: '10:00', venue: 'County Hall' });
  if (!made.ok) throw new Error(made.error.message);
  return { core, meetingId: made.value.id };
}

function pageTexts(core: Core, meetingId: string): string[] {
  const db = openDataDatabase(core.dataDir, { readonly: true });
  try {
    return db
      .prepare<[string], { text: string }>('SELECT p.text FROM pack_pages p JOIN packs k ON k.id = p.pack_id WHERE k.meeting_id = ? ORDER BY p.page_index')
      .all(meetingId)
      .map((r) => r.text);
  } finally {
    db.close();
  }
}

describe('opening PDFs as leniently as pdf.js', () => {
  it.each([
    ['junk before the %PDF- header', junkBeforeHeaderPdf],
    ['no %PDF- header at all', headerlessPdf],
  ] as const)('imports a PDF with %s', async (_label, make) => {
    const { core, meetingId } = await withMeeting();
    try {
      const result = await core.importPackFile(await make(makeTempDir()), { meetingId });
      expect(result.pageCount).toBe(2);
      expect(pageTexts(core, meetingId)).toEqual(['Report page 1 of the agenda pack', 'Report page 2 of the agenda pack']);
    } finally {
      core.close();
    }
  });

  it.each([
    ['a page tree with a circular reference', circularPageTreePdf],
    ['a page pdf.js cannot read', unreadablePagePdf],
  ] as const)('imports the readable pages of %s, the unreadable one as a page with no text and a warning', async (_label, make) => {
    const { core, meetingId } = await withMeeting();
    try {
      const result = await core.importPackFile(await make(makeTempDir()), { meetingId });
      expect(result.pageCount).toBe(3);
      expect(pageTexts(core, meetingId)).toEqual(['Report page 1 of the agenda pack', 'Report page 2 of the agenda pack', '']);
      const pack = await core.call('getMeetingPack', { meetingId });
      if (!pack.ok) throw new Error(pack.error.message);
      expect(pack.value?.warnings).toContainEqual({ code: 'PAGES_UNREADABLE', detail: 'PDF page 3 could not be read and imported with no text' });
    } finally {
      core.close();
    }
  });

  it('still refuses a file that is not a PDF to pdf.js either, storing nothing', async () => {
    const { core, meetingId } = await withMeeting();
    try {
      const file = `${makeTempDir()}/notes.pdf`;
      fs.writeFileSync(file, 'Minutes of the last meeting, typed as plain text.\n'.repeat(200));
      const code = await core.importPackFile(file, { meetingId }).then(
        () => 'imported',
        (error: unknown) => (error instanceof ImportError ? error.code : String(error)),
      );
      expect(code).toBe('NOT_A_PDF');
      expect(pageTexts(core, meetingId)).toEqual([]);
    } finally {
      core.close();
    }
  });
});
