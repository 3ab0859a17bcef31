import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { CoreError } from '../errors';
import { base64, dataKeyBytes, osKeyringEnv, type DataKey } from './keyStore';

/**
 * The operating system's own key store (macOS Keychain, Windows Credential Manager, the Secret
 * Service of GNOME Keyring or KWallet on Linux) for the processes that are not the Electron app:
 * the command line and the browser host. The desktop app reaches the same stores through
 * safeStorage instead.
 */
export interface OsKeyring {
  /** Which store answered, recorded with the key so a different one later is explained, not guessed at. */
  readonly store: string;
  get(account: string): Promise<DataKey | undefined>;
  set(account: string, key: DataKey): Promise<void>;
  delete(account: string): Promise<void>;
}

export const osKeyringService = 'Chamber data key';

/** Linux entries are pinned to the Secret Service: see `openOsKeyring`. */
const linuxOptions: EntryOptions = { linux: { store: 'secret-service' } };

const storedKey = base64.refine((text) => Buffer.from(text, 'base64').length === dataKeyBytes);

class NativeKeyring implements OsKeyring {
  constructor(readonly store: string) {}

  private entry(account: string): AsyncEntry {
    return new AsyncEntry(osKeyringService, account, process.platform === 'linux' ? linuxOptions : undefined);
  }

  async get(account: string): Promise<DataKey | undefined> {
    const text = await guarded(() => this.entry(account).getPassword());
    if (text === null) return undefined;
    const parsed = storedKey.safeParse(text);
    if (!parsed.success) throw new CoreError('KEY_STORE_UNAVAILABLE', `The system key store holds something other than a Chamber key under "${account}"`);
    return Buffer.from(parsed.data, 'base64');
  }

  async set(account: string, key: DataKey): Promise<void> {
    await guarded(() => this.entry(account).setPassword(key.toString('base64')));
    // Read back before anything is encrypted under it: a store that accepts a secret and then
    // loses it (a keyring that is not persisted) would otherwise lock the member out later.
    const back = await this.get(account);
    if (!back?.equals(key)) throw new CoreError('KEY_STORE_UNAVAILABLE', 'The system key store did not keep the key it was given');
  }

  async delete(account: string): Promise<void> {
    await guarded(() => this.entry(account).deleteCredential());
  }
}

async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw new CoreError('KEY_STORE_UNAVAILABLE', `The system key store did not answer: ${(error as Error).message}`);
  }
}

function storeName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macos-keychain';
  if (platform === 'win32') return 'windows-credential-manager';
  return 'secret-service';
}

/**
 * The OS key store if there is a usable one, else undefined (the caller falls back to a
 * passphrase). On Linux only the Secret Service counts: the kernel keyring the library would fall
 * back to forgets everything at logout, which would lose the data key and with it all the data.
 * Without a session bus there is no Secret Service, and asking would only wait for a timeout.
 */
export async function openOsKeyring(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<OsKeyring | undefined> {
  if (env[osKeyringEnv] === 'off') return undefined;
  if (platform === 'linux' && !env.DBUS_SESSION_BUS_ADDRESS) return undefined;
  const keyring = new NativeKeyring(storeName(platform));
  try {
    // A lookup that finds nothing proves the store answers without leaving anything behind.
    await keyring.get('probe');
    return keyring;
  } catch {
    return undefined;
  }
}
