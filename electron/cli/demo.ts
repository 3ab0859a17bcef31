import type { Command } from 'commander';
import type { Core } from '../core/core';
import { samplePackFile, seedMeeting } from '../core/demo/seedMeeting';

/** `chamber demo`: the sample pack with a fully recorded meeting, for newcomers and the minutes. */
export function registerDemo(program: Command, coreFor: (command: Command) => Promise<Core>, io: { out(text: string): void }, distDir: string): void {
  program
    .command('demo')
    .description('load the 17 January 2022 sample pack with a fully recorded meeting (attendance, declarations, timings, outcomes, votes, actions, an agreed panel comment)')
    .option('--json', 'print the meeting id and what was loaded as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const seeded = await seedMeeting(await coreFor(command), samplePackFile(distDir));
      if (options.json) io.out(JSON.stringify(seeded, null, 2));
      else io.out(seeded.alreadyLoaded ? `The demo meeting is already loaded: ${seeded.meetingId}` : `Loaded the demo meeting of 17 January 2022: ${seeded.meetingId}`);
    });
}
