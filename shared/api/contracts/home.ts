/**
 * The home screen (issue 10.2): upcoming meetings with what changed since this device last opened
 * them, the member's open questions and the open actions.
 */
import { z } from 'zod';
import { operation } from '../operation';
import { Meeting } from '../../domain/meeting';
import { MeetingId, UtcInstant } from '../../vocabulary';

export const UpcomingMeeting = Meeting.extend({
  /** When this meeting was last opened on this device; null if never. */
  lastViewedAt: UtcInstant.nullable(),
  /** Pack versions (new papers, republished packs) that arrived since it was last opened. */
  newPackVersions: z.number().int().nonnegative(),
  /** Items changed on Modern.gov (new documents, supplements, changed titles) since then. */
  changedItems: z.number().int().nonnegative(),
  hasPack: z.boolean(),
});
export type UpcomingMeeting = z.infer<typeof UpcomingMeeting>;

export const OpenQuestion = z.object({
  id: z.string(),
  meetingId: MeetingId,
  meetingTitle: z.string(),
  itemNumber: z.string(),
  text: z.string(),
});

export const OpenAction = z.object({
  id: z.string(),
  meetingId: MeetingId,
  meetingTitle: z.string(),
  itemNumber: z.string(),
  text: z.string(),
  owner: z.string(),
  dueDate: z.string().nullable(),
});

export const Home = z.object({
  /** Today's date in Europe/London, the day the list starts from. */
  today: z.iso.date(),
  upcoming: z.array(UpcomingMeeting),
  openQuestions: z.array(OpenQuestion),
  openActions: z.array(OpenAction),
});
export type Home = z.infer<typeof Home>;

export const homeOperations = {
  getHome: operation({
    summary: 'Upcoming meetings with what is new since last opened, open questions and open actions',
    input: z.object({}).strict(),
    output: Home,
  }),
  markMeetingViewed: operation({
    summary: 'Remember that this device has just looked at a meeting, so what is new resets',
    input: z.object({ meetingId: MeetingId }).strict(),
    output: z.object({ viewedAt: UtcInstant }),
  }),
};
