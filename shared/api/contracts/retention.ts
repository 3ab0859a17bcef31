/**
 * Retention of stored papers (issue 10.4): the packs of meetings older than the member's chosen
 * number of months are deleted from this device, with their PDFs. The meeting itself, declarations,
 * attendance, outcomes and minutes stay: they are the legal record, the papers are only copies.
 */
import { z } from 'zod';
import { operation } from '../operation';
import { ExportedFile } from '../../annotations/schema';
import { RetentionMonths } from '../../domain/settings';
import { MeetingId } from '../../vocabulary';

export const RetentionPreview = z.object({
  /** Meetings dated before this day (Europe/London) lose their papers. */
  cutoff: z.iso.date(),
  meetings: z.number().int().nonnegative(),
  packs: z.number().int().nonnegative(),
  /** Bytes of stored PDFs that would be freed (a file still used by a kept meeting is not counted). */
  bytes: z.number().int().nonnegative(),
  /** The member's own annotations and questions on those meetings. */
  notes: z.number().int().nonnegative(),
});
export type RetentionPreview = z.infer<typeof RetentionPreview>;

export const RetentionResult = RetentionPreview.extend({
  /** Where the member's notes were saved (Markdown, encrypted: see listSavedNotes) before deleting, or null when none were. */
  notesFolder: z.string().nullable(),
  notesFiles: z.number().int().nonnegative(),
});
export type RetentionResult = z.infer<typeof RetentionResult>;

/** One file of notes retention saved: encrypted on the disk, opened only through readSavedNotes. */
export const SavedNotesFile = z.object({
  /** "<run folder>/<file>" as listSavedNotes gives it. */
  id: z.string().max(200),
  fileName: z.string(),
  savedAt: z.string(),
});
export type SavedNotesFile = z.infer<typeof SavedNotesFile>;

const ActiveMonths = RetentionMonths.refine((m) => m > 0, { message: 'Choose a number of months' });
export const retentionOperations = {
  previewRetention: operation({
    summary: 'What deleting papers older than N months would remove: meetings, pack versions, bytes and notes',
    input: z.object({ months: ActiveMonths }).strict(),
    output: RetentionPreview,
  }),
  applyRetention: operation({
    summary: 'Delete the papers of meetings older than N months, keeping the meetings and their record; optionally saving your notes first',
    input: z.object({ months: ActiveMonths, exportNotes: z.boolean() }).strict(),
    output: RetentionResult,
  }),
  listSavedNotes: operation({
    summary: 'The notes files retention saved before deleting papers, newest first',
    input: z.object({}).strict(),
    output: z.array(SavedNotesFile),
  }),
  readSavedNotes: operation({
    summary: 'One saved notes file, decrypted, to save a copy of (base64 Markdown)',
    input: z.object({ id: z.string().min(1).max(200) }).strict(),
    output: ExportedFile,
  }),
  getPapersRemoved: operation({
    summary: "When this meeting's papers were deleted under the retention setting, if they were",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: z.object({ removedAt: z.string().nullable() }),
  }),
};
