import { type Command } from 'commander';
import type { InputOf, OperationName, OutputOf } from '../../shared/api/contract';
import type { CliIo } from './io';

interface CliCore {
  withCore: <N extends OperationName>(command: Command, name: N, input: InputOf<N>) => Promise<OutputOf<N>>;
  fail: (failure: { code: string; message: string }) => never;
}

/** `chamber papers download --meeting <id>`: a meeting's papers on demand, past or future (issue 20). */
export function registerPapersCommands(program: Command, io: CliIo, { withCore, fail }: CliCore): void {
  const papers = program.command('papers').description("a meeting's papers from the council endpoint or its Modern.gov site");
  papers
    .command('download')
    .description("fetch a meeting's papers now, whatever its date (resumable; Part II only when you are entitled to it)")
    .requiredOption('--meeting <id>', 'the meeting (see meetings list)')
    .option('--json', 'print the outcome as JSON')
    .action(async (options: { meeting: string; json?: boolean }, command: Command) => {
      let state = await withCore(command, 'startPapersDownload', { meetingId: options.meeting });
      while (state.state === 'running') {
        if (process.stderr.isTTY && state.total > 0) process.stderr.write(`\rDownloading ${Math.round((100 * state.done) / state.total)}%`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        state = await withCore(command, 'getPapersDownload', { meetingId: options.meeting });
      }
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      if (state.state === 'failed') return fail(state.error ?? { code: 'INTERNAL', message: 'The papers could not be fetched' });
      const pack = await withCore(command, 'getMeetingPack', { meetingId: options.meeting });
      const summary = { meetingId: state.meetingId, source: state.source, stored: state.stored, refused: state.refused, packVersion: pack?.version ?? null, pageCount: pack?.pageCount ?? null };
      if (options.json) {
        io.out(JSON.stringify(summary, null, 2));
        return;
      }
      io.out(`${state.stored} paper(s) held from the ${state.source === 'moderngov' ? 'Modern.gov site' : 'council endpoint'}${pack ? `; pack version ${pack.version}, ${pack.pageCount} pages` : ''}`);
      for (const r of state.refused) io.err(`warning: ${r.title ?? 'a paper'} did not arrive: ${r.reason}`);
    });
}
