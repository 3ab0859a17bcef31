import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../core/core';
import { passphraseEnv } from '../core/security/keyStore';
import { distDir, makeTempDir } from '../core/testing/tempDir';
import { startBrowserHost, type BrowserHost } from './server';

const dist = path.resolve(import.meta.dirname, '../../dist');
const samplePack = path.join(dist, 'sample-packs', 'ccosp-2022-01-17-agenda.pdf');
const hosts: BrowserHost[] = [];

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

/** A host over a data directory holding the sample pack, imported through the real core. */
async function hostWithPack(): Promise<{ host: BrowserHost; sha256: string; bytes: Buffer }> {
  const dataDir = makeTempDir();
  const core = openCore({ dataDir, distDir });
  await core.importPackFile(samplePack);
  await core.pagePictures();
  core.close();
  const host = await startBrowserHost({
    dataDir,
    rendererDir: makeTempDir('chamber-renderer-'),
    coreEntry: path.join(dist, 'core', 'worker.cjs'),
    unlock: { passphrase: process.env[passphraseEnv] ?? 'unset' },
  });
  hosts.push(host);
  const bytes = fs.readFileSync(samplePack);
  return { host, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

const get = (host: BrowserHost, sha256: string, headers: Record<string, string>) => fetch(`${host.origin}/api/documents/${sha256}`, { headers });

describe('document bytes route', () => {
  it('answers a Range request with exactly those bytes of the stored (decrypted) pack, uncached', async () => {
    const { host, sha256, bytes } = await hostWithPack();
    const response = await get(host, sha256, { authorization: `Bearer ${host.token}`, range: 'bytes=70000-' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 70000-${bytes.length - 1}/${bytes.length}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(70000))).toBe(true);
    const whole = await get(host, sha256, { authorization: `Bearer ${host.token}` });
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('refuses without the launch token or from another origin, and says why for bad ranges and unknown documents', async () => {
    const { host, sha256, bytes } = await hostWithPack();
    expect((await get(host, sha256, { range: 'bytes=0-9' })).status).toBe(401);
    expect((await get(host, sha256, { authorization: 'Bearer nope', range: 'bytes=0-9' })).status).toBe(401);
    expect((await get(host, sha256, { authorization: `Bearer ${host.token}`, origin: 'http://evil.example' })).status).toBe(403);
    const past = await get(host, sha256, { authorization: `Bearer ${host.token}`, range: `bytes=${bytes.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    const unknown = await get(host, '0'.repeat(64), { authorization: `Bearer ${host.token}` });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await get(host, 'not-a-hash', { authorization: `Bearer ${host.token}` })).status).toBe(400);
  });

  it('serves page 1’s stored picture as an uncached WebP with the page’s size, behind the launch token', async () => {
    const { host, sha256 } = await hostWithPack();
    const raster = (page: number, headers: Record<string, string>) => fetch(`${host.origin}/api/documents/${sha256}/pages/${page}/raster`, { headers });
    const auth = { authorization: `Bearer ${host.token}` };
    const response = await raster(1, auth);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Number(response.headers.get('x-page-width'))).toBeCloseTo(595.28, 1);
    const image = Buffer.from(await response.arrayBuffer());
    expect(image.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect((await raster(1, {})).status).toBe(401);
    expect((await raster(1, { ...auth, origin: 'http://evil.example' })).status).toBe(403);
    expect((await raster(3, auth)).status).toBe(404);
    expect((await raster(0, auth)).status).toBe(400);
  });
});
