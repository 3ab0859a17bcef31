import path from 'node:path';
import { runCli } from './run';

runCli(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  },
  // Bundled to dist/cli/chamber.cjs.
  path.resolve(__dirname, '..'),
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`chamber: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
