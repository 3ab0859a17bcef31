import { z } from 'zod';
import { operation } from '../operation';
import { AppLockStatus, IdleMinutes, Pin } from '../../domain/appLock';


/** The optional app lock for a laptop left in the chamber (issue 9). Enforced in core, not only drawn. */
export const appLockOperations = {
  getAppLockStatus: operation({
    summary: 'Whether the app lock is on, and whether the app is locked now',
    input: z.object({}).strict(),
    output: AppLockStatus,
  }),
  configureAppLock: operation({
    summary: 'Turn the app lock on (a new PIN), change its idle time, or turn it off; changing an existing lock needs its PIN',
    input: z.object({ currentPin: Pin.optional(), pin: Pin.nullable().optional(), idleMinutes: IdleMinutes.optional() }).strict(),
    output: AppLockStatus,
  }),
  lockApp: operation({
    summary: 'Lock now (idle timeout or the lock shortcut); no effect when the lock is off',
    input: z.object({}).strict(),
    output: AppLockStatus,
  }),
  unlockApp: operation({
    summary: 'Unlock with the PIN; repeated wrong PINs make the member wait',
    input: z.object({ pin: z.string().max(64) }).strict(),
    output: AppLockStatus,
  }),
};
