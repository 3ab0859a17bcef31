import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './tempDir';

/**
 * A private Secret Service for tests: its own D-Bus session bus and a GNOME Keyring daemon
 * unlocked with a throwaway password, in a temporary home. Tests hand its address to the
 * programs they start, so they never touch the developer's own keyring.
 */
export interface SecretService {
  /** Environment that points a program at this Secret Service. */
  env: NodeJS.ProcessEnv;
  /** `secret-tool` against this service: the test's view of the key store, independent of Chamber. */
  secretTool(args: string[], input?: string): { code: number | null; stdout: string };
  stop(): void;
}

const tools = ['dbus-daemon', 'gnome-keyring-daemon', 'secret-tool'];

/** Why a Secret Service cannot be started here, or undefined when it can. */
export function secretServiceMissing(): string | undefined {
  const missing = tools.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  return missing.length > 0 ? `not installed: ${missing.join(', ')} (apt-get install dbus-daemon gnome-keyring libsecret-tools)` : undefined;
}

export async function startSecretService(): Promise<SecretService> {
  const dir = makeTempDir('chamber-keyring-');
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  const address = `unix:path=${path.join(dir, 'bus')}`;
  const children: ChildProcess[] = [];
  const stop = () => {
    for (const child of children.reverse()) child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // A bus with no service directories: the stock session bus would start a second, locked
    // keyring daemon on demand if a lookup raced ahead of ours.
    const config = path.join(dir, 'bus.conf');
    fs.writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>${address}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
    );
    const bus = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--nopidfile', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(bus);
    await firstLine(bus, 'dbus-daemon');
    const env: NodeJS.ProcessEnv = { DBUS_SESSION_BUS_ADDRESS: address, HOME: home, XDG_DATA_HOME: path.join(home, '.local', 'share'), XDG_RUNTIME_DIR: dir };
    const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { stdio: ['pipe', 'ignore', 'ignore'], env: { ...process.env, ...env } });
    children.push(keyring);
    keyring.stdin.end('test keyring password');
    let exited: number | null | undefined;
    keyring.once('exit', (code) => (exited = code));
    const secretTool = (args: string[], input?: string) => {
      const result = spawnSync('secret-tool', args, { input, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 10_000 });
      return { code: result.status, stdout: result.stdout };
    };
    // The daemon says nothing when it is ready: wait until a secret can be stored.
    for (let attempt = 0; secretTool(['store', '--label=probe', 'probe', 'ready'], 'ready').code !== 0; attempt += 1) {
      if (exited !== undefined) throw new Error(`gnome-keyring-daemon exited (${exited}) before it was ready`);
      if (attempt > 50) throw new Error('gnome-keyring-daemon did not answer on the session bus');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    secretTool(['clear', 'probe', 'ready']);
    return { env, secretTool, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

function firstLine(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
    child.once('error', reject);
  });
}
