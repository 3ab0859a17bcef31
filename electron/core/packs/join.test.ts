import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { agendaItem, joinPdfs, UnreadablePart } from './join';

async function pdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([300, 300]).drawText(`page ${i + 1}`, { x: 20, y: 250, size: 12, font });
  return doc.save();
}

describe('joining separate papers into one pack', () => {
  it('copies each part in the order given and says which pages each became', async () => {
    const { bytes, ranges } = await joinPdfs(
      [
        { key: 'report', bytes: await pdf(2) },
        { key: 'appendix', bytes: await pdf(3) },
      ],
      'Planning Panel 2026-02-01',
    );
    const joined = await PDFDocument.load(bytes);
    expect(joined.getPageCount()).toBe(5);
    expect(joined.getTitle()).toBe('Planning Panel 2026-02-01');
    expect([...ranges]).toEqual([
      ['report', { from: 1, to: 2 }],
      ['appendix', { from: 3, to: 5 }],
    ]);
  });

  it('names the part it cannot read', async () => {
    const damaged = new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...Array.from({ length: 500 }, (_, i) => (i * 31) % 251)]);
    const attempt = joinPdfs([{ key: 'good', bytes: await pdf(1) }, { key: 'bad', bytes: damaged }], 'x');
    await expect(attempt).rejects.toBeInstanceOf(UnreadablePart);
    await expect(attempt).rejects.toMatchObject({ key: 'bad' });
  });

  it('maps an item to the span of its papers, marks Part II, and tells papers to follow from none', () => {
    const ranges = new Map([
      ['a', { from: 3, to: 4 }],
      ['b', { from: 5, to: 7 }],
    ]);
    expect(agendaItem({ number: '4', title: 'Staffing', restricted: true, parts: ['a', 'b'], listed: 2 }, ranges)).toEqual({
      number: '4',
      title: 'Staffing',
      printedPages: null,
      pdfPages: { from: 3, to: 7 },
      timing: null,
      status: 'published',
      restricted: true,
    });
    expect(agendaItem({ number: '5', title: 'Late report', restricted: false, parts: ['missing'], listed: 1 }, ranges)).toMatchObject({ pdfPages: null, status: 'to-follow' });
    expect(agendaItem({ number: '1', title: 'Apologies', restricted: false, parts: [], listed: 0 }, ranges)).toEqual(
      expect.not.objectContaining({ restricted: expect.anything() as unknown }),
    );
  });
});
