import path from 'node:path';
import type { Command } from 'commander';
import type { InputOf, OperationName, OutputOf } from '../../shared/api/contract';
import { restoreBackup } from '../core/backup/backup';
import { resolveDataDir } from '../../node/dataDir';
import { KeyStore } from '../core/security/keyStore';
import { guardCoreErrors, type Fail } from './coreErrors';
import { obtainBackupPassphrase, obtainPassphrase } from '../core/security/passphrasePrompt';
import { obtainUnlock } from '../core/security/terminalUnlock';

type WithCore = <N extends OperationName>(command: Command, name: N, input: InputOf<N>) => Promise<OutputOf<N>>;

interface BackupDeps {
  withCore: WithCore;
  fail: Fail;
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/**
 * `chamber backup create|restore`. Restore works on a data directory no Chamber has open (quit the
 * app first): it swaps the whole directory, which a running core cannot have pulled from under it.
 */
export function registerBackupCommands(program: Command, io: { out(text: string): void }, deps: BackupDeps): void {
  const backup = program.command('backup').description('encrypted backups of the database, settings and stored papers, to restore on this or another computer');
  const guard = guardCoreErrors(deps.fail);

  backup
    .command('create')
    .description('write an encrypted backup file (passphrase from CHAMBER_BACKUP_PASSPHRASE or typed)')
    .requiredOption('--out <file>', 'where to write the backup')
    .option('--json', 'print JSON')
    .action(async (options: { out: string; json?: boolean }, command: Command) => {
      const passphrase = await guard(() => obtainBackupPassphrase(true));
      const summary = await deps.withCore(command, 'createBackup', { path: path.resolve(options.out), passphrase });
      if (options.json) io.out(JSON.stringify(summary, null, 2));
      else io.out(`Backed up to ${summary.file} (${megabytes(summary.bytes)}, ${summary.documents} stored documents)`);
    });

  backup
    .command('restore')
    .description('restore a backup into a data directory (empty, or an existing one with --replace); a new directory is encrypted under CHAMBER_DB_PASSPHRASE (or one typed)')
    .argument('<file>', 'the backup file')
    .option('--replace', 'replace the Chamber data already in the directory (kept until the restored copy is complete)')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { replace?: boolean; json?: boolean }, command: Command) => {
      const dataDir = resolveDataDir(command.optsWithGlobals<{ dataDir?: string }>().dataDir);
      const result = await guard(async () => {
        const passphrase = await obtainBackupPassphrase(false);
        // An existing directory opens the way it always does (perhaps through the OS key store); a
        // new one is restored under a passphrase, never silently into a key store entry.
        const unlock = new KeyStore(dataDir).exists() ? await obtainUnlock(dataDir) : { via: 'passphrase' as const, passphrase: await obtainPassphrase(dataDir) };
        const dbUnlock = unlock.via === 'os-keyring' ? { key: unlock.key } : { passphrase: unlock.passphrase };
        return restoreBackup({ file: path.resolve(file), passphrase, dataDir, dbUnlock, replace: options.replace ?? false });
      });
      if (options.json) io.out(JSON.stringify(result, null, 2));
      else io.out(`Restored the backup of ${result.createdAt} into ${result.dataDir} (${result.documents} stored documents)${result.replaced ? ', replacing the data that was there' : ''}`);
    });
}
