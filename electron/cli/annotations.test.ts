import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { january2022, january2022Revised } from '../core/testing/samplePacks';
import { makeTempDir } from '../core/testing/tempDir';

const bin = path.resolve(import.meta.dirname, '../../bin/chamber.cjs');
const chamber = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

interface Listed {
  page: number;
  quote: string | null;
  status: 'anchored' | 'needs-review';
}

describe('chamber annotations', () => {
  it('imports W3C annotations, lists them, re-anchors them when import-pack brings a revised pack, and exports every format', () => {
    const dataDir = makeTempDir();
    const imported = chamber(['import-pack', january2022().path, '--json', '--data-dir', dataDir]);
    expect(imported.code).toBe(0);
    const meetingId = (JSON.parse(imported.stdout) as { meeting: { id: string } }).meeting.id;
    const truth = january2022Revised().revisions;
    const moved = truth?.moved[0];
    const deleted = truth?.deleted[0];
    if (!moved || !deleted) throw new Error('no revisions');

    // Written by hand as another tool would: one annotation per passage, a FragmentSelector page and a quote.
    const annotation = (page: number, exact: string, comment?: string) => ({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      ...(comment ? { body: { type: 'TextualBody', value: comment } } : {}),
      target: {
        source: 'agenda.pdf',
        selector: [
          { type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: `page=${page}` },
          { type: 'TextQuoteSelector', exact },
        ],
      },
    });
    const file = path.join(dataDir, 'in.json');
    fs.writeFileSync(file, JSON.stringify([annotation(moved.before.pdfPage, moved.text, 'Check this'), annotation(deleted.before.pdfPage, deleted.text)]));
    const run = chamber(['annotations', 'import', '--meeting', meetingId, '--format', 'w3c', file, '--data-dir', dataDir]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Imported 2 annotations/);

    const list = () => JSON.parse(chamber(['annotations', 'list', '--meeting', meetingId, '--json', '--data-dir', dataDir]).stdout) as Listed[];
    expect(list().map(({ page, quote, status }) => ({ page, quote, status }))).toEqual([
      { page: deleted.before.pdfPage, quote: deleted.text, status: 'anchored' },
      { page: moved.before.pdfPage, quote: moved.text, status: 'anchored' },
    ]);

    expect(chamber(['import-pack', january2022Revised().path, '--data-dir', dataDir]).code).toBe(0);
    const after = list();
    expect(after.find((a) => a.quote === moved.text)).toMatchObject({ page: moved.after.pdfPage, status: 'anchored' });
    expect(after.find((a) => a.quote === deleted.text)).toMatchObject({ page: deleted.before.pdfPage, status: 'needs-review' });

    for (const format of ['w3c', 'md', 'docx', 'pdf']) {
      const out = path.join(dataDir, `out.${format}`);
      const exported = chamber(['annotations', 'export', '--meeting', meetingId, '--format', format, '--out', out, '--data-dir', dataDir]);
      expect(exported.stderr, format).toBe('');
      expect(fs.statSync(out).size, format).toBeGreaterThan(100);
    }
    expect(fs.readFileSync(path.join(dataDir, 'out.md'), 'utf8')).toContain('Check this');
    expect(fs.readFileSync(path.join(dataDir, 'out.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const w3c = JSON.parse(fs.readFileSync(path.join(dataDir, 'out.w3c'), 'utf8')) as { target: { selector: { type: string; value?: string }[] } }[];
    expect(w3c.map((a) => a.target.selector.find((s) => s.type === 'FragmentSelector')?.value).sort()).toEqual([`page=${deleted.before.pdfPage}`, `page=${moved.after.pdfPage}`].sort());
  });

  it('refuses a file that is not W3C annotation JSON with exit 1 and a bad format with exit 2', () => {
    const dataDir = makeTempDir();
    const meetingId = (JSON.parse(chamber(['import-pack', january2022().path, '--json', '--data-dir', dataDir]).stdout) as { meeting: { id: string } }).meeting.id;
    const file = path.join(dataDir, 'bad.json');
    fs.writeFileSync(file, '[{"type":"Annotation","target":{"selector":{"type":"TextQuoteSelector","exact":"x"}}}]');
    const bad = chamber(['annotations', 'import', '--meeting', meetingId, '--format', 'w3c', file, '--data-dir', dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/page=N.*\[INVALID_INPUT\]/);
    expect(chamber(['annotations', 'export', '--meeting', meetingId, '--format', 'odt', '--out', file, '--data-dir', dataDir]).code).toBe(2);
    expect(JSON.parse(chamber(['annotations', 'list', '--meeting', meetingId, '--json', '--data-dir', dataDir]).stdout)).toEqual([]);
  });
});
