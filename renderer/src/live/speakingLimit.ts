/**
 * Items where the public or members speak against the clock: public participation, public and
 * members' question time, petitions, deputations. The chair may always change the limit; this only
 * chooses the usual one so a time-limited item starts with its limit set.
 */
const timeLimited = /public (participation|question|speaking|forum)|question time|questions from|petition|deputation|cyfranogiad y cyhoedd|cwestiynau|deiseb|dirprwyaeth/i;

/** Three minutes a speaker is the most common standing-order limit for public participation. */
export const usualLimitMinutes = 3;
export const limitChoices = [0, 2, 3, 5, 10] as const;

export function defaultLimitMinutes(title: string): number {
  return timeLimited.test(title) ? usualLimitMinutes : 0;
}
