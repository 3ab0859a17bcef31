import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../testing/tempDir';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The text of a PDF as poppler's pdftotext reads it, whitespace collapsed. */
export function pdfText(pdf: Uint8Array | string): string {
  const file = typeof pdf === 'string' ? pdf : path.join(makeTempDir('chamber-minutes-pdf-'), 'minutes.pdf');
  if (typeof pdf !== 'string') fs.writeFileSync(file, pdf);
  return squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/** Pages pdfinfo counts in a PDF. */
export function pdfPages(pdf: Uint8Array): number {
  const file = path.join(makeTempDir('chamber-minutes-pdf-'), 'minutes.pdf');
  fs.writeFileSync(file, pdf);
  const match = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(match?.[1] ?? 0);
}

/**
 * Converts a Word file with LibreOffice, as a council officer's machine would open it, and returns
 * the resulting PDF's text: proof the DOCX is a real document, not just a zip that parses.
 */
export function docxTextViaLibreOffice(docx: Uint8Array): string {
  const dir = makeTempDir('chamber-minutes-docx-');
  const file = path.join(dir, 'minutes.docx');
  fs.writeFileSync(file, docx);
  // A private profile so parallel conversions never share LibreOffice's lock.
  const profile = `file://${path.join(dir, 'profile')}`;
  execFileSync('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
  return pdfText(path.join(dir, 'minutes.pdf'));
}
