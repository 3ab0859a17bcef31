import { describe, expect, it } from 'vitest';
import { decideUnlock, type UnlockState } from './unlockPolicy';

const fresh: UnlockState = {
  platform: 'linux',
  passphraseChosen: false,
  encryptionAvailable: true,
  backend: 'gnome_libsecret',
  stored: { exists: false, hasPassphrase: false },
};

describe('desktop unlock policy', () => {
  it('creates a key wrapped by a real key store on first start', () => {
    expect(decideUnlock(fresh)).toEqual({ kind: 'create' });
  });

  it("refuses Linux's basic_text fallback, which protects nothing", () => {
    expect(decideUnlock({ ...fresh, backend: 'basic_text' })).toEqual({ kind: 'refuse', reason: 'insecure-key-store' });
    expect(decideUnlock({ ...fresh, backend: 'unknown' })).toEqual({ kind: 'refuse', reason: 'insecure-key-store' });
  });

  it('accepts basic_text machines when the member chose a passphrase instead', () => {
    expect(decideUnlock({ ...fresh, backend: 'basic_text', passphraseChosen: true })).toEqual({ kind: 'passphrase' });
  });

  it('only Linux reports backends; other systems always use their own store', () => {
    expect(decideUnlock({ ...fresh, platform: 'darwin', backend: 'os' })).toEqual({ kind: 'create' });
  });

  it('unwraps with the same backend and refuses a changed one', () => {
    const stored = { exists: true, hasPassphrase: false, safeStorageBackend: 'gnome_libsecret' };
    expect(decideUnlock({ ...fresh, stored })).toEqual({ kind: 'unwrap' });
    expect(decideUnlock({ ...fresh, backend: 'kwallet5', stored })).toEqual({ kind: 'refuse', reason: 'key-store-changed' });
  });

  it('asks for the passphrase when the data was created with one', () => {
    expect(decideUnlock({ ...fresh, stored: { exists: true, hasPassphrase: true } })).toEqual({ kind: 'refuse', reason: 'passphrase-needed' });
  });

  it('opens data whose key the command line put in the OS key store, even where safeStorage would fall back to basic_text', () => {
    const stored = { exists: true, hasPassphrase: false, osKeyring: true };
    expect(decideUnlock({ ...fresh, stored })).toEqual({ kind: 'os-keyring' });
    expect(decideUnlock({ ...fresh, backend: 'basic_text', stored })).toEqual({ kind: 'os-keyring' });
    expect(decideUnlock({ ...fresh, stored: { ...stored, hasPassphrase: true }, passphraseChosen: true })).toEqual({ kind: 'passphrase' });
  });

  it('refuses when the OS offers no encryption at all', () => {
    expect(decideUnlock({ ...fresh, encryptionAvailable: false })).toEqual({ kind: 'refuse', reason: 'no-key-store' });
  });
});
