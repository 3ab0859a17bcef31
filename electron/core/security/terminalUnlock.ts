import { randomBytes, randomUUID } from 'node:crypto';
import { CoreError } from '../errors';
import { dataKeyBytes, KeyStore, passphraseEnv, type DataKey } from './keyStore';
import { openOsKeyring, type OsKeyring } from './osKeyring';
import { obtainPassphrase, type PromptIo } from './passphrasePrompt';

export type TerminalUnlock = { via: 'os-keyring'; key: DataKey } | { via: 'passphrase'; passphrase: string };

export interface TerminalUnlockIo extends PromptIo {
  /** The OS key store to use; by default whichever this machine offers (none when there is none). */
  keyring?: () => Promise<OsKeyring | undefined>;
}

/**
 * How a program other than the desktop app (the command line, the browser host) unlocks a data
 * directory. Data whose key the OS key store holds opens without a question. New data goes into the
 * OS key store when there is one, unless the member set CHAMBER_DB_PASSPHRASE, which is an explicit
 * choice of a passphrase instead. Otherwise the passphrase comes from that variable or the terminal;
 * with neither, nothing is created.
 */
export async function obtainUnlock(dataDir: string, io: TerminalUnlockIo = {}): Promise<TerminalUnlock> {
  const env = io.env ?? process.env;
  const openKeyring = io.keyring ?? (() => openOsKeyring(env));
  const store = new KeyStore(dataDir);
  const viaPassphrase = async (): Promise<TerminalUnlock> => ({ via: 'passphrase', passphrase: await obtainPassphrase(dataDir, io) });

  if (store.exists()) {
    if (!store.osKeyringWrap()) return viaPassphrase();
    const held = await osKeyringKey(store, await openKeyring());
    if ('key' in held) return { via: 'os-keyring', key: held.key };
    if (store.hasPassphrase()) return viaPassphrase();
    throw new CoreError('KEY_STORE_UNAVAILABLE', held.problem);
  }

  if (env[passphraseEnv]) return viaPassphrase();
  const keyring = await openKeyring();
  if (!keyring) return viaPassphrase();
  const key = randomBytes(dataKeyBytes);
  const account = `data-key-${randomUUID()}`;
  // Into the key store first: a key file pointing at an entry that was never written would lock
  // the member out of data encrypted a moment later.
  await keyring.set(account, key);
  store.saveOsKeyringWrap(key, keyring.store, account);
  return { via: 'os-keyring', key };
}

/**
 * The data key from the OS key store entry recorded in the key file, or why not (in words for a
 * person: the desktop app shows its own translated message instead).
 */
export async function osKeyringKey(store: KeyStore, keyring: OsKeyring | undefined): Promise<{ key: DataKey } | { problem: string }> {
  const wrap = store.osKeyringWrap();
  if (!wrap) return { problem: 'This Chamber data does not keep its key in the system key store' };
  if (!keyring) return { problem: `This Chamber data's key is in the ${wrap.store} key store, which is not reachable here (is your keyring running and unlocked?)` };
  if (keyring.store !== wrap.store) return { problem: `This Chamber data's key is in the ${wrap.store} key store, but this session offers ${keyring.store}; open it where that key store is running` };
  const key = await keyring.get(wrap.account);
  if (!key) {
    return { problem: 'The system key store no longer holds the key to this Chamber data, so it cannot be opened; restore it from a backup, or sign in again on a new data directory' };
  }
  return { key: store.verifyOsKeyringKey(key) };
}
