import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../core/moderngov/calendar';
import { startModernGovSite, type ModernGovTestSite } from '../core/testing/modernGovSite';
import { samplePackDir } from '../core/testing/samplePacks';
import { openCore } from '../core/core';
import { magic } from '../core/security/documentCipher';
import { distDir, makeTempDir } from '../core/testing/tempDir';

const bin = path.resolve(import.meta.dirname, '../../bin/chamber.cjs');
// Asynchronous: the test site runs in this process, so a blocking spawn would starve it.
const chamber = (args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

interface Printed {
  meetings: {
    id: string;
    modernGovId: number;
    date: string;
    startTime: string;
    status: string;
    items: { number: string; title: string; documents: { attachmentId: number; title: string; storedAt: string | null; error: string | null }[] }[];
  }[];
  failures: { attachmentId: number; code: string; url: string }[];
}

const today = londonToday(new Date());
let site: ModernGovTestSite;
beforeAll(async () => {
  site = await startModernGovSite({ samplePackDir, today });
});
afterAll(() => site.close());

describe('chamber moderngov fetch', () => {
  it("prints the committee's meetings in the default window, where each PDF was stored, and the documents that could not be fetched", async () => {
    const dataDir = makeTempDir();
    const run = await chamber(['moderngov', 'fetch', '--site', site.url, '--committee', '101', '--data-dir', dataDir, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Printed;
    expect(out.meetings.map((m) => [m.modernGovId, m.date, m.startTime, m.status])).toEqual([
      [site.ids.soon, addDays(today, 14), '10:00', 'scheduled'],
      [site.ids.recent, addDays(today, -10), '14:30', 'scheduled'],
    ]);
    const soon = out.meetings[0];
    expect(soon?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(soon?.items.map((i) => [i.number, i.title])).toContainEqual(['6', 'Data Sharing and Analytics']);
    const stored = soon?.items.flatMap((i) => i.documents).map((d) => d.storedAt) ?? [];
    expect(stored).toHaveLength(3);
    // Stored encrypted at rest (issue 9): the file is sealed, and the core reads a PDF back out of it.
    const core = openCore({ dataDir, distDir });
    for (const file of stored) {
      expect(file?.startsWith(path.join(dataDir, 'documents'))).toBe(true);
      expect(fs.readFileSync(file ?? '').subarray(0, magic.length).equals(magic)).toBe(true);
      const head = await core.call('readDocument', { sha256: path.basename(file ?? '', '.pdf'), offset: 0, length: 5 });
      expect(head.ok && Buffer.from(head.value.data, 'base64').toString()).toBe('%PDF-');
    }
    core.close();
    expect(out.failures.map((f) => [f.attachmentId, f.code]).sort()).toEqual([
      [7001, 'MODERNGOV_OFF_SITE'],
      [7002, 'MODERNGOV_OFF_SITE'],
      [7003, 'MODERNGOV_FORBIDDEN'],
    ]);
    const offSite = out.meetings[1]?.items.find((i) => i.number === '3')?.documents[0];
    expect(offSite).toMatchObject({ storedAt: null, error: 'MODERNGOV_OFF_SITE' });

    // Fetched again: the same meetings, updated in place.
    const again = JSON.parse((await chamber(['moderngov', 'fetch', '--site', site.url, '--committee', '101', '--data-dir', dataDir, '--json'])).stdout) as Printed;
    expect(again.meetings.map((m) => m.id)).toEqual(out.meetings.map((m) => m.id));
    const listed = JSON.parse((await chamber(['meetings', 'list', '--json', '--data-dir', dataDir])).stdout) as unknown[];
    expect(listed).toHaveLength(2);
  });

  it('takes --from and --to as YYYY-MM-DD', async () => {
    const far = addDays(today, 200);
    const run = await chamber(['moderngov', 'fetch', '--site', site.url, '--committee', '101', '--from', far, '--to', far, '--data-dir', makeTempDir(), '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Printed).meetings.map((m) => [m.modernGovId, m.date])).toEqual([[site.ids.farAhead, far]]);
    const bad = await chamber(['moderngov', 'fetch', '--site', site.url, '--committee', '101', '--from', '17/01/2022', '--data-dir', makeTempDir()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/YYYY-MM-DD/);
  });

  it('explains a site that refuses or has its service switched off, with exit 1', async () => {
    const forbidden = await chamber(['moderngov', 'fetch', '--site', site.siteUrl('forbidden'), '--committee', '101', '--data-dir', makeTempDir()]);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(/refused the request \(HTTP 403\)\. \[MODERNGOV_FORBIDDEN\]/);
    const off = await chamber(['moderngov', 'fetch', '--site', site.siteUrl('switched-off'), '--committee', '101', '--data-dir', makeTempDir()]);
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(/switched off\. \[MODERNGOV_SWITCHED_OFF\]/);
  });
});
