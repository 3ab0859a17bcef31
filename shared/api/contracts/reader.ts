/**
 * Where a member left each pack (issue 22): a reading position of this device, kept in the encrypted
 * database per acting member and pack. It is not council data, so it never syncs.
 */
import { z } from 'zod';
import { operation } from '../operation';
import { Sha256 } from '../../domain/import';

const PackId = z.uuid();
const Page = z.number().int().min(1).max(100_000);

/** A picture of one page made at import, shown while pdf.js opens the pack; sizes in pixels and in points. */
export const PageRasterMeta = z.object({
  mime: z.literal('image/webp'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  pageWidth: z.number().positive(),
  pageHeight: z.number().positive(),
});
export type PageRasterMeta = z.infer<typeof PageRasterMeta>;

export const readerOperations = {
  getReadingPlace: operation({
    summary: 'The page the acting member last read in a pack on this device; null if never opened',
    input: z.object({ packId: PackId }).strict(),
    output: z.object({ page: Page.nullable() }),
  }),
  saveReadingPlace: operation({
    summary: 'Remember the page the acting member is reading in a pack (this device only, never synced)',
    input: z.object({ packId: PackId, page: Page }).strict(),
    output: z.object({}),
  }),
  readPageRaster: operation({
    summary: "A stored picture of one page of a stored PDF (base64), or null when none was made; the same access rules as the PDF's bytes",
    input: z.object({ sha256: Sha256, page: Page }).strict(),
    output: PageRasterMeta.extend({ data: z.string() }).nullable(),
  }),
};
