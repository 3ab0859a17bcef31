import type { Command } from 'commander';
import type { InputOf, OperationName, OutputOf } from '../../shared/api/contract';

type WithCore = <N extends OperationName>(command: Command, name: N, input: InputOf<N>) => Promise<OutputOf<N>>;

interface AuditDeps {
  withCore: WithCore;
  fail(failure: { code: string; message: string }): never;
}

/** `chamber audit verify`: for council IT and auditors, the same check the clerk can run in the app. */
export function registerAuditCommands(program: Command, io: { out(text: string): void }, deps: AuditDeps): void {
  const audit = program.command('audit').description('the tamper-evident history of declarations, meetings and minutes');
  audit
    .command('verify')
    .description('check the hash chain over the history; exits 1 and names the first entry edited, deleted or added behind its back')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const report = await deps.withCore(command, 'verifyAudit', {});
      if (options.json) io.out(JSON.stringify(report, null, 2));
      else if (report.ok) io.out(`Audit chain intact: ${report.entries} entries checked`);
      if (report.problem) {
        const { kind, seq, source, sourceId } = report.problem;
        deps.fail({
          code: 'AUDIT_BROKEN',
          message: `The audit history has been tampered with: ${source} entry ${sourceId} is ${kind}${seq === null ? ' (it has no chain entry)' : ` (chain position ${seq})`}`,
        });
      }
    });
}
