import { z } from 'zod';
import { MeetingId } from '../../vocabulary';

/**
 * Papers on demand (issue 20): the papers of any meeting, past or future, fetched when a member asks,
 * from the council endpoint they are signed in to or the Modern.gov site the meeting came from. The
 * sync's automatic window (the next N weeks) is not changed by it.
 */
export const PapersDownload = z.object({
  meetingId: MeetingId,
  /** Where this meeting's papers come from; null: from nowhere Chamber can ask (an imported pack). */
  source: z.enum(['endpoint', 'moderngov']).nullable(),
  state: z.enum(['idle', 'running', 'succeeded', 'failed']),
  /** Bytes (endpoint) or documents (Modern.gov) so far, while it runs. */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Papers of the meeting now held on this device. */
  stored: z.number().int().nonnegative(),
  /** Papers that did not arrive, each with its reason (an error code, or the endpoint's words). */
  refused: z.array(z.object({ title: z.string().nullable(), reason: z.string() })),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type PapersDownload = z.infer<typeof PapersDownload>;

export const papersOperations = {
  startPapersDownload: {
    summary: "Fetch a meeting's papers now, past or future (resumable and hash-checked; Part II only for members entitled to it)",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: PapersDownload,
  },
  getPapersDownload: {
    summary: "Where a meeting's papers come from and how the last fetch on demand went",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: PapersDownload,
  },
};
