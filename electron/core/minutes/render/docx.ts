import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { LayoutBlock, MinutesLayout } from '../../../../shared/minutes/layout';
import type { TextRun as Run } from '../../../../shared/minutes/richText';

const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const BULLETS = 'minutes-bullets';
const NUMBERS = 'minutes-numbers';

const textRuns = (runs: readonly Run[], extra: { bold?: boolean } = {}) =>
  runs.map((r) => new TextRun({ text: r.text, bold: r.bold ?? extra.bold, italics: r.italic }));

/** "Page {{page}} of {{pages}}" with Word's own page fields in place of the placeholders. */
function pageNumberRuns(label: string): TextRun {
  const children: string[] = [];
  for (const part of label.split(/({{page}}|{{pages}})/)) {
    if (part === '{{page}}') children.push(PageNumber.CURRENT);
    else if (part === '{{pages}}') children.push(PageNumber.TOTAL_PAGES);
    else if (part !== '') children.push(part);
  }
  return new TextRun({ children });
}

function table(b: Extract<LayoutBlock, { kind: 'table' }>): (Paragraph | Table)[] {
  const cell = (value: string, header: boolean) =>
    new TableCell({
      children: [new Paragraph({ children: [new TextRun({ text: value, bold: header })] })],
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } } : {}),
    });
  return [
    new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun({ text: b.caption, bold: true })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: b.headers.map((h) => cell(h, true)) }),
        ...b.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((value) => cell(value, false)) })),
      ],
    }),
  ];
}

/**
 * A council's house style rather than Word's defaults: 11 pt Arial at 1.15 lines with 6 pt after
 * each paragraph, and headings that stand apart from the text (spacing before, keep with next).
 * Sizes are half-points, spacing twentieths of a point.
 */
const wordStyles = {
  default: {
    document: { run: { font: 'Arial', size: 22 }, paragraph: { spacing: { after: 120, line: 276 } } },
    title: { run: { font: 'Arial', size: 36, bold: true } },
    heading1: { run: { font: 'Arial', size: 34, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 180 }, keepNext: true } },
    heading2: { run: { font: 'Arial', size: 26, bold: true, color: '000000' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
    heading3: { run: { font: 'Arial', size: 23, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
  },
};

/** Word minutes: real heading styles (navigable), lists, tables for votes and declarations, page numbers. */
export async function renderMinutesDocx(layout: MinutesLayout): Promise<Uint8Array> {
  let listInstance = 0;
  const body: (Paragraph | Table)[] = [];
  for (const b of layout.blocks) {
    switch (b.kind) {
      case 'heading':
        body.push(new Paragraph({ heading: headingLevels[b.level], keepNext: true, children: [new TextRun({ text: b.text })] }));
        break;
      case 'paragraph':
        body.push(
          new Paragraph({
            children: b.tone === 'council' ? [new TextRun({ text: b.runs.map((r) => r.text).join(''), bold: true, size: 28 })] : textRuns(b.runs, { bold: b.tone === 'status' || b.tone === 'gap' ? true : undefined }),
            ...(b.tone === 'council' ? { alignment: AlignmentType.CENTER, spacing: { after: 240 } } : {}),
            ...(b.tone === 'gap'
              ? { shading: { type: ShadingType.CLEAR, fill: 'FFF4CE', color: 'auto' }, border: { left: { style: BorderStyle.SINGLE, size: 18, color: '8A5A00', space: 4 } } }
              : {}),
          }),
        );
        break;
      case 'list': {
        listInstance += 1;
        for (const item of b.items) {
          body.push(new Paragraph({ numbering: { reference: b.ordered ? NUMBERS : BULLETS, level: 0, instance: listInstance }, children: textRuns(item) }));
        }
        break;
      }
      case 'table':
        body.push(...table(b));
        break;
      case 'signature':
        body.push(...b.lines.map((line, i) => new Paragraph({ spacing: { before: i === 0 ? 720 : 240 }, children: [new TextRun({ text: line })] })));
        break;
    }
  }

  const doc = new Document({
    title: layout.title,
    creator: 'Chamber',
    styles: wordStyles,
    numbering: {
      config: [
        { reference: BULLETS, levels: [{ level: 0, format: LevelFormat.BULLET, text: '\u2022', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
        { reference: NUMBERS, levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
      ],
    },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: layout.header })] })] }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [pageNumberRuns(layout.pageLabel)] })] }) },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
