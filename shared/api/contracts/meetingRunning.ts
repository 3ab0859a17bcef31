/**
 * Running a meeting as the chair (issue 18): who may vote on the item being taken, and its quorum.
 * Reads only; who is acting is never an input here (the core decides, electron/core/identity).
 */
import { z } from 'zod';
import { operation } from '../operation';
import { ItemEntitlement } from '../../meeting/entitlementSchema';
import { MeetingId, ItemNumber } from '../../vocabulary';

export const meetingRunningOperations = {
  getItemEntitlement: operation({
    summary: 'Who may take part in and vote on an item (absent, left, withdrawn for an interest), and its quorum',
    input: z.object({ meetingId: MeetingId, itemNumber: ItemNumber }).strict(),
    output: ItemEntitlement,
  }),
};
