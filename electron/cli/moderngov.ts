import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { InputOf, OperationName, OutputOf } from '../../shared/api/contract';
import type { CliIo } from './io';

interface CliCore {
  withCore: <N extends OperationName>(command: Command, name: N, input: InputOf<N>) => Promise<OutputOf<N>>;
  /** Ends the command with a coded failure (exit 1), as any refused operation does. */
  fail: (failure: { code: string; message: string }) => never;
}

const positiveInt = (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a Modern.gov committee id is a whole number');
  return Number(value);
};
const isoDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('use YYYY-MM-DD');
  return value;
};

/** `chamber moderngov fetch`: one committee's meetings and packs from a council's Modern.gov site. */
export function registerModernGov(program: Command, io: CliIo, { withCore, fail }: CliCore): void {
  const moderngov = program.command('moderngov').description("meetings and packs from a council's Modern.gov site");
  moderngov
    .command('fetch')
    .description("fetch a committee's meetings (default: from 30 days ago to 90 days ahead) with their documents")
    .requiredOption('--site <url>', 'the Modern.gov site, e.g. https://democracy.example.gov.uk')
    .requiredOption('--committee <id>', 'the Modern.gov committee id', positiveInt)
    .option('--from <date>', 'first meeting date, YYYY-MM-DD', isoDate)
    .option('--to <date>', 'last meeting date, YYYY-MM-DD', isoDate)
    .option('--json', 'print the meetings as JSON')
    .action(async (options: { site: string; committee: number; from?: string; to?: string; json?: boolean }, command: Command) => {
      const site = await withCore(command, 'addModernGovSite', { url: options.site });
      const { refreshId } = await withCore(command, 'startModernGovRefresh', {
        siteId: site.id,
        committeeId: options.committee,
        ...(options.from ? { from: options.from } : {}),
        ...(options.to ? { to: options.to } : {}),
      });
      let state = await withCore(command, 'getModernGovRefresh', { refreshId });
      while (state.state === 'running') {
        if (process.stderr.isTTY && state.total > 0) process.stderr.write(`\rFetching meeting ${state.done} of ${state.total}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        state = await withCore(command, 'getModernGovRefresh', { refreshId });
      }
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      const result = state.result;
      if (state.state === 'failed' || !result) return fail(state.error ?? { code: 'INTERNAL', message: 'The fetch failed' });
      const { dataDir } = await withCore(command, 'getAppInfo', {});
      const storedAt = (sha: string | null) => (sha ? path.join(dataDir, 'documents', sha.slice(0, 2), `${sha}.pdf`) : null);
      const meetings = [];
      for (const m of result.meetings) {
        const detail = await withCore(command, 'getModernGovMeeting', { meetingId: m.id });
        meetings.push({
          id: m.id,
          modernGovId: m.modernGovId,
          committee: m.committee,
          date: m.date,
          startTime: m.startTime,
          status: m.status,
          changed: m.changed,
          packVersion: m.packVersion,
          items: (detail?.items ?? []).map((item) => ({
            modernGovId: item.modernGovId,
            number: item.number,
            title: item.title,
            documents: item.documents.map((d) => ({
              attachmentId: d.attachmentId,
              title: d.title,
              url: d.url,
              publishedAt: d.publishedAt,
              storedAt: storedAt(d.sha256),
              error: d.error,
            })),
          })),
        });
      }
      const failures = result.failures;
      if (options.json) {
        io.out(JSON.stringify({ site: site.baseUrl, committee: options.committee, meetings, failures }, null, 2));
        return;
      }
      if (meetings.length === 0) io.out('No meetings in that range.');
      for (const m of meetings) {
        io.out(`${m.date} ${m.startTime}  ${m.committee} (Modern.gov ${m.modernGovId})  ${m.id}${m.changed ? '' : '  unchanged'}`);
        for (const item of m.items) {
          io.out(`  ${item.number.padEnd(4)} ${item.title}`);
          for (const d of item.documents) io.out(`       ${d.title}: ${d.storedAt ?? `not fetched [${d.error ?? 'unknown'}]`}`);
        }
      }
      for (const f of failures) {
        const what = f.kind === 'meeting' ? `meeting ${f.meetingModernGovId}${f.meetingDate ? ` (${f.meetingDate})` : ''}` : `${f.title} (${f.url})`;
        io.err(`warning: ${what} was not fetched: ${f.message} [${f.code}]`);
      }
    });
}
