/**
 * Where a member left each pack (issue 22): a reading position of this device, kept in the encrypted
 * database per acting member and pack. It is not council data, so it never syncs.
 */
import { z } from 'zod';
import { operation } from '../operation';

const PackId = z.uuid();
const Page = z.number().int().min(1).max(100_000);

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
};
