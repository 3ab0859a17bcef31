import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface SpawnedHost {
  url: string;
  origin: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the real browser host (dist/host/server.cjs) as users do and reads the address it prints.
 * Used by the e2e fixtures and the benchmarks so both drive the shipped entry point.
 */
export function spawnBrowserHost(distDir: string, dataDir: string, timeoutMs = 20_000, env: NodeJS.ProcessEnv = process.env): Promise<SpawnedHost> {
  const child = spawn(process.execPath, [path.join(distDir, 'host', 'server.cjs')], {
    env: { ...env, CHAMBER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  let output = '';
  return new Promise<SpawnedHost>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`browser host did not start:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, origin: new URL(url).origin, process: child, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}:\n${output}`));
    });
  });
}
