import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';

function write(doc: PDFKit.PDFDocument, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(file);
    out.on('finish', () => resolve(file));
    out.on('error', reject);
    doc.pipe(out);
    doc.end();
  });
}

/** A real password-protected PDF (RC4/AES through pdfkit's own encryption). */
export function encryptedPdf(dir: string): Promise<string> {
  const doc = new PDFDocument({ userPassword: 'chamber', ownerPassword: 'owner', pdfVersion: '1.7' });
  doc.text('Exempt report: not for publication by virtue of Schedule 12A.');
  return write(doc, path.join(dir, 'encrypted.pdf'));
}

/** A scanned-looking pack: pages with drawings only, no text layer. */
export function imageOnlyPdf(dir: string, pages = 3): Promise<string> {
  const doc = new PDFDocument({ autoFirstPage: false });
  for (let i = 0; i < pages; i++) {
    doc.addPage();
    doc.rect(72, 72, 300, 400).fill('#777777');
  }
  return write(doc, path.join(dir, 'scanned.pdf'));
}

/** The first part of a real pack, cut off mid-file as an interrupted download would be. */
export function truncatedPdf(source: string, dir: string): string {
  const bytes = fs.readFileSync(source);
  const file = path.join(dir, 'truncated.pdf');
  fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
  return file;
}

/** A PDF header followed by noise. */
export function corruptPdf(dir: string): string {
  const file = path.join(dir, 'corrupt.pdf');
  const noise = Buffer.alloc(20_000);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  fs.writeFileSync(file, Buffer.concat([Buffer.from('%PDF-1.7\n'), noise]));
  return file;
}
