import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { InputOf, OperationName, OutputOf } from '../../shared/api/contract';
import { minutesFormats } from '../../shared/api/contracts/minutes';
import { minutesLanguages } from '../../shared/minutes/layout';

type WithCore = <N extends OperationName>(command: Command, name: N, input: InputOf<N>) => Promise<OutputOf<N>>;

/** `chamber export-minutes`: the same export as the clerk's screen, made without a window. */
export function registerMinutesCommands(program: Command, withCore: WithCore, io: { out(text: string): void; err(text: string): void }): void {
  program
    .command('export-minutes')
    .description('write a meeting\'s minutes as Word, PDF, HTML or Open Civic Data JSON (gaps in the record are marked, not fatal)')
    .requiredOption('--meeting <id>', 'the meeting')
    .addOption(new Option('--format <format>', 'file format').choices([...minutesFormats]).makeOptionMandatory())
    .requiredOption('--out <file>', 'where to write the file')
    .addOption(new Option('--language <language>', 'language of headings and fixed phrases').choices([...minutesLanguages]).default('en-GB'))
    .option('--council <name>', "the council's name, when the minutes were not started with one")
    .action(async (options: { meeting: string; format: (typeof minutesFormats)[number]; out: string; language: (typeof minutesLanguages)[number]; council?: string }, command: Command) => {
      const exported = await withCore(command, 'exportMinutes', {
        meetingId: options.meeting,
        format: options.format,
        language: options.language,
        ...(options.council === undefined ? {} : { councilName: options.council }),
      });
      const out = path.resolve(options.out);
      // Written beside the target and renamed, so a failed write never leaves half a file.
      const partial = `${out}.partial-${process.pid}`;
      fs.writeFileSync(partial, Buffer.from(exported.data, 'base64'));
      fs.renameSync(partial, out);
      io.out(`Wrote ${options.format.toUpperCase()} minutes to ${out}`);
      if (exported.gaps > 0) io.err(`warning: ${exported.gaps} gap(s) in the record are marked in the minutes for the clerk`);
    });
}
