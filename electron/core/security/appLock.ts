import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { operationsAllowedWhileLocked, type AppLockStatus } from '../../../shared/domain/appLock';
import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';
import { CoreError } from '../errors';

const settingKey = 'app_lock';
const defaultIdleMinutes = 5;
// A PIN has few possibilities, so the pause grows quickly: 5 free tries, then 30 s, 60 s, 120 s…
const freeAttempts = 5;
const firstPauseSeconds = 30;
const maxPauseSeconds = 15 * 60;
const cost = { N: 2 ** 14, r: 8, p: 1 } as const;

const Stored = z.object({
  salt: z.string(),
  hash: z.string(),
  idleMinutes: z.number().int().positive(),
  failures: z.number().int().nonnegative(),
  retryAt: z.string().nullable(),
});
type Stored = z.infer<typeof Stored>;

/**
 * The optional app lock. It lives in the core so a locked app answers nothing but the unlock
 * screen's questions whatever the renderer does; the PIN is kept only as a scrypt hash, and wrong
 * guesses (counted across restarts) make the member wait longer each time.
 */
export class AppLock {
  private locked: boolean;
  private readonly select;
  private readonly upsert;
  private readonly remove;

  constructor(
    db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.select = db.prepare<[string], { value: string }>('SELECT value FROM device_settings WHERE key = ?');
    this.upsert = db.prepare('INSERT INTO device_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.remove = db.prepare('DELETE FROM device_settings WHERE key = ?');
    // An app with a lock starts locked: restarting must not be a way round the PIN.
    this.locked = this.stored() !== undefined;
  }

  status(): AppLockStatus {
    const stored = this.stored();
    return {
      enabled: stored !== undefined,
      locked: this.locked,
      idleMinutes: stored?.idleMinutes ?? defaultIdleMinutes,
      retryAfterSeconds: stored ? this.retryAfter(stored) : 0,
    };
  }

  configure(change: { currentPin?: string; pin?: string | null; idleMinutes?: number }): AppLockStatus {
    const stored = this.stored();
    if (stored) {
      if (change.currentPin === undefined) throw new CoreError('PIN_WRONG', 'Enter the current PIN to change the app lock');
      this.check(stored, change.currentPin);
    }
    if (change.pin === null) {
      this.remove.run(settingKey);
      this.locked = false;
      return this.status();
    }
    const idleMinutes = change.idleMinutes ?? stored?.idleMinutes ?? defaultIdleMinutes;
    if (change.pin !== undefined) {
      const salt = randomBytes(16);
      this.save({ salt: salt.toString('base64'), hash: hash(change.pin, salt).toString('base64'), idleMinutes, failures: 0, retryAt: null });
    } else if (stored) {
      this.save({ ...stored, idleMinutes, failures: 0, retryAt: null });
    } else {
      throw new CoreError('INVALID_INPUT', 'Choose a PIN to turn the app lock on');
    }
    return this.status();
  }

  lock(): AppLockStatus {
    if (this.stored()) this.locked = true;
    return this.status();
  }

  unlock(pin: string): AppLockStatus {
    const stored = this.stored();
    if (!stored) {
      this.locked = false;
      return this.status();
    }
    this.check(stored, pin);
    this.locked = false;
    return this.status();
  }

  /** Wraps the handler map so a locked core refuses everything the lock screen does not need. */
  guard(handlers: Handlers): Handlers {
    const allowed = new Set<string>(operationsAllowedWhileLocked);
    const guarded: Record<string, (input: never) => unknown> = {};
    for (const [name, handler] of Object.entries(handlers) as [string, (input: never) => unknown][]) {
      guarded[name] = allowed.has(name)
        ? handler
        : (input: never) => {
            if (this.locked) throw new CoreError('APP_LOCKED', 'Chamber is locked: enter your PIN to carry on');
            return handler(input);
          };
    }
    return guarded as Handlers;
  }

  private check(stored: Stored, pin: string): void {
    const wait = this.retryAfter(stored);
    if (wait > 0) throw new CoreError('PIN_RETRY_LATER', `Too many wrong PINs: try again in ${wait} seconds`);
    const expected = Buffer.from(stored.hash, 'base64');
    const actual = hash(pin, Buffer.from(stored.salt, 'base64'));
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) {
      if (stored.failures > 0) this.save({ ...stored, failures: 0, retryAt: null });
      return;
    }
    const failures = stored.failures + 1;
    const pause = failures < freeAttempts ? 0 : Math.min(maxPauseSeconds, firstPauseSeconds * 2 ** (failures - freeAttempts));
    this.save({ ...stored, failures, retryAt: pause > 0 ? new Date(this.clock().getTime() + pause * 1000).toISOString() : null });
    throw new CoreError('PIN_WRONG', 'That PIN is not right');
  }

  private retryAfter(stored: Stored): number {
    if (!stored.retryAt) return 0;
    return Math.max(0, Math.ceil((Date.parse(stored.retryAt) - this.clock().getTime()) / 1000));
  }

  private stored(): Stored | undefined {
    const row = this.select.get(settingKey);
    if (!row) return undefined;
    const parsed = Stored.safeParse(JSON.parse(row.value));
    // A damaged entry must not silently switch the lock off: treat it as locked with no way in
    // but the data passphrase, which is the honest state of affairs.
    if (!parsed.success) throw new CoreError('KEY_FILE_DAMAGED', 'The app lock settings are damaged');
    return parsed.data;
  }

  private save(stored: Stored): void {
    this.upsert.run(settingKey, JSON.stringify(stored));
  }
}

function hash(pin: string, salt: Buffer): Buffer {
  return scryptSync(pin, salt, 32, { ...cost, maxmem: 64 * 1024 * 1024 });
}
