import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateProtectedPack } from '../../tools/sample-packs/generate';
import { january2022, november2019 } from '../core/testing/samplePacks';
import { makeTempDir } from '../core/testing/tempDir';

const bin = path.resolve(import.meta.dirname, '../../bin/chamber.cjs');
const chamber = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('chamber import-pack', () => {
  it.each([
    ['17 January 2022', january2022],
    ['5 November 2019', november2019],
  ])('prints the structure of the %s sample pack, every item right', (_label, pick) => {
    const truth = pick();
    const dataDir = makeTempDir();
    const run = chamber(['import-pack', truth.path, '--json', '--data-dir', dataDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      meeting: { id: string; committee: string; date: string; startTime: string; venue: string; members: unknown[] };
      items: { number: string; title: string; printedPages: unknown; pdfPages: unknown; timing: unknown; status: string }[];
      pageCount: number;
    };
    expect(out.meeting.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.meeting).toMatchObject({ ...truth.meeting, members: truth.meeting?.members });
    expect(out.pageCount).toBe(truth.pageCount);
    expect(out.items).toEqual(
      truth.items.map((i) => ({ number: String(i.number), title: i.title, printedPages: i.printedPages, pdfPages: i.pdfPages, timing: i.timing, status: i.status })),
    );
    // The meeting it made is the one the rest of the app sees.
    const listed = JSON.parse(chamber(['meetings', 'list', '--json', '--data-dir', dataDir]).stdout) as { id: string }[];
    expect(listed.map((m) => m.id)).toEqual([out.meeting.id]);
  });

  it('refuses a file that is not a PDF with a clear message and exit 1', () => {
    const run = chamber(['import-pack', bin, '--data-dir', makeTempDir()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not a PDF file \[NOT_A_PDF\]/);
  });

  it('imports a password-protected pack with --password, and says which password is missing or wrong', async () => {
    const file = path.join(makeTempDir(), 'protected.pdf');
    await generateProtectedPack(file, { user: 'Quill-7f3e9a-Lantern', owner: 'owner-Harbour-51c2' });
    const dataDir = makeTempDir();
    // No terminal here to ask on, so it says how to give the password.
    const missing = chamber(['import-pack', file, '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/protected by a password: give it with --password.*\[PDF_PASSWORD_REQUIRED\]/);
    const wrong = chamber(['import-pack', file, '--password', 'quill', '--data-dir', dataDir]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/\[PDF_PASSWORD_WRONG\]/);
    const right = chamber(['import-pack', file, '--password', 'Quill-7f3e9a-Lantern', '--json', '--data-dir', dataDir]);
    expect(right.stderr).toBe('');
    expect(right.code).toBe(0);
    const out = JSON.parse(right.stdout) as { items: { number: string; title: string }[]; pageCount: number };
    const truth = november2019();
    expect(out.pageCount).toBe(truth.pageCount);
    expect(out.items.map((i) => i.title)).toEqual(truth.items.map((i) => i.title));
  });
});
