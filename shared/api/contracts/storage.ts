/**
 * Where this device keeps its data and how much each meeting's papers take (issue 10.4), and the
 * text of one page for the reader's large-print view (issue 10.5).
 */
import { z } from 'zod';
import { operation } from '../operation';
import { MeetingId } from '../../vocabulary';

export const MeetingStorage = z.object({
  meetingId: MeetingId,
  title: z.string(),
  committee: z.string(),
  date: z.iso.date(),
  /** Stored PDFs of every version of the meeting's pack (a file shared with another meeting counts in each). */
  bytes: z.number().int().nonnegative(),
  versions: z.number().int().nonnegative(),
});
export type MeetingStorage = z.infer<typeof MeetingStorage>;

export const StorageReport = z.object({
  dataDir: z.string(),
  databaseBytes: z.number().int().nonnegative(),
  documentsBytes: z.number().int().nonnegative(),
  /** Largest first. */
  meetings: z.array(MeetingStorage),
});
export type StorageReport = z.infer<typeof StorageReport>;

export const storageOperations = {
  getStorage: operation({
    summary: 'The data location, the database and document sizes, and storage used per meeting',
    input: z.object({}).strict(),
    output: StorageReport,
  }),
  getPageText: operation({
    summary: "One page's text as extracted at import, for the large-print reader",
    input: z.object({ packId: z.uuid(), pageIndex: z.number().int().nonnegative().max(100_000) }).strict(),
    output: z.object({ text: z.string() }),
  }),
};
