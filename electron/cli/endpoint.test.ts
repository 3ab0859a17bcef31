import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PublishedMeeting, PullResponse, Session } from '../../shared/sync/wire';
import { january2022 } from '../core/testing/samplePacks';

const bin = path.resolve(import.meta.dirname, '../../bin/chamber.cjs');
const chamber = (args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
const committee = 'Corporate and Communities Overview and Scrutiny Panel';

describe('chamber endpoint', () => {
  it('adds users and publishes a pack with the endpoint stopped and running, and serves them', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-endpoint-cli-'));
    // The embedded cluster runs as the postgres user when tests run as root: it must reach the folder.
    fs.chmodSync(dataDir, 0o755);

    // Stopped: the admin commands start the embedded PostgreSQL themselves.
    const clerk = chamber(['endpoint', 'user', 'add', '--data-dir', dataDir, '--name', 'Emma James', '--email', 'clerk@council.example', '--role', 'clerk', '--committee', committee, '--password', 'clerk password 1', '--json']);
    expect(clerk.code, clerk.stderr).toBe(0);
    expect(JSON.parse(clerk.stdout)).toMatchObject({ role: 'clerk', committees: [committee] });
    const published = chamber(['endpoint', 'publish', '--data-dir', dataDir, '--meeting-pdf', january2022().path, '--title', 'Budget Scrutiny', '--json']);
    expect(published.code, published.stderr).toBe(0);
    const { meeting, document } = JSON.parse(published.stdout) as { meeting: unknown; document: { sha256: string } };
    // Structured by the app's own pack reader: the committee, date and agenda come from the front sheet.
    expect(PublishedMeeting.parse(meeting)).toMatchObject({ committee, date: '2022-01-17', startTime: '10:00', title: 'Budget Scrutiny' });
    expect(PublishedMeeting.parse(meeting).items.length).toBe(january2022().items.length);

    const server = spawn(process.execPath, [bin, 'endpoint', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        server.stderr.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          const found = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
          if (found?.[1]) resolve(found[1]);
        });
        server.once('exit', (code) => reject(new Error(`the endpoint exited with ${code}: ${text}`)));
      });

      // Running: the same command joins its database rather than starting a second one.
      const member = chamber(['endpoint', 'user', 'add', '--data-dir', dataDir, '--name', 'Alice Jones', '--email', 'alice@council.example', '--role', 'councillor', '--committee', committee, '--password', 'alice password 1']);
      expect(member.code, member.stderr).toBe(0);
      expect(member.stdout).toContain('Added councillor Alice Jones');

      const session = Session.parse(
        await (await fetch(`${url}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'alice@council.example', password: 'alice password 1', deviceName: 'test' }) })).json(),
      );
      const pulled = PullResponse.parse(await (await fetch(`${url}/v1/sync/pull?limit=100`, { headers: { authorization: `Bearer ${session.accessToken}` } })).json());
      expect(pulled.changes.some((c) => c.entity === 'meeting' && (c.data as { title?: string }).title === 'Budget Scrutiny')).toBe(true);
      const head = await fetch(`${url}/v1/documents/${document.sha256}`, { headers: { authorization: `Bearer ${session.accessToken}`, range: 'bytes=0-4' } });
      expect(head.status).toBe(206);
      expect(Buffer.from(await head.arrayBuffer()).toString('latin1')).toBe('%PDF-');
    } finally {
      const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 180_000);
});
