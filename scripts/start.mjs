// `npm start`: sets up what is missing, then launches the Electron app. Where Electron cannot start
// (its binary is absent, or there is no display for a window) it starts the browser host instead and
// opens the app in the default browser, or prints the address where there is no display to open it
// on: one command always gives a working app.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;

/** A screen to put a window or a browser on: always on macOS and Windows, DISPLAY/WAYLAND_DISPLAY elsewhere. */
const hasDisplay = () => process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

function openInBrowser(url) {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const opener = spawn(command, args, { stdio: 'ignore', detached: true });
  opener.on('error', () => console.log(`Could not open a browser (${command}); open the address above yourself.`));
  opener.unref();
}

function startBrowserHost(reason) {
  console.log(`Chamber cannot start as a desktop app here: ${reason}.`);
  console.log('Starting it in your browser instead.');
  const host = spawn(process.execPath, ['dist/host/server.cjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  let opened = false;
  host.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    output += chunk.toString();
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)?.[1];
    if (url && !opened) {
      opened = true;
      if (hasDisplay()) openInBrowser(url);
      else console.log('No display here: open the address above in a browser on this machine.');
    }
  });
  // Ctrl+C or a stop from outside ends the host too, never leaving it serving on its own.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
  host.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

if (!fs.existsSync('node_modules/.package-lock.json') && !run('npm', ['ci'])) process.exit(1);
if (process.env.CHAMBER_SKIP_BUILD !== '1' && !run(process.execPath, ['scripts/build.mjs'])) process.exit(1);

const electron = findElectronBinary();
if (!electron.found) startBrowserHost(electron.reason);
else if (!hasDisplay()) startBrowserHost('there is no display for its window (DISPLAY and WAYLAND_DISPLAY are unset)');
else {
  // better-sqlite3 is a native module: the copy Electron loads must match Electron's ABI.
  if (!run('npx', ['electron-builder', 'install-app-deps'])) process.exit(1);
  const child = spawn(electron.path, [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
