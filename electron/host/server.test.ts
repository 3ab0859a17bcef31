import path from 'node:path';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openDataDatabase } from '../core/testing/dataDatabase';
import { latestSchemaVersion } from '../core/db/migrations';
import { openCore } from '../core/core';
import { distDir, makeTempDir } from '../core/testing/tempDir';
import { passphraseEnv } from '../core/security/keyStore';
import { startBrowserHost, type BrowserHost } from './server';

const dist = path.resolve(import.meta.dirname, '../../dist');
const hosts: BrowserHost[] = [];
const testPassphrase = process.env[passphraseEnv] ?? 'unset';

async function start(dataDir = makeTempDir(), bodyLimitBytes?: number): Promise<BrowserHost> {
  const host = await startBrowserHost({
    dataDir,
    rendererDir: makeTempDir('chamber-renderer-'),
    coreEntry: path.join(dist, 'core', 'worker.cjs'),
    unlock: { passphrase: testPassphrase },
    ...(bodyLimitBytes ? { bodyLimitBytes } : {}),
  });
  hosts.push(host);
  return host;
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

function call(host: BrowserHost, op: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const meeting = { title: 'Work Programme', committee: 'Corporate and Communities Overview and Scrutiny Panel', date: '2022-01-17', startTime: '12:10', venue: 'County Hall' };

describe('browser host', () => {
  it('binds to 127.0.0.1 only and serves the contract with the launch token', async () => {
    const host = await start();
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = (await (await call(host, 'createMeeting', meeting)).json()) as { ok: boolean; value: { id: string } };
    expect(created.ok).toBe(true);
    const list = (await (await call(host, 'listMeetings', {})).json()) as { ok: boolean; value: { id: string }[] };
    expect(list.value.map((m) => m.id)).toEqual([created.value.id]);
  });

  it('refuses calls without the token, with a wrong token, and with another launch\'s token', async () => {
    const host = await start();
    const other = await start();
    for (const authorization of ['', 'Bearer nope', `Bearer ${other.token}`, host.token]) {
      const response = await call(host, 'listMeetings', {}, { authorization });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ ok: false, error: { code: 'UNAUTHORISED', message: 'Missing or wrong launch token' } });
    }
  });

  it('answers a wrongly typed payload with a typed INVALID_INPUT error and stores nothing', async () => {
    const host = await start();
    const response = await call(host, 'createMeeting', { ...meeting, date: 20220117, venue: ['x'] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: false; error: { code: string; issues: { path: string[] }[] } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['date', 'venue']);
    const list = (await (await call(host, 'listMeetings', {})).json()) as { value: unknown[] };
    expect(list.value).toEqual([]);
  });

  it('answers malformed JSON, oversized bodies and unknown operations with typed errors', async () => {
    const host = await start(makeTempDir(), 4096);
    const malformed = await call(host, 'createMeeting', '{"title":');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');

    const huge = await call(host, 'createMeeting', { ...meeting, title: 'x'.repeat(10_000) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');

    const unknown = await call(host, 'deleteEverything', {});
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('UNKNOWN_OPERATION');
  });

  it('carries the largest upload chunk the contract allows', async () => {
    const host = await start();
    const size = 1024 * 1024;
    const begun = (await (await call(host, 'beginUpload', { fileName: 'pack.pdf', byteSize: size })).json()) as { value: { uploadId: string } };
    const chunk = await call(host, 'uploadChunk', { uploadId: begun.value.uploadId, offset: 0, data: Buffer.alloc(size, 7).toString('base64') });
    expect(chunk.status).toBe(200);
    expect(await chunk.json()).toEqual({ ok: true, value: { received: size } });
  });

  it('refuses cross-origin calls and foreign Host headers (DNS rebinding)', async () => {
    const host = await start();
    const crossOrigin = await call(host, 'listMeetings', {}, { origin: 'http://evil.example' });
    expect(crossOrigin.status).toBe(403);

    const port = new URL(host.origin).port;
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/', method: 'GET', headers: { host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('sends the strict CSP and hardening headers', async () => {
    const host = await start();
    const response = await fetch(`${host.origin}/api/listMeetings`, { method: 'POST' });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps running with a database from a newer Chamber and answers every call with DATABASE_TOO_NEW', async () => {
    const dataDir = makeTempDir();
    openCore({ dataDir, distDir }).close();
    const db = openDataDatabase(dataDir);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.close();
    const host = await start(dataDir);
    const body = (await (await call(host, 'listMeetings', {})).json()) as { ok: boolean; error: { code: string; message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('DATABASE_TOO_NEW');
    expect(body.error.message).toMatch(/newer version of Chamber/);
  });
});
