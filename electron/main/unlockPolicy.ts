/**
 * How the desktop app gets the data key, decided without Electron so every branch is unit-tested.
 * The key is wrapped by the OS key store through safeStorage. On Linux Chromium falls back to
 * `basic_text` (a hard-coded key, i.e. no protection) when no keyring is running; that is refused
 * unless the member chose a passphrase instead. A change of backend since the key was wrapped
 * (KWallet replaced by GNOME Keyring, say) is detected and explained rather than shown as a
 * baffling decryption failure.
 */
export interface UnlockState {
  platform: NodeJS.Platform;
  /** The member chose a passphrase (CHAMBER_DB_PASSPHRASE) over the OS key store. */
  passphraseChosen: boolean;
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux; 'os' elsewhere. */
  backend: string;
  /** `osKeyring`: the command line or browser host put the key in the OS key store directly. */
  stored: { safeStorageBackend?: string; osKeyring?: boolean; hasPassphrase: boolean; exists: boolean };
}

export type UnlockDecision =
  | { kind: 'passphrase' }
  | { kind: 'unwrap' }
  | { kind: 'os-keyring' }
  | { kind: 'create' }
  | { kind: 'refuse'; reason: 'no-key-store' | 'insecure-key-store' | 'key-store-changed' | 'passphrase-needed' };

const insecureBackends = new Set(['basic_text', 'unknown']);

export function decideUnlock(state: UnlockState): UnlockDecision {
  if (state.passphraseChosen) return { kind: 'passphrase' };
  // The same key store safeStorage uses, reached directly: no backend check to make, and no
  // basic_text to fear, because that key never went through safeStorage.
  if (state.stored.exists && !state.stored.safeStorageBackend && state.stored.osKeyring) return { kind: 'os-keyring' };
  if (state.stored.exists && !state.stored.safeStorageBackend) {
    return state.stored.hasPassphrase ? { kind: 'refuse', reason: 'passphrase-needed' } : { kind: 'refuse', reason: 'key-store-changed' };
  }
  if (!state.encryptionAvailable) return { kind: 'refuse', reason: 'no-key-store' };
  if (state.platform === 'linux' && insecureBackends.has(state.backend)) return { kind: 'refuse', reason: 'insecure-key-store' };
  if (!state.stored.exists) return { kind: 'create' };
  if (state.stored.safeStorageBackend !== state.backend) return { kind: 'refuse', reason: 'key-store-changed' };
  return { kind: 'unwrap' };
}
