import os from 'node:os';
import path from 'node:path';

export const productName = 'Chamber';

/**
 * Where Electron's `app.getPath('userData')` points for this product, worked out without Electron so
 * the command line and the browser host find the same database the desktop app uses.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', productName);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), productName);
}

/** An explicit choice wins, then CHAMBER_DATA_DIR, then the platform default. */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? env.CHAMBER_DATA_DIR;
  return path.resolve(chosen && chosen.length > 0 ? chosen : defaultDataDir(process.platform, env));
}
