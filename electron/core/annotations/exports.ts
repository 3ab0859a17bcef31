import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import fs from 'node:fs';
import * as fontkit from 'fontkit';
import { LineCapStyle, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Annotation, ExportedFile, Question } from '../../../shared/annotations/schema';
import { toW3c } from '../../../shared/annotations/w3c';
import type { Meeting } from '../../../shared/domain/meeting';
import { memberName } from '../../../shared/domain/memberTitle';
import type { PackItem } from '../../../shared/domain/pack';
import { formatMinutesDate, type MinutesLanguage, type Phrase } from '../../../shared/minutes/layout';
import { CoreError } from '../errors';
import { pdfFonts } from '../fonts/pdfFonts';
import { localePhrases } from '../minutes/render/phrases';

export interface MeetingNotes {
  meeting: Meeting;
  items: readonly PackItem[];
  annotations: readonly Annotation[];
  questions: readonly Question[];
}

/** What the exports print: the member's language, long dates, printed page numbers where known. */
export interface NotesWording {
  t: Phrase;
  /** The pack version's printed "Page N" per PDF page (index 0 is PDF page 1), for its own pack id. */
  printed: { packId: string; pages: readonly (number | null)[] } | null;
  /** Whose notes these are, titled for the language ("Cyng." in Welsh); null if this device has no name for them. */
  author: string | null;
}

export function notesWording(language: MinutesLanguage, printed: NotesWording['printed'], author: string | null = null): NotesWording {
  return { t: localePhrases(language, 'notesExport'), printed, author: author === null ? null : memberName(author, language) };
}

function baseName(meeting: Meeting, { t }: NotesWording): string {
  return `${meeting.date}-${meeting.committee.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase()}-${t('fileName')}`;
}

const heading = (meeting: Meeting, { t }: NotesWording) => t('heading', { committee: meeting.committee, date: formatMinutesDate(meeting.date, t), time: meeting.startTime });
const subheading = (meeting: Meeting, { t }: NotesWording) => t('subheading', { title: meeting.title, venue: meeting.venue });
const byline = ({ t, author }: NotesWording): string[] => (author ? [t('byline', { name: author })] : []);

interface Section {
  heading: string;
  annotations: Annotation[];
  questions: Question[];
}

/** The member's notes grouped by agenda item, in agenda order; anything outside an item last. */
function sections(notes: MeetingNotes, { t }: NotesWording): Section[] {
  const out: Section[] = notes.items.map((item) => ({
    heading: t('item', { number: item.number, title: item.title }),
    annotations: notes.annotations.filter((a) => a.itemNumber === item.number),
    questions: notes.questions.filter((q) => q.itemNumber === item.number),
  }));
  const known = new Set(notes.items.map((i) => i.number));
  out.push({
    heading: t('otherPages'),
    annotations: notes.annotations.filter((a) => a.itemNumber === null || !known.has(a.itemNumber)),
    questions: notes.questions.filter((q) => !known.has(q.itemNumber)),
  });
  return out.filter((s) => s.annotations.length > 0 || s.questions.length > 0);
}

/** "Page 21" as printed on the paper when the pack says so; the PDF page otherwise. */
function where(a: Annotation, { t, printed }: NotesWording): string {
  const printedPage = printed?.packId === a.packId ? printed.pages[a.pageIndex] : null;
  const page = printedPage ? t('printedPage', { page: printedPage }) : t('pdfPage', { page: a.pageIndex + 1 });
  return a.status === 'needs-review' ? t('needsReview', { where: page, version: a.packVersion }) : page;
}

function annotationLine(a: Annotation, wording: NotesWording): string {
  const quote = a.quote && ['highlight', 'underline', 'strike'].includes(a.kind) ? ` “${a.quote.exact}”` : '';
  const body = a.body ? ` — ${a.body}` : '';
  return `${wording.t(`kinds.${a.kind}`)} (${where(a, wording)})${quote}${body}`;
}

function questionLine(q: Question, { t }: NotesWording): string {
  const asked = q.askedAt ? ` (${t('asked')})` : '';
  return `${q.text}${asked}${q.answer ? ` ${t('answer', { answer: q.answer })}` : ''}`;
}

