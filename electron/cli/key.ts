import type { Command } from 'commander';
import { resolveDataDir } from '../../node/dataDir';
import { CoreError } from '../core/errors';
import { KeyStore } from '../core/security/keyStore';
import { guardCoreErrors, type Fail } from './coreErrors';
import { obtainNewPassphrase } from '../core/security/passphrasePrompt';
import { obtainUnlock } from '../core/security/terminalUnlock';

/**
 * `chamber key status|set-passphrase`: how a data directory is unlocked, and a passphrase beside
 * the OS key store, so a keyring that is reset or lost does not take the member's data with it.
 */
export function registerKeyCommands(program: Command, io: { out(text: string): void }, deps: { fail: Fail }): void {
  const key = program.command('key').description('how this data is unlocked: the OS key store and the passphrase');
  const guard = guardCoreErrors(deps.fail);
  const dataDirOf = (command: Command) => resolveDataDir(command.optsWithGlobals<{ dataDir?: string }>().dataDir);

  key
    .command('status')
    .description('say which ways of unlocking this data exist (the key itself is never shown)')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }, command: Command) => {
      const store = new KeyStore(dataDirOf(command));
      if (!store.exists()) deps.fail({ code: 'NOT_FOUND', message: 'There is no Chamber data here yet' });
      const status = { keyStore: store.osKeyringWrap()?.store ?? null, desktopKeyStore: store.safeStorageWrap()?.backend ?? null, passphrase: store.hasPassphrase() };
      if (options.json) {
        io.out(JSON.stringify(status, null, 2));
        return;
      }
      io.out(`OS key store (command line and browser host): ${status.keyStore ?? 'no'}`);
      io.out(`OS key store (desktop app): ${status.desktopKeyStore ?? 'no'}`);
      io.out(`Passphrase: ${status.passphrase ? 'yes' : 'no'}`);
    });

  key
    .command('set-passphrase')
    .description('add a passphrase that also unlocks this data, or change it (the new one from CHAMBER_NEW_DB_PASSPHRASE or typed twice)')
    .action(async (_options: unknown, command: Command) => {
      const dataDir = dataDirOf(command);
      const store = new KeyStore(dataDir);
      await guard(async () => {
        if (!store.exists()) throw new CoreError('NOT_FOUND', 'There is no Chamber data here yet');
        const unlock = await obtainUnlock(dataDir);
        const dataKey = unlock.via === 'os-keyring' ? unlock.key : store.unlockWithPassphrase(unlock.passphrase);
        store.addPassphrase(dataKey, await obtainNewPassphrase());
      });
      io.out('The passphrase now unlocks this data too.');
    });
}
