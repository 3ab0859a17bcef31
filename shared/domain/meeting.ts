import { z } from 'zod';
import { IsoDate, Time24 } from './calendar';
import { coded } from './rules';
import { MeetingId, UtcInstant } from '../vocabulary';

export const meetingStatuses = ['scheduled', 'in-progress', 'closed', 'cancelled'] as const;
export const MeetingStatus = z.enum(meetingStatuses);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v.length > 0, coded('required', 'Required'))
    .refine((v) => v.length <= max, coded('too_long', `At most ${max} characters`));

export const NewMeeting = z.object({
  title: requiredText(200),
  committee: requiredText(200),
  date: IsoDate,
  startTime: Time24,
  venue: requiredText(200),
});
export type NewMeeting = z.infer<typeof NewMeeting>;

export const Meeting = NewMeeting.extend({
  id: MeetingId,
  status: MeetingStatus,
  /** Server-assigned version; 0 until the endpoint has accepted the record. */
  version: z.number().int().nonnegative(),
  createdAt: UtcInstant,
  updatedAt: UtcInstant,
});
export type Meeting = z.infer<typeof Meeting>;
