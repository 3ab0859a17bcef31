import path from 'node:path';
import { Command, CommanderError } from 'commander';
import type { InputOf, OperationName, OutputOf } from '../../shared/api/contract';
import type { ApiError } from '../../shared/result';
import { openCore, type Core } from '../core/core';
import { resolveDataDir } from '../../node/dataDir';
import { askPdfPassword } from '../core/security/passphrasePrompt';
import { obtainUnlock } from '../core/security/terminalUnlock';
import { CoreError } from '../core/errors';
import { ImportError } from '../core/packs/importError';
import { appVersion } from '../../node/version';
import type { CliIo } from './io';
import { registerModernGov } from './moderngov';
import { registerAnnotationCommands } from './annotations';
import { registerDemo } from './demo';
import { registerMinutesCommands } from './minutes';
import { registerAuditCommands } from './audit';
import { registerBackupCommands } from './backup';
import { registerKeyCommands } from './key';
import { registerEndpointCommands } from './endpoint';
import { registerSyncCommands } from './sync';
import { registerPapersCommands } from './papers';

type Failure = Omit<ApiError, 'code'> & { code: string };

class CliFailure extends Error {
  constructor(readonly apiError: Failure) {
    super(apiError.message);
  }
}

function describe(error: Failure): string {
  const lines = [`chamber: ${error.message} [${error.code}]`];
  for (const issue of error.issues ?? []) lines.push(`  ${issue.path.join('.') || 'input'}: ${issue.message}`);
  return lines.join('\n');
}

/**
 * The `chamber` command. Returns the exit code instead of exiting so tests can drive it in-process
 * as well as through the real binary.
 */
