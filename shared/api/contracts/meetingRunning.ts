/**
 * Running a meeting as the chair (issue 18): who may vote on the item being taken, and its quorum.
 * Reads only; who is acting is never an input here (the core decides, electron/core/identity).
 */
import { z } from 'zod';
import { ItemEntitlement } from '../../meeting/entitlementSchema';
import { MeetingId, ItemNumber } from '../../vocabulary';

const op = <I extends z.ZodType, O extends z.ZodType>(spec: { input: I; output: O; summary: string }) => spec;

export const meetingRunningOperations = {
  getItemEntitlement: op({
    summary: 'Who may take part in and vote on an item (absent, left, withdrawn for an interest), and its quorum',
    input: z.object({ meetingId: MeetingId, itemNumber: ItemNumber }).strict(),
    output: ItemEntitlement,
  }),
};
