import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { InputOf, OperationName, OutputOf } from '../../shared/api/contract';
import { exportFormats } from '../../shared/annotations/schema';

export type CallCore = <N extends OperationName>(command: Command, name: N, input: InputOf<N>) => Promise<OutputOf<N>>;

interface Io {
  out(text: string): void;
}

/** `chamber annotations …`: import, export and list a member's annotations for a meeting. */
export function registerAnnotationCommands(program: Command, call: CallCore, io: Io): void {
  const annotations = program.command('annotations').description('import, export and list annotations');
  const member = () => new Option('--member <id>', 'choose who uses this device first (recorded, and kept for later commands); default: whoever it is used by now');
  // --member is the recorded choice of this device's member (chooseMember), never a per-call claim:
  // the core decides who is acting and refuses anything else.
  const actingMember = async (command: Command, options: { member?: string }) =>
    options.member !== undefined
      ? (await call(command, 'chooseMember', { memberId: options.member, via: 'cli' })).memberId
      : (await call(command, 'getIdentity', {})).memberId;

  annotations
    .command('import')
    .description('add annotations from a W3C Web Annotation JSON file (TextQuoteSelector and FragmentSelector page=N)')
    .argument('<file>', 'the JSON file')
    .requiredOption('--meeting <id>', 'the meeting whose pack they belong to')
    .addOption(new Option('--format <format>', 'file format').choices(['w3c']).makeOptionMandatory())
    .addOption(member())
    .action(async (file: string, options: { meeting: string; member?: string }, command: Command) => {
      const json = readText(file);
      const result = await call(command, 'importAnnotations', { actingMemberId: await actingMember(command, options), meetingId: options.meeting, format: 'w3c', json });
      io.out(`Imported ${result.created} annotation${result.created === 1 ? '' : 's'}${result.needsReview > 0 ? ` (${result.needsReview} need review)` : ''}`);
    });

  annotations
    .command('export')
    .description('write your annotations and questions for a meeting as W3C JSON, Markdown, Word, or an annotated PDF')
    .requiredOption('--meeting <id>', 'the meeting')
    .addOption(new Option('--format <format>', 'file format').choices([...exportFormats]).makeOptionMandatory())
    .requiredOption('--out <file>', 'where to write it')
    .addOption(member())
    .action(async (options: { meeting: string; format: (typeof exportFormats)[number]; out: string; member?: string }, command: Command) => {
      const file = await call(command, 'exportAnnotations', { actingMemberId: await actingMember(command, options), meetingId: options.meeting, format: options.format });
      fs.writeFileSync(options.out, Buffer.from(file.data, 'base64'));
      io.out(`Wrote ${options.out}`);
    });

  annotations
    .command('list')
    .description("list a meeting's annotations you can see, with their current page and status")
    .requiredOption('--meeting <id>', 'the meeting')
    .option('--json', 'print JSON')
    .addOption(member())
    .action(async (options: { meeting: string; json?: boolean; member?: string }, command: Command) => {
      const list = await call(command, 'listAnnotations', { actingMemberId: await actingMember(command, options), meetingId: options.meeting });
      const rows = list.map((a) => ({
        id: a.id,
        kind: a.kind,
        page: a.pageIndex + 1,
        packVersion: a.packVersion,
        itemNumber: a.itemNumber,
        quote: a.quote?.exact ?? null,
        body: a.body,
        status: a.status,
        shared: a.shared,
        author: a.authorMemberId,
      }));
      if (options.json) io.out(JSON.stringify(rows, null, 2));
      else if (rows.length === 0) io.out('No annotations for this meeting.');
      else for (const r of rows) io.out(`p.${r.page} (v${r.packVersion}) ${r.kind} [${r.status}] ${r.quote ? `“${r.quote.slice(0, 80)}”` : (r.body ?? '')}  ${r.id}`);
    });
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
