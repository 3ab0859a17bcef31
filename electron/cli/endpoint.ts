import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { parsePackStructure } from '../../shared/packs/structure';
import { userRoles, type UserRole } from '../../shared/sync/wire';
import { createUser, EndpointError, type Principal } from '../../endpoint/accounts';
import { createCouncil, findCouncil, listCouncils } from '../../endpoint/councils';
import { defaultCouncilId } from '../../endpoint/db/0007_councils';
import { LargeObjectStore } from '../../endpoint/documents/largeObjects';
import { publishMeeting, uploadDocument } from '../../endpoint/packs';
import { closeOnSignals, openEndpointDatabase, startEndpoint } from '../../endpoint/start';
import { extractPdf } from '../core/packs/extract';
import { appVersion } from '../../node/version';

interface EndpointCliDeps {
  fail(failure: { code: string; message: string }): never;
}

const collect = (value: string, previous: string[]) => [...previous, value];
type Io = { out(text: string): void; err(text: string): void };

/**
 * `chamber endpoint …`: council IT runs the endpoint and manages it from the same command. The admin
 * commands open the endpoint's database directly (joining its embedded PostgreSQL if the endpoint is
 * running), so they work whether it is up or not.
 */
export function registerEndpointCommands(program: Command, io: Io, deps: EndpointCliDeps): void {
  const dataDirOf = (command: Command) => command.optsWithGlobals<{ dataDir?: string }>().dataDir;
  const withDatabase = async <T>(command: Command, work: (pool: Awaited<ReturnType<typeof openEndpointDatabase>>['pool']) => Promise<T>): Promise<T> => {
    const db = await openEndpointDatabase({ dataDir: dataDirOf(command), databaseUrl: process.env.DATABASE_URL });
    try {
      return await work(db.pool);
    } catch (error) {
      if (error instanceof EndpointError) deps.fail({ code: error.code, message: error.message });
      throw error;
    } finally {
      await db.close();
    }
  };

  const endpoint = program
    .command('endpoint')
    .description("run the council's endpoint (PostgreSQL from DATABASE_URL, else embedded in --data-dir) and manage its users and packs")
    .option('--port <port>', 'port to listen on (0 for any free port)', process.env.PORT ?? '8787')
    .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
    .option('--log-level <level>', 'log level', process.env.LOG_LEVEL ?? 'info')
    .option('--drain-seconds <seconds>', 'on SIGTERM, seconds readiness answers 503 before the port closes (behind a load balancer)', process.env.CHAMBER_ENDPOINT_DRAIN_SECONDS ?? '0')
    .action(async (options: { port: string; host: string; logLevel: string; drainSeconds: string }, command: Command) => {
      const running = await startEndpoint({
        port: Number(options.port),
        host: options.host,
        dataDir: dataDirOf(command),
        databaseUrl: process.env.DATABASE_URL,
        version: appVersion,
        logLevel: options.logLevel,
        drainDelayMs: Math.max(0, Number(options.drainSeconds) || 0) * 1000,
      });
      io.err(`chamber endpoint: listening at ${running.url}`);
      closeOnSignals(running);
      // Serve until a signal closes it; the CLI's own exit waits for this promise.
      await new Promise<never>(() => undefined);
    });

  const council = endpoint.command('council').description('councils served by this endpoint, each with its own committees, users and papers');
  council
    .command('add')
    .description('add a council and its first admin')
    .requiredOption('--name <name>', "the council's name")
    .requiredOption('--admin-name <name>', "the admin's full name")
    .requiredOption('--admin-email <email>', "the admin's sign-in email")
    .requiredOption('--admin-password <password>', 'initial password (10 characters or more)')
    .option('--json', 'print JSON')
    .action(async (options: { name: string; adminName: string; adminEmail: string; adminPassword: string; json?: boolean }, command: Command) => {
      const added = await withDatabase(command, (pool) => createCouncil(pool, options.name, { name: options.adminName, email: options.adminEmail, password: options.adminPassword }));
      io.out(options.json ? JSON.stringify(added, null, 2) : `Added council ${added.council.name} (${added.council.id}) with admin <${added.admin.email}>`);
    });
  council
    .command('list')
    .description('the councils on this endpoint')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const councils = await withDatabase(command, (pool) => listCouncils(pool));
      io.out(options.json ? JSON.stringify(councils, null, 2) : councils.map((c) => `${c.id}\t${c.name}`).join('\n'));
    });
  const councilOption = () => new Option('--council <id or name>', 'the council (default: the one a single-council endpoint has)').default(defaultCouncilId);

  endpoint
    .command('user')
    .description('endpoint accounts')
    .command('add')
    .description('add a user (the first admin, a councillor, a clerk…)')
    .addOption(councilOption())
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--email <email>', 'sign-in email')
    .addOption(new Option('--role <role>', 'role').choices([...userRoles]).makeOptionMandatory())
    .option('--committee <name>', 'a committee, as packs print its name (repeat for several)', collect, [])
    .requiredOption('--password <password>', 'initial password (10 characters or more)')
    .option('--json', 'print JSON')
    .action(async (options: { council: string; name: string; email: string; role: UserRole; committee: string[]; password: string; json?: boolean }, command: Command) => {
      const user = await withDatabase(command, async (pool) => createUser(pool, (await findCouncil(pool, options.council)).id, { name: options.name, email: options.email, role: options.role, password: options.password, committees: options.committee }));
      io.out(options.json ? JSON.stringify(user, null, 2) : `Added ${user.role} ${user.name} <${user.email}> (${user.id})${user.committees.length ? `: ${user.committees.join(', ')}` : ''}`);
    });

  endpoint
    .command('publish')
    .description('publish an agenda pack PDF as a meeting, structured by the same reader the app uses')
    .addOption(councilOption())
    .requiredOption('--meeting-pdf <file>', 'the agenda pack')
    .option('--title <title>', "the meeting's title (default: the committee's name)")
    .option('--restricted', 'the pack is exempt (Part II): only members entitled to it may download it')
    .option('--json', 'print JSON')
    .action(async (options: { council: string; meetingPdf: string; title?: string; restricted?: boolean; json?: boolean }, command: Command) => {
      const file = path.resolve(options.meetingPdf);
      const bytes = fs.readFileSync(file);
      const structure = parsePackStructure((await extractPdf(new Uint8Array(bytes))).pages);
      const { committee, date, startTime, venue } = structure.meeting;
      if (!committee || !date) {
        deps.fail({ code: 'PACK_UNSTRUCTURED', message: `${path.basename(file)} does not say which committee meets on which date; it cannot be published as a meeting` });
      }
      const published = await withDatabase(command, async (pool) => {
        const councilId = (await findCouncil(pool, options.council)).id;
        const admin = await pool.query<{ id: string }>("SELECT id FROM users WHERE council_id = $1 AND role IN ('admin', 'clerk') ORDER BY role = 'admin' DESC, created_at LIMIT 1", [councilId]);
        const publisher = admin.rows[0];
        if (!publisher) deps.fail({ code: 'NO_ADMIN', message: 'Add an admin or clerk first: chamber endpoint user add --role admin …' });
        const principal: Principal = { userId: publisher.id, deviceId: 'command-line', councilId, role: 'admin', committees: [], presidesIn: [], officerIn: [] };
        const meeting = await publishMeeting(pool, principal, {
          committee,
          title: options.title ?? committee,
          date,
          startTime: startTime ?? '10:00',
          venue: venue ?? 'To be confirmed',
          items: structure.items.map((item) => ({ number: item.number, title: item.title.slice(0, 500), restricted: false })),
        });
        const document = await uploadDocument(pool, new LargeObjectStore(pool), principal, meeting.id, { title: path.basename(file), kind: 'pack', restricted: options.restricted ?? false }, {
          stream: fs.createReadStream(file),
          size: bytes.length,
          // The admin's own file on the server: no network upload's limit applies.
          maxBytes: Number.MAX_SAFE_INTEGER,
        });
        return { meeting, document };
      });
      io.out(
        options.json
          ? JSON.stringify(published, null, 2)
          : `Published ${published.meeting.committee}, ${published.meeting.date} ${published.meeting.startTime} (${published.meeting.items.length} items) as ${published.meeting.id}; pack ${published.document.sha256}`,
      );
    });
}
