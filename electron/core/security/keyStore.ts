import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CoreError } from '../errors';

/**
 * The data key: 32 random bytes that encrypt the database and the stored documents. It is never
 * written down in the clear; `keys.json` holds it only wrapped, once per way of unlocking (the OS
 * key store through Electron's safeStorage, or a passphrase), so changing how a member unlocks
 * never means re-encrypting their data.
 */
export type DataKey = Buffer;
export const dataKeyBytes = 32;
export const keyFileName = 'keys.json';

/** Base64 text in the key file and the backup header. */
export const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const PassphraseWrap = z.object({
  kdf: z.literal('scrypt'),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  salt: base64,
  iv: base64,
  tag: base64,
  wrapped: base64,
});
type PassphraseWrap = z.infer<typeof PassphraseWrap>;

const SafeStorageWrap = z.object({
  /** safeStorage's backend when the key was wrapped (Linux: gnome_libsecret, kwallet5, …). */
  backend: z.string(),
  wrapped: base64,
});
export type SafeStorageWrap = z.infer<typeof SafeStorageWrap>;

/** The key held by the OS key store outside Electron (see osKeyring.ts); the key itself is never in the file. */
const OsKeyringWrap = z.object({
  store: z.string(),
  /** The entry's account name: random, so moving the data directory does not orphan the key. */
  account: z.string(),
  /** An HMAC of the key, to tell "the store gave back another key" from damaged data. */
  check: base64,
});
export type OsKeyringWrap = z.infer<typeof OsKeyringWrap>;

const KeyFile = z.object({
  version: z.literal(1),
  passphrase: PassphraseWrap.optional(),
  safeStorage: SafeStorageWrap.optional(),
  osKeyring: OsKeyringWrap.optional(),
});
type KeyFile = z.infer<typeof KeyFile>;

// About 100 ms and 32 MiB per unlock: slow enough to make guessing a passphrase from a stolen
// laptop expensive, quick enough that nobody notices it at start-up.
export const scryptCost = { N: 2 ** 15, r: 8, p: 1 } as const;
const scryptMaxmem = 64 * 1024 * 1024;

export class KeyStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, keyFileName);
  }

  exists(): boolean {
    return fs.existsSync(this.file);
  }

  /** Unlocks with a passphrase, or on first use creates the data key and wraps it with that passphrase. */
  unlockWithPassphrase(passphrase: string): DataKey {
    if (passphrase.length === 0) throw new CoreError('KEY_REQUIRED', 'An empty passphrase cannot protect Chamber data');
    const keys = this.read();
    if (!keys) {
      const key = randomBytes(dataKeyBytes);
      this.write({ version: 1, passphrase: wrapWithPassphrase(key, passphrase) });
      return key;
    }
    if (!keys.passphrase) {
      throw new CoreError('KEY_WRONG', 'This data is protected by the system key store, not a passphrase: open it where that key store is running, or in the Chamber app');
    }
    return unwrapWithPassphrase(keys.passphrase, passphrase);
  }

  /** Adds (or replaces) the passphrase wrap of a key already unlocked another way. */
  addPassphrase(key: DataKey, passphrase: string): void {
    const keys = this.read() ?? { version: 1 };
    this.write({ ...keys, passphrase: wrapWithPassphrase(key, passphrase) });
  }

  safeStorageWrap(): SafeStorageWrap | undefined {
    return this.read()?.safeStorage;
  }

  /** Records the key as wrapped by the OS key store; `wrapped` is safeStorage's output. */
  saveSafeStorageWrap(wrap: SafeStorageWrap): void {
    const keys = this.read() ?? { version: 1 };
    this.write({ ...keys, safeStorage: wrap });
  }

  hasPassphrase(): boolean {
    return this.read()?.passphrase !== undefined;
  }

  osKeyringWrap(): OsKeyringWrap | undefined {
    return this.read()?.osKeyring;
  }

  /** Records that the OS key store holds the key under `account`. */
  saveOsKeyringWrap(key: DataKey, store: string, account: string): void {
    const keys = this.read() ?? { version: 1 };
    this.write({ ...keys, osKeyring: { store, account, check: keyCheck(key) } });
  }

  /** Throws unless `key` is the one recorded with the OS key store's wrap. */
  verifyOsKeyringKey(key: DataKey): DataKey {
    const wrap = this.osKeyringWrap();
    const expected = Buffer.from(wrap?.check ?? '', 'base64');
    const actual = Buffer.from(keyCheck(key), 'base64');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      throw new CoreError('KEY_WRONG', 'The system key store holds a different key from the one this Chamber data was encrypted with');
    }
    return key;
  }

  private read(): KeyFile | undefined {
    if (!this.exists()) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      throw new CoreError('KEY_FILE_DAMAGED', `${this.file} cannot be read`);
    }
    const parsed = KeyFile.safeParse(raw);
    if (!parsed.success) throw new CoreError('KEY_FILE_DAMAGED', `${this.file} is not a Chamber key file`);
    return parsed.data;
  }

  // Written to a temporary file and renamed so a crash never leaves a half-written key file, which
  // would lock the member out of everything.
  private write(keys: KeyFile): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(keys, null, 2));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, this.file);
  }
}

