import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OpenCivicDataMinutes } from '../../shared/minutes/openData';
import { docxTextViaLibreOffice, pdfText } from '../core/minutes/testing/exportedText';
import { demoMinutesSections } from '../core/minutes/testing/demoSections';
import { makeTempDir } from '../core/testing/tempDir';

const bin = path.resolve(import.meta.dirname, '../../bin/chamber.cjs');
const chamber = (args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

const htmlText = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('chamber export-minutes', () => {
  it('after chamber demo, writes Word, PDF, HTML and JSON minutes, each with every section', () => {
    const dataDir = makeTempDir();
    const demo = chamber(['demo', '--data-dir', dataDir, '--json']);
    expect(demo.code, demo.stderr).toBe(0);
    const { meetingId } = JSON.parse(demo.stdout) as { meetingId: string };
    const out = makeTempDir('chamber-minutes-out-');

    const texts: Record<string, string> = {};
    for (const format of ['docx', 'pdf', 'html', 'json'] as const) {
      const file = path.join(out, `minutes.${format}`);
      const exported = chamber(['export-minutes', '--data-dir', dataDir, '--meeting', meetingId, '--format', format, '--out', file]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stderr).toBe('');
      expect(exported.stdout).toContain(`Wrote ${format.toUpperCase()} minutes to ${file}`);
      const bytes = fs.readFileSync(file);
      texts[format] = format === 'docx' ? docxTextViaLibreOffice(bytes) : format === 'pdf' ? pdfText(bytes) : bytes.toString('utf8');
    }
    for (const format of ['docx', 'pdf', 'html'] as const) {
      const text = format === 'html' ? htmlText(texts.html ?? '') : (texts[format] ?? '');
      for (const [section, expected] of demoMinutesSections) expect(text, `${format}: ${section}`).toContain(expected);
    }
    const data = OpenCivicDataMinutes.parse(JSON.parse(texts.json ?? ''));
    expect(data.event.agenda.map((a) => a.extras.minute_number)).toEqual([1083, 1084, 1085, 1086, 1087, 1088, 1089, 1090]);
    expect(data.event.extras.apologies).toEqual(['Cllr Natalie McVey']);
    expect(data.event.extras.declarations).toHaveLength(2);
    expect(data.vote_events).toHaveLength(1);
    expect(data.event.agenda[4]?.extras.panel_comments).toHaveLength(1);
    expect(data.event.agenda[4]?.extras.actions).toHaveLength(1);
    expect(data.event.end_date).toBe('2022-01-17T12:18');
  }, 240_000);

  it('writes Welsh minutes, and refuses an unknown format or meeting without writing anything', () => {
    const dataDir = makeTempDir();
    const { meetingId } = JSON.parse(chamber(['demo', '--data-dir', dataDir, '--json']).stdout) as { meetingId: string };
    const out = makeTempDir('chamber-minutes-out-');
    const welsh = chamber(['export-minutes', '--data-dir', dataDir, '--meeting', meetingId, '--format', 'pdf', '--language', 'cy', '--out', path.join(out, 'cofnodion.pdf')]);
    expect(welsh.code, welsh.stderr).toBe(0);
    const text = pdfText(fs.readFileSync(path.join(out, 'cofnodion.pdf')));
    for (const phrase of ['Yn bresennol', 'Ymddiheuriadau', 'Dirprwyon', 'Hefyd yn bresennol', 'PENDERFYNWYD', 'Pleidlais wedi', 'Daeth y cyfarfod i ben am 12:18.', 'Tudalen 1 o', 'Dydd Llun 17 Ionawr 2022', 'Worcestershire Office of Data Analytics']) {
      expect(text, phrase).toContain(phrase);
    }
    expect(chamber(['export-minutes', '--data-dir', dataDir, '--meeting', meetingId, '--format', 'odt', '--out', path.join(out, 'x.odt')]).code).toBe(2);
    const missing = chamber(['export-minutes', '--data-dir', dataDir, '--meeting', '00000000-0000-4000-8000-000000000000', '--format', 'pdf', '--out', path.join(out, 'y.pdf')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[NOT_FOUND]');
    expect(fs.readdirSync(out)).toEqual(['cofnodion.pdf']);
  }, 120_000);
});
