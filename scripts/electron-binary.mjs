// Finds the Electron executable without requiring the `electron` package, whose index.js starts a
// download when the binary is missing (and downloads cannot succeed on every machine).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const platformPaths = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

/**
 * @returns {{ found: true, path: string } | { found: false, reason: string }}
 */
export function findElectronBinary(env = process.env) {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed (run npm install)' };
  }
  const pathTxt = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathTxt) ? fs.readFileSync(pathTxt, 'utf8').trim() : platformPaths[process.platform] ?? 'electron';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  if (fs.existsSync(candidate)) return { found: true, path: candidate };
  return {
    found: false,
    reason: override
      ? `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist`
      : `the Electron binary was never downloaded (${path.join(packageDir, 'dist')} is missing; this machine cannot reach Electron's download host)`,
  };
}
