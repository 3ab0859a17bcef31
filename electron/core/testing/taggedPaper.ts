import { PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * A real PDF with one page per tag, each page printing its tag. Tags are five letters, all the same
 * length, so none is a prefix of another in search.
 */
export async function taggedPaper(tags: readonly string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const tag of tags) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Report page ${tag} for the committee`, { x: 72, y: 760, size: 14, font });
  }
  return doc.save();
}
