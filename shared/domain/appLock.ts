import { z } from 'zod';

/** A PIN of 4 to 12 digits: typed fast in the chamber, and scrypt makes guessing it offline slow. */
export const Pin = z.string().regex(/^\d{4,12}$/, { message: 'Use 4 to 12 digits' });

export const idleMinuteChoices = [1, 2, 5, 10, 15, 30] as const;
export const IdleMinutes = z.union(idleMinuteChoices.map((m) => z.literal(m)) as [z.ZodLiteral<1>, ...z.ZodLiteral<number>[]]);

export const AppLockStatus = z.object({
  enabled: z.boolean(),
  locked: z.boolean(),
  idleMinutes: z.number().int().positive(),
  /** After repeated wrong PINs, how long before another try is accepted. */
  retryAfterSeconds: z.number().int().nonnegative(),
});
export type AppLockStatus = z.infer<typeof AppLockStatus>;

/** Operations a locked app still answers: enough to draw the lock screen in the right language. */
export const operationsAllowedWhileLocked = ['getAppInfo', 'getSettings', 'getAppLockStatus', 'unlockApp', 'lockApp'] as const;
