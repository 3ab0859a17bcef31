import PDFDocument from 'pdfkit';
import { pdfFonts } from '../../fonts/pdfFonts';
import type { LayoutBlock, MinutesLayout } from '../../../../shared/minutes/layout';
import type { TextRun } from '../../../../shared/minutes/richText';

type Pdf = InstanceType<typeof PDFDocument>;

const MARGIN = 56;
const HEADER_Y = 24;
const sizes = { 1: 18, 2: 13, 3: 11.5 } as const;
const BODY = 10.5;

const fontFor = (run: Pick<TextRun, 'bold' | 'italic'>): string => (run.bold ? (run.italic ? 'boldItalic' : 'bold') : run.italic ? 'italic' : 'regular');

function writeRuns(doc: Pdf, runs: readonly TextRun[], x: number, width: number, force: { bold?: boolean } = {}): void {
  const list = runs.length === 0 ? [{ text: '' }] : runs;
  list.forEach((run, index) => {
    doc.font(fontFor({ bold: run.bold ?? force.bold, italic: run.italic })).fontSize(BODY);
    const options = { width, continued: index < list.length - 1, lineGap: 2 };
    if (index === 0) doc.text(run.text, x, doc.y, options);
    else doc.text(run.text, options);
  });
}

function ensureRoom(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function table(doc: Pdf, b: Extract<LayoutBlock, { kind: 'table' }>): void {
  const width = doc.page.width - 2 * MARGIN;
  const columns = b.headers.length;
  const colWidth = width / columns;
  const pad = 4;
  const rowHeight = (cells: readonly string[], bold: boolean) =>
    Math.max(...cells.map((c) => doc.font(bold ? 'bold' : 'regular').fontSize(BODY - 1).heightOfString(c, { width: colWidth - 2 * pad }))) + 2 * pad;
  const drawRow = (cells: readonly string[], bold: boolean) => {
    const h = rowHeight(cells, bold);
    ensureRoom(doc, h);
    const top = doc.y;
    cells.forEach((cell, i) => {
      const x = MARGIN + i * colWidth;
      if (bold) doc.rect(x, top, colWidth, h).fillAndStroke('#e7e6e6', '#595959');
      else doc.rect(x, top, colWidth, h).stroke('#595959');
      doc.fillColor('#000000').font(bold ? 'bold' : 'regular').fontSize(BODY - 1).text(cell, x + pad, top + pad, { width: colWidth - 2 * pad });
    });
    doc.x = MARGIN;
    doc.y = top + h;
  };
  ensureRoom(doc, 60);
  doc.font('bold').fontSize(BODY).text(b.caption, MARGIN, doc.y, { width });
  doc.moveDown(0.2);
  drawRow(b.headers, true);
  for (const row of b.rows) drawRow(row, false);
  doc.moveDown(0.6);
}

/** Paged PDF minutes made in-process (no browser), so the command line can produce them too. */
export async function renderMinutesPdf(layout: MinutesLayout): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, bufferPages: true, lang: layout.language, info: { Title: layout.title, Creator: 'Chamber' }, displayTitle: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  for (const [name, file] of Object.entries(pdfFonts().files)) doc.registerFont(name, file);
  const width = doc.page.width - 2 * MARGIN;

  for (const b of layout.blocks) {
    switch (b.kind) {
      case 'heading':
        ensureRoom(doc, sizes[b.level] * 4);
        doc.moveDown(b.level === 3 ? 0.4 : 0.8);
        doc.font('bold').fontSize(sizes[b.level]).fillColor('#000000').text(b.text, MARGIN, doc.y, { width });
        doc.moveDown(0.3);
        break;
      case 'paragraph':
        ensureRoom(doc, BODY * 2);
        if (b.tone === 'gap') {
          const h = doc.font('bold').fontSize(BODY).heightOfString(b.runs.map((r) => r.text).join(''), { width: width - 12 }) + 6;
          doc.rect(MARGIN, doc.y - 2, width, h).fill('#fff4ce');
          doc.rect(MARGIN, doc.y - 2, 3, h).fill('#8a5a00');
          doc.fillColor('#4d3300');
          writeRuns(doc, b.runs, MARGIN + 8, width - 12, { bold: true });
          doc.fillColor('#000000');
        } else if (b.tone === 'council') {
          doc.font('bold').fontSize(13).fillColor('#000000').text(b.runs.map((r) => r.text).join(''), MARGIN, doc.y, { width, align: 'center' });
        } else {
          doc.fillColor(b.tone === 'meta' ? '#404040' : '#000000');
          writeRuns(doc, b.runs, MARGIN, width, { bold: b.tone === 'status' ? true : undefined });
          doc.fillColor('#000000');
        }
        doc.moveDown(0.5);
        break;
      case 'list':
        b.items.forEach((item, i) => {
          ensureRoom(doc, BODY * 2);
          const top = doc.y;
          doc.font('regular').fontSize(BODY).text(b.ordered ? `${i + 1}.` : '\u2022', MARGIN + 6, top, { width: 20 });
          doc.y = top;
          writeRuns(doc, item, MARGIN + 26, width - 26);
          doc.moveDown(0.2);
        });
        doc.x = MARGIN;
        doc.moveDown(0.4);
        break;
      case 'table':
        table(doc, b);
        break;
      case 'signature':
        ensureRoom(doc, 90);
        doc.moveDown(2);
        for (const line of b.lines) {
          doc.font('regular').fontSize(BODY).text(line, MARGIN, doc.y, { width });
          doc.moveDown(1);
        }
        break;
    }
  }

  // Running header and "Page n of N" once the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8.5).fillColor('#404040');
    doc.text(layout.header, MARGIN, HEADER_Y, { width, align: 'right', lineBreak: false });
    const label = layout.pageLabel.replace('{{page}}', String(i - range.start + 1)).replace('{{pages}}', String(range.count));
    doc.text(label, MARGIN, doc.page.height - MARGIN / 2 - 6, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
