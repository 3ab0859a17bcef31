import { randomBytes } from 'node:crypto';
import { app, dialog, safeStorage } from 'electron';
import i18next from 'i18next';
import enGB from '../../resources/locales/en-GB.json';
import cy from '../../resources/locales/cy.json';
import type { CoreUnlock } from '../core/process/protocol';
import { dataKeyBytes, KeyStore, passphraseEnv } from '../core/security/keyStore';
import { openOsKeyring } from '../core/security/osKeyring';
import { osKeyringKey } from '../core/security/terminalUnlock';
import { decideUnlock } from './unlockPolicy';

/**
 * The data key for the desktop app, held only through safeStorage (Signal Desktop keeps its
 * database key the same way). Returns null after telling the member why Chamber cannot open.
 */
export async function unlockForDesktop(dataDir: string): Promise<CoreUnlock | null> {
  const store = new KeyStore(dataDir);
  const wrap = store.exists() ? store.safeStorageWrap() : undefined;
  const passphrase = process.env[passphraseEnv];
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const decision = decideUnlock({
    platform: process.platform,
    passphraseChosen: Boolean(passphrase),
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    backend,
    stored: {
      exists: store.exists(),
      safeStorageBackend: wrap?.backend,
      osKeyring: store.exists() && store.osKeyringWrap() !== undefined,
      hasPassphrase: store.exists() && store.hasPassphrase(),
    },
  });
  switch (decision.kind) {
    case 'passphrase':
      return passphrase ? { passphrase } : null;
    case 'create': {
      const key = randomBytes(dataKeyBytes);
      store.saveSafeStorageWrap({ backend, wrapped: safeStorage.encryptString(key.toString('hex')).toString('base64') });
      return { key: key.toString('hex') };
    }
    case 'unwrap':
      if (!wrap) return null;
      return { key: safeStorage.decryptString(Buffer.from(wrap.wrapped, 'base64')) };
    case 'os-keyring': {
      const key = await keyFromOsKeyring(store);
      if (key) return { key: key.toString('hex') };
      await explain('key-store-changed');
      return null;
    }
    case 'refuse':
      await explain(decision.reason);
      return null;
  }
}

async function keyFromOsKeyring(store: KeyStore): Promise<Buffer | null> {
  try {
    const held = await osKeyringKey(store, await openOsKeyring());
    return 'key' in held ? held.key : null;
  } catch {
    return null;
  }
}

async function explain(reason: 'no-key-store' | 'insecure-key-store' | 'key-store-changed' | 'passphrase-needed'): Promise<void> {
  const i18n = i18next.createInstance();
  const lng = app.getLocale().startsWith('cy') ? 'cy' : 'en-GB';
  await i18n.init({ resources: { 'en-GB': { translation: enGB }, cy: { translation: cy } }, lng, fallbackLng: 'en-GB' });
  dialog.showErrorBox(i18n.t('unlock.title'), i18n.t(`unlock.${reason}`, { variable: passphraseEnv }));
}
