import type { Command } from 'commander';
import type { InputOf, OperationName, OutputOf } from '../../shared/api/contract';

type WithCore = <N extends OperationName>(command: Command, name: N, input: InputOf<N>) => Promise<OutputOf<N>>;

/**
 * `chamber sync`: signs in (once: a device already signed in to that endpoint as that person keeps
 * its token), runs one full sync and prints what moved. Used by tests and by council IT.
 */
export function registerSyncCommands(program: Command, withCore: WithCore, io: { out(text: string): void }): void {
  program
    .command('sync')
    .description("sign in to the council's endpoint and run one full sync (push, pull, pack downloads)")
    .requiredOption('--endpoint <url>', 'the endpoint, e.g. https://chamber.council.gov.uk')
    .requiredOption('--email <email>', 'your sign-in email')
    .requiredOption('--password <password>', 'your password (only used when this device is not signed in yet)')
    .option('--json', 'print the counts as JSON')
    .action(async (options: { endpoint: string; email: string; password: string; json?: boolean }, command: Command) => {
      const before = await withCore(command, 'getSyncStatus', {});
      const same = before.signedIn && before.endpoint === options.endpoint.replace(/\/+$/, '') && before.user?.email.toLowerCase() === options.email.trim().toLowerCase();
      if (!same) await withCore(command, 'signInToEndpoint', { endpoint: options.endpoint, email: options.email, password: options.password, deviceName: 'Chamber command line' });
      const counts = await withCore(command, 'syncNow', {});
      const after = await withCore(command, 'getSyncStatus', {});
      const summary = { ...counts, pending: after.pending, openConflicts: after.conflicts, heldQuarantined: after.quarantined, openRejected: after.rejected, lastSyncedAt: after.lastSyncedAt };
      if (options.json) io.out(JSON.stringify(summary));
      else io.out(`Pushed ${counts.pushed}, pulled ${counts.pulled}, conflicts ${counts.conflicts}, rejected ${counts.rejected}, set aside ${counts.quarantined}; ${after.pending} change(s) still to send, ${after.quarantined} received change(s) set aside, ${after.rejected} refused change(s) to read`);
    });
}
