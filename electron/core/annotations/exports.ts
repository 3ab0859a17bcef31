import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { LineCapStyle, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Annotation, ExportedFile, Question } from '../../../shared/annotations/schema';
import { toW3c } from '../../../shared/annotations/w3c';
import type { Meeting } from '../../../shared/domain/meeting';
import type { PackItem } from '../../../shared/domain/pack';

export interface MeetingNotes {
  meeting: Meeting;
  items: readonly PackItem[];
  annotations: readonly Annotation[];
  questions: readonly Question[];
}

const kindLabel: Record<Annotation['kind'], string> = {
  highlight: 'Highlight',
  underline: 'Underline',
  strike: 'Strike-through',
  note: 'Note',
  'free-text': 'Free text',
  ink: 'Ink',
};

function baseName(meeting: Meeting): string {
  return `${meeting.date}-${meeting.committee.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase()}-annotations`;
}

interface Section {
  heading: string;
  annotations: Annotation[];
  questions: Question[];
}

/** The member's notes grouped by agenda item, in agenda order; anything outside an item last. */
function sections(notes: MeetingNotes): Section[] {
  const out: Section[] = notes.items.map((item) => ({
    heading: `Item ${item.number}: ${item.title}`,
    annotations: notes.annotations.filter((a) => a.itemNumber === item.number),
    questions: notes.questions.filter((q) => q.itemNumber === item.number),
  }));
  const known = new Set(notes.items.map((i) => i.number));
  out.push({
    heading: 'Other pages',
    annotations: notes.annotations.filter((a) => a.itemNumber === null || !known.has(a.itemNumber)),
    questions: notes.questions.filter((q) => !known.has(q.itemNumber)),
  });
  return out.filter((s) => s.annotations.length > 0 || s.questions.length > 0);
}

function annotationLine(a: Annotation): string {
  const where = `page ${a.pageIndex + 1}${a.status === 'needs-review' ? ` of version ${a.packVersion}, needs review` : ''}`;
  const quote = a.quote && ['highlight', 'underline', 'strike'].includes(a.kind) ? ` “${a.quote.exact}”` : '';
  const body = a.body ? ` — ${a.body}` : '';
  return `${kindLabel[a.kind]} (${where})${quote}${body}`;
}

function questionLine(q: Question): string {
  const asked = q.askedAt ? ' (asked)' : '';
  return `${q.text}${asked}${q.answer ? ` Answer: ${q.answer}` : ''}`;
}

export function toMarkdown(notes: MeetingNotes): ExportedFile {
  const { meeting } = notes;
  const lines = [`# ${meeting.committee}, ${meeting.date} ${meeting.startTime}`, '', `${meeting.title}, ${meeting.venue}`, ''];
  for (const s of sections(notes)) {
    lines.push(`## ${s.heading}`, '');
    if (s.questions.length > 0) {
      lines.push('### Questions', '');
      s.questions.forEach((q, i) => lines.push(`${i + 1}. ${questionLine(q)}`));
      lines.push('');
    }
    if (s.annotations.length > 0) {
      lines.push('### Annotations', '');
      for (const a of s.annotations) lines.push(`- ${annotationLine(a)}`);
      lines.push('');
    }
  }
  return { fileName: `${baseName(meeting)}.md`, mimeType: 'text/markdown', data: Buffer.from(lines.join('\n'), 'utf8').toString('base64') };
}

export async function toDocx(notes: MeetingNotes): Promise<ExportedFile> {
  const { meeting } = notes;
  const children: Paragraph[] = [
    new Paragraph({ text: `${meeting.committee}, ${meeting.date} ${meeting.startTime}`, heading: HeadingLevel.HEADING_1 }),
    new Paragraph({ text: `${meeting.title}, ${meeting.venue}` }),
  ];
  for (const s of sections(notes)) {
    children.push(new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_2 }));
    if (s.questions.length > 0) {
      children.push(new Paragraph({ text: 'Questions', heading: HeadingLevel.HEADING_3 }));
      s.questions.forEach((q, i) => children.push(new Paragraph({ children: [new TextRun({ text: `${i + 1}. `, bold: true }), new TextRun(questionLine(q))] })));
    }
    if (s.annotations.length > 0) {
      children.push(new Paragraph({ text: 'Annotations', heading: HeadingLevel.HEADING_3 }));
      for (const a of s.annotations) children.push(new Paragraph({ text: annotationLine(a), bullet: { level: 0 } }));
    }
  }
  const doc = new Document({ creator: 'Chamber', title: `${meeting.committee} ${meeting.date} annotations`, sections: [{ children }] });
  const buffer = await Packer.toBuffer(doc);
  return {
    fileName: `${baseName(meeting)}.docx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    data: Buffer.from(buffer).toString('base64'),
  };
}

export function toW3cFile(notes: MeetingNotes): ExportedFile {
  const json = JSON.stringify(toW3c(notes.annotations), null, 2);
  return { fileName: `${baseName(notes.meeting)}.jsonld`, mimeType: 'application/ld+json', data: Buffer.from(json, 'utf8').toString('base64') };
}

function colourOf(hex: string) {
  const n = Number.parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** Annotations drawn into a copy of the pack version they sit on (stored top-down; PDF is bottom-up). */
export async function toAnnotatedPdf(notes: MeetingNotes, pdfBytes: Uint8Array, packId: string): Promise<ExportedFile> {
  const pdf = await PDFDocument.load(pdfBytes);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const pages = pdf.getPages();
  for (const a of notes.annotations) {
    if (a.packId !== packId) continue;
    const page = pages[a.pageIndex];
    if (page) drawAnnotation(page, a, font);
  }
  const bytes = await pdf.save();
  return { fileName: `${baseName(notes.meeting)}.pdf`, mimeType: 'application/pdf', data: Buffer.from(bytes).toString('base64') };
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
      if (a.body) {
        const text = a.body.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');
        page.drawText(text, { x: r.x, y: flip(r.y) + 4, size: 9, font, color: rgb(0, 0, 0), maxWidth: 220, lineHeight: 11 });
      }
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
