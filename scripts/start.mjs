// `npm start`: sets up what is missing, then launches the Electron app. Where the Electron binary
// is absent (it cannot be downloaded on every machine) it says so and points to the browser host.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;

if (!fs.existsSync('node_modules/.package-lock.json') && !run('npm', ['ci'])) process.exit(1);

const electron = findElectronBinary();
if (!electron.found) {
  console.error(`Chamber cannot start as a desktop app here: ${electron.reason}.`);
  console.error('Run it in your browser instead:  npm run start:browser');
  process.exit(1);
}

if (!run(process.execPath, ['scripts/build.mjs'])) process.exit(1);
// better-sqlite3 is a native module: the copy Electron loads must match Electron's ABI.
if (!run('npx', ['electron-builder', 'install-app-deps'])) process.exit(1);

const child = spawn(electron.path, [root], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