export async function runCli(argv: readonly string[], io: CliIo, distDir: string): Promise<number> {
  let core: Core | null = null;
  const coreFor = async (command: Command): Promise<Core> => {
    const dataDir = resolveDataDir(command.optsWithGlobals<{ dataDir?: string }>().dataDir);
    try {
      if (core) return core;
      const unlock = await obtainUnlock(dataDir);
      core = openCore({
        dataDir,
        distDir,
        ...(unlock.via === 'os-keyring' ? { key: unlock.key } : { passphrase: unlock.passphrase }),
        log: (message) => io.err(`chamber: ${message}`),
      });
      return core;
    } catch (error) {
      if (error instanceof CoreError) throw new CliFailure({ code: error.code, message: error.message });
      throw error;
    }
  };
  const withCore = async <N extends OperationName>(command: Command, name: N, input: InputOf<N>): Promise<OutputOf<N>> => {
    const result = await (await coreFor(command)).call(name, input);
    if (!result.ok) throw new CliFailure(result.error);
    return result.value;
  };

  const program = new Command('chamber')
    .description('Chamber: council meetings, agenda packs and minutes, offline first')
    .version(appVersion)
    .option('--data-dir <dir>', 'data directory (default: CHAMBER_DATA_DIR or the app\'s own)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });

  const meetings = program.command('meetings').description('list and create meetings');
  meetings
    .command('list')
    .description('list meetings, soonest first')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const list = await withCore(command, 'listMeetings', {});
      if (options.json) {
        io.out(JSON.stringify(list.map(({ id, title, committee, date, startTime, venue, status }) => ({ id, title, committee, date, startTime, venue, status })), null, 2));
      } else if (list.length === 0) {
        io.out('No meetings yet. Add one with: chamber meetings add --title … --committee … --date YYYY-MM-DD --time HH:MM --venue …');
      } else {
        for (const m of list) io.out(`${m.date} ${m.startTime}  ${m.committee}: ${m.title} (${m.venue})  ${m.id}`);
      }
    });

  meetings
    .command('add')
    .description('create a meeting')
    .requiredOption('--title <title>', 'meeting title')
    .requiredOption('--committee <committee>', 'committee or panel name')
    .requiredOption('--date <date>', 'date as YYYY-MM-DD')
    .requiredOption('--time <time>', 'start time as HH:MM (24-hour)')
    .requiredOption('--venue <venue>', 'venue')
    .option('--json', 'print the created meeting as JSON')
    .action(async (options: { title: string; committee: string; date: string; time: string; venue: string; json?: boolean }, command: Command) => {
      const meeting = await withCore(command, 'createMeeting', {
        title: options.title,
        committee: options.committee,
        date: options.date,
        startTime: options.time,
        venue: options.venue,
      });
      io.out(options.json ? JSON.stringify(meeting, null, 2) : `Created meeting ${meeting.id}`);
    });

  program
    .command('import-pack')
    .description('import an agenda pack PDF: a new meeting, or a new version of a meeting already held')
    .argument('<file>', 'the agenda pack PDF')
    .option('--meeting <id>', 'attach to this meeting instead of matching the front sheet')
    .option('--password <password>', 'the password of a protected PDF, for this import only (without it, asked for on a terminal)')
    .option('--json', 'print the meeting, items and page mapping as JSON')
    .action(async (file: string, options: { meeting?: string; password?: string; json?: boolean }, command: Command) => {
      const core = await coreFor(command);
      const importWith = (password: string | undefined) =>
        core.importPackFile(file, { meetingId: options.meeting, password }, (done, total) => {
          if (process.stderr.isTTY) process.stderr.write(`\rExtracting text: page ${done} of ${total}`);
        });
      let result;
      try {
        result = await importWith(options.password).catch(async (error: unknown) => {
          // Asked only when none was given: a wrong --password is an answer, not a question.
          if (options.password !== undefined || !(error instanceof ImportError) || error.code !== 'PDF_PASSWORD_REQUIRED') throw error;
          const typed = await askPdfPassword(path.basename(file));
          if (typed === null) throw new ImportError('PDF_PASSWORD_REQUIRED', `${file} is protected by a password: give it with --password, or run this from a terminal to type it`);
          return importWith(typed);
        });
      } catch (error) {
        if (error instanceof ImportError || error instanceof CoreError) throw new CliFailure({ code: error.code, message: error.message });
        throw error;
      } finally {
        if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      }
      // Page 1's picture is drawn after the import; the command stays until it is stored.
      await core.pagePictures();
      const meeting = await withCore(command, 'getMeeting', { id: result.meetingId });
      const { structure } = result;
      if (options.json) {
        io.out(
          JSON.stringify(
            {
              meeting: { id: meeting.id, committee: meeting.committee, date: meeting.date, startTime: meeting.startTime, venue: meeting.venue, members: structure.meeting.members },
              items: structure.items,
              pageCount: result.pageCount,
              version: result.version,
              alreadyImported: result.alreadyImported,
              changes: result.changes,
              warnings: structure.warnings,
            },
            null,
            2,
          ),
        );
        return;
      }
      io.out(`${result.alreadyImported ? 'Already imported' : 'Imported'} ${file} as version ${result.version} of the pack for ${meeting.committee}, ${meeting.date} ${meeting.startTime} (${result.pageCount} pages)`);
      for (const item of structure.items) {
        const pages = item.pdfPages ? `PDF pages ${item.pdfPages.from}-${item.pdfPages.to}` : item.status;
        io.out(`  ${item.number.padEnd(4)} ${item.title} [${pages}]`);
      }
      for (const change of result.changes) io.out(`  changed since the previous version: item ${change.number} ${change.change}`);
      for (const warning of structure.warnings) io.err(`warning: ${warning.detail} [${warning.code}]`);
    });

  registerModernGov(program, io, {
    withCore,
    fail: (failure) => {
      throw new CliFailure(failure);
    },
  });
  registerAnnotationCommands(program, withCore, io);
  registerDemo(program, coreFor, io, distDir);
  registerMinutesCommands(program, withCore, io);
  registerEndpointCommands(program, io, {
    fail: (failure) => {
      throw new CliFailure(failure);
    },
  });
  registerAuditCommands(program, io, {
    withCore,
    fail: (failure) => {
      throw new CliFailure(failure);
    },
  });
  registerSyncCommands(program, withCore, io);
  registerPapersCommands(program, io, {
    withCore,
    fail: (failure) => {
      throw new CliFailure(failure);
    },
  });
  registerBackupCommands(program, io, {
    withCore,
    fail: (failure) => {
      throw new CliFailure(failure);
    },
  });
  registerKeyCommands(program, io, {
    fail: (failure) => {
      throw new CliFailure(failure);
    },
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander but successes to the user.
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof CliFailure) {
      io.err(describe(error.apiError));
      return 1;
    }
    io.err(`chamber: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    (core as Core | null)?.close();
  }
}
