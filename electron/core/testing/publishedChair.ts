import type { Core } from '../core';

/**
 * The chair the pack's front sheet named: once a meeting has someone presiding, only they may hand
 * out roles, so a test setting up its own cast acts as them.
 */
export async function publishedChair(core: Core, meetingId: string): Promise<string> {
  const roles = await core.call('listMeetingRoles', { meetingId });
  if (!roles.ok) throw new Error(roles.error.message);
  const chair = roles.value.find((r) => r.role === 'chair');
  if (!chair) throw new Error('the pack named no chair');
  return chair.memberId;
}
