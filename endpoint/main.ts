import { Command } from 'commander';
import { appVersion } from '../node/version';
import { closeOnSignals, startEndpoint } from './start';

/** `npm run endpoint` / dist/endpoint/server.cjs. */
const program = new Command('chamber-endpoint')
  .option('--port <port>', 'port to listen on (0 for any free port)', process.env.PORT ?? '8787')
  .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
  .option('--data-dir <dir>', 'where the embedded PostgreSQL lives when DATABASE_URL is not set')
  .option('--log-level <level>', 'pino log level', process.env.LOG_LEVEL ?? 'info')
  .option('--drain-seconds <seconds>', 'on SIGTERM, seconds readiness answers 503 before the port closes (behind a load balancer)', process.env.CHAMBER_ENDPOINT_DRAIN_SECONDS ?? '0')
  .parse();
const options = program.opts<{ port: string; host: string; dataDir?: string; logLevel: string; drainSeconds: string }>();

startEndpoint({ port: Number(options.port), host: options.host, dataDir: options.dataDir, databaseUrl: process.env.DATABASE_URL, version: appVersion, logLevel: options.logLevel, drainDelayMs: Math.max(0, Number(options.drainSeconds) || 0) * 1000 }).then(
  (endpoint) => closeOnSignals(endpoint),
  (error: unknown) => {
    process.stderr.write(`chamber endpoint: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