export function toMarkdown(notes: MeetingNotes, wording: NotesWording): ExportedFile {
  const { meeting } = notes;
  const { t } = wording;
  const lines = [`# ${heading(meeting, wording)}`, '', subheading(meeting, wording), '', ...byline(wording).flatMap((b) => [b, ''])];
  for (const s of sections(notes, wording)) {
    lines.push(`## ${s.heading}`, '');
    if (s.questions.length > 0) {
      lines.push(`### ${t('questions')}`, '');
      s.questions.forEach((q, i) => lines.push(`${i + 1}. ${questionLine(q, wording)}`));
      lines.push('');
    }
    if (s.annotations.length > 0) {
      lines.push(`### ${t('annotations')}`, '');
      for (const a of s.annotations) lines.push(`- ${annotationLine(a, wording)}`);
      lines.push('');
    }
  }
  return { fileName: `${baseName(meeting, wording)}.md`, mimeType: 'text/markdown', data: Buffer.from(lines.join('\n'), 'utf8').toString('base64') };
}

export async function toDocx(notes: MeetingNotes, wording: NotesWording): Promise<ExportedFile> {
  const { meeting } = notes;
  const { t } = wording;
  const children: Paragraph[] = [
    new Paragraph({ text: heading(meeting, wording), heading: HeadingLevel.HEADING_1 }),
    new Paragraph({ text: subheading(meeting, wording) }),
    ...byline(wording).map((text) => new Paragraph({ text })),
  ];
  for (const s of sections(notes, wording)) {
    children.push(new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_2 }));
    if (s.questions.length > 0) {
      children.push(new Paragraph({ text: t('questions'), heading: HeadingLevel.HEADING_3 }));
      s.questions.forEach((q, i) => children.push(new Paragraph({ children: [new TextRun({ text: `${i + 1}. `, bold: true }), new TextRun(questionLine(q, wording))] })));
    }
    if (s.annotations.length > 0) {
      children.push(new Paragraph({ text: t('annotations'), heading: HeadingLevel.HEADING_3 }));
      for (const a of s.annotations) children.push(new Paragraph({ text: annotationLine(a, wording), bullet: { level: 0 } }));
    }
  }
  const doc = new Document({
    creator: wording.author ?? 'Chamber',
    title: t('docTitle', { committee: meeting.committee, date: formatMinutesDate(meeting.date, t) }),
    styles: { default: { document: { run: { font: 'Arial', size: 22 }, paragraph: { spacing: { after: 120, line: 276 } } } } },
    sections: [{ children }],
  });
  const buffer = await Packer.toBuffer(doc);
  return {
    fileName: `${baseName(meeting, wording)}.docx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    data: Buffer.from(buffer).toString('base64'),
  };
}

export function toW3cFile(notes: MeetingNotes, wording: NotesWording): ExportedFile {
  const json = JSON.stringify(toW3c(notes.annotations), null, 2);
  return { fileName: `${baseName(notes.meeting, wording)}.jsonld`, mimeType: 'application/ld+json', data: Buffer.from(json, 'utf8').toString('base64') };
}

function colourOf(hex: string) {
  const n = Number.parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** Annotations drawn into a copy of the pack version they sit on (stored top-down; PDF is bottom-up). */
export async function toAnnotatedPdf(notes: MeetingNotes, pdfBytes: Uint8Array, packId: string, wording: NotesWording): Promise<ExportedFile> {
  // Loaded regardless only to ask: pdf-lib cannot decrypt (its own error is not reliably an instanceof).
  const pdf = await PDFDocument.load(pdfBytes, { ignoreEncryption: true });
  if (pdf.isEncrypted) throw new CoreError('PACK_PASSWORD_PROTECTED', 'The pack is password-protected; its notes can be exported as a document, not drawn into the PDF');
  // The council's pack with this member's marks on it: its properties say whose they are.
  if (wording.author) pdf.setAuthor(wording.author);
  // A real font, so "—", ŵ and ŷ print as themselves (Helvetica's WinAnsi has no ŵ or ŷ).
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(fs.readFileSync(pdfFonts().files.regular), { subset: false });
  const pages = pdf.getPages();
  for (const a of notes.annotations) {
    if (a.packId !== packId) continue;
    const page = pages[a.pageIndex];
    if (page) drawAnnotation(page, a, font);
  }
  const bytes = await pdf.save();
  return { fileName: `${baseName(notes.meeting, wording)}.pdf`, mimeType: 'application/pdf', data: Buffer.from(bytes).toString('base64') };
}

function drawAnnotation(page: PDFPage, a: Annotation, font: PDFFont): void {
  const height = page.getHeight();
  const color = colourOf(a.colour);
  const flip = (y: number) => height - y;
  for (const r of a.kind === 'ink' ? [] : a.rects) {
    if (a.kind === 'highlight') page.drawRectangle({ x: r.x, y: flip(r.y + r.height), width: r.width, height: r.height, color, opacity: 0.4 });
    else if (a.kind === 'underline') page.drawLine({ start: { x: r.x, y: flip(r.y + r.height) }, end: { x: r.x + r.width, y: flip(r.y + r.height) }, thickness: 1.2, color });
    else if (a.kind === 'strike') page.drawLine({ start: { x: r.x, y: flip(r.y + r.height / 2) }, end: { x: r.x + r.width, y: flip(r.y + r.height / 2) }, thickness: 1.2, color });
    else {
      page.drawRectangle({ x: r.x, y: flip(r.y + r.height), width: Math.max(r.width, 12), height: Math.max(r.height, 12), color, opacity: 0.8 });
      if (a.body) drawNoteText(page, a.body, { x: r.x, y: flip(r.y) }, font);
    }
  }
  for (const stroke of a.ink ?? []) {
    for (let i = 1; i < stroke.points.length; i += 1) {
      const p0 = stroke.points[i - 1];
      const p1 = stroke.points[i];
      if (!p0 || !p1) continue;
      page.drawLine({
        start: { x: p0.x, y: flip(p0.y) },
        end: { x: p1.x, y: flip(p1.y) },
        thickness: stroke.width * (0.5 + p1.pressure),
        color,
        lineCap: LineCapStyle.Round,
      });
    }
  }
}

const NOTE = { size: 9, lineHeight: 11, padding: 4, maxWidth: 220, margin: 12 };

/** Splits text into lines no wider than `width`, breaking long words too (URLs, references). */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      while (measure(rest) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && measure(rest.slice(0, cut)) > width) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * A note's words in a box beside its marker, wrapped to the box and kept on the page: moved left or
 * up where the marker sits near the edge, so nothing runs off the paper.
 */
function drawNoteText(page: PDFPage, body: string, at: { x: number; y: number }, font: PDFFont): void {
  const { width: pageWidth, height: pageHeight } = page.getSize();
  const maxWidth = Math.min(NOTE.maxWidth, pageWidth - 2 * NOTE.margin - 2 * NOTE.padding);
  const lines = wrapText(body, maxWidth, (s) => font.widthOfTextAtSize(s, NOTE.size));
  const textWidth = Math.max(...lines.map((l) => font.widthOfTextAtSize(l, NOTE.size)));
  const boxWidth = textWidth + 2 * NOTE.padding;
  const boxHeight = lines.length * NOTE.lineHeight + 2 * NOTE.padding;
  const x = Math.max(NOTE.margin, Math.min(at.x + 14, pageWidth - NOTE.margin - boxWidth));
  // Below the marker's top edge if it fits, otherwise as low as the page allows.
  const top = Math.min(pageHeight - NOTE.margin, Math.max(at.y, NOTE.margin + boxHeight));
  page.drawRectangle({ x, y: top - boxHeight, width: boxWidth, height: boxHeight, color: rgb(1, 1, 0.88), borderColor: rgb(0.35, 0.35, 0.35), borderWidth: 0.75, opacity: 0.95 });
  lines.forEach((line, i) => {
    page.drawText(line, { x: x + NOTE.padding, y: top - NOTE.padding - (i + 1) * NOTE.lineHeight + 2, size: NOTE.size, font, color: rgb(0, 0, 0) });
  });
}