// Reveals nothing about the key (HMAC under it), and a 16-byte check cannot be mistaken by chance.
function keyCheck(key: DataKey): string {
  return createHmac('sha256', key).update('chamber key check').digest().subarray(0, 16).toString('base64');
}

/** A 32-byte key from a passphrase (the data key's wrap, and a backup file's key). */
export function passphraseKey(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, dataKeyBytes, { ...cost, maxmem: scryptMaxmem });
}

function wrapWithPassphrase(key: DataKey, passphrase: string): PassphraseWrap {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', passphraseKey(passphrase, salt, scryptCost), iv);
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    kdf: 'scrypt',
    ...scryptCost,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  };
}

function unwrapWithPassphrase(wrap: PassphraseWrap, passphrase: string): DataKey {
  const decipher = createDecipheriv('aes-256-gcm', passphraseKey(passphrase, Buffer.from(wrap.salt, 'base64'), wrap), Buffer.from(wrap.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'));
  try {
    const key = Buffer.concat([decipher.update(Buffer.from(wrap.wrapped, 'base64')), decipher.final()]);
    if (key.length !== dataKeyBytes) throw new Error('wrong length');
    return key;
  } catch {
    throw new CoreError('KEY_WRONG', 'That passphrase does not unlock this Chamber data');
  }
}

/** Where an entry point found the key: used for messages and to decide whether to prompt. */
export const passphraseEnv = 'CHAMBER_DB_PASSPHRASE';

/** Set to `off` to keep the command line and browser host away from the OS key store (osKeyring.ts). */
export const osKeyringEnv = 'CHAMBER_OS_KEYRING';

/**
 * The key for a process that is not the Electron app (the command line, the browser host, tests):
 * an explicit key wins, then the passphrase in CHAMBER_DB_PASSPHRASE. Without either the caller must
 * prompt or refuse; Chamber never creates unencrypted data.
 */
export function resolveDataKey(dataDir: string, options: { key?: DataKey; passphrase?: string; env?: NodeJS.ProcessEnv }): DataKey {
  if (options.key) {
    if (options.key.length !== dataKeyBytes) throw new CoreError('KEY_WRONG', 'The data key must be 32 bytes');
    return options.key;
  }
  const passphrase = options.passphrase ?? (options.env ?? process.env)[passphraseEnv];
  if (passphrase === undefined || passphrase.length === 0) {
    throw new CoreError(
      'KEY_REQUIRED',
      `Chamber keeps its data encrypted and needs a passphrase to unlock it: set ${passphraseEnv} or run it from a terminal to be asked`,
    );
  }
  return new KeyStore(dataDir).unlockWithPassphrase(passphrase);
}
