import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFileName, openExistingDatabase } from '../db/database';
import { fingerprint } from '../testing/fingerprint';
import { distDir, makeTempDir } from '../testing/tempDir';
import { secretServiceMissing, startSecretService, type SecretService } from '../testing/secretService';
import { keyFileName, osKeyringEnv, passphraseEnv } from './keyStore';
import { osKeyringService } from './osKeyring';

const bin = path.resolve(import.meta.dirname, '../../../bin/chamber.cjs');
const add = ['meetings', 'add', '--title', 'Budget Scrutiny', '--committee', 'Corporate and Communities Overview and Scrutiny Panel', '--date', '2022-01-17', '--time', '10:00', '--venue', 'County Hall, Worcester'];

const missing = secretServiceMissing();
if (missing && process.env.CI) throw new Error(`CI must run the OS key store test, but ${missing}`);

interface KeyFileOnDisk {
  passphrase?: unknown;
  osKeyring?: { store: string; account: string; check: string };
}

describe.skipIf(missing !== undefined)(`the OS key store outside Electron${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let service: SecretService;
  /** A member's terminal: no passphrase set, the key store reachable. */
  let session: NodeJS.ProcessEnv;

  beforeAll(async () => {
    service = await startSecretService();
    session = { ...process.env, ...service.env, [passphraseEnv]: '', [osKeyringEnv]: '' };
  });
  afterAll(() => service?.stop());

  const chamber = (args: string[], env: NodeJS.ProcessEnv) => {
    const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env, timeout: 60_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const keyFile = (dataDir: string) => JSON.parse(fs.readFileSync(path.join(dataDir, keyFileName), 'utf8')) as KeyFileOnDisk;
  const heldKey = (account: string) => service.secretTool(['lookup', 'service', osKeyringService, 'username', account]);

  it('keeps a new data directory\'s key in the key store, never in the directory, and opens it again without a question', () => {
    const dataDir = makeTempDir();
    const created = chamber(['--data-dir', dataDir, ...add], session);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);

    const keys = keyFile(dataDir);
    expect(keys.passphrase).toBeUndefined();
    expect(keys.osKeyring?.store).toBe('secret-service');
    const held = heldKey(keys.osKeyring?.account ?? '');
    expect(held.code).toBe(0);
    const key = Buffer.from(held.stdout.trim(), 'base64');
    expect(key).toHaveLength(32);
    // The key appears nowhere in the directory, in any encoding.
    for (const file of Object.keys(fingerprint(dataDir))) {
      const bytes = fs.readFileSync(path.join(dataDir, file));
      for (const form of [key, Buffer.from(key.toString('base64')), Buffer.from(key.toString('hex'))]) expect(bytes.includes(form)).toBe(false);
    }
    // It is the key the database is encrypted with.
    const db = openExistingDatabase(path.join(dataDir, databaseFileName), key, { readonly: true });
    expect(db.prepare<[], { title: string }>('SELECT title FROM meetings').all()).toEqual([{ title: 'Budget Scrutiny' }]);
    db.close();

    const listed = chamber(['--data-dir', dataDir, 'meetings', 'list', '--json'], session);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { title: string }[]).map((m) => m.title)).toEqual(['Budget Scrutiny']);
  });

  it('opens key-store data in the browser host too', async () => {
    const dataDir = makeTempDir();
    expect(chamber(['--data-dir', dataDir, ...add], session).code).toBe(0);
    const host = spawn(process.execPath, [path.join(distDir, 'host', 'server.cjs')], {
      env: { ...session, CHAMBER_DATA_DIR: dataDir, CHAMBER_HOST_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        host.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const match = /running in your browser at (\S+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        host.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
        host.once('exit', (code) => reject(new Error(`the host exited (${code}): ${err}`)));
      });
      const answer = await fetch(url);
      expect(answer.status).toBe(200);
    } finally {
      host.kill('SIGTERM');
    }
  });

  it('explains, and changes nothing, when the key store is not running or has lost the key', () => {
    const dataDir = makeTempDir();
    expect(chamber(['--data-dir', dataDir, ...add], session).code).toBe(0);
    const before = fingerprint(dataDir);
    const account = keyFile(dataDir).osKeyring?.account ?? '';

    const noBus = { ...session, DBUS_SESSION_BUS_ADDRESS: '' };
    const unreachable = chamber(['--data-dir', dataDir, 'meetings', 'list'], noBus);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/KEY_STORE_UNAVAILABLE/);
    expect(unreachable.stderr).toMatch(/not reachable here/);

    const original = heldKey(account).stdout.trim();
    expect(service.secretTool(['clear', 'service', osKeyringService, 'username', account]).code).toBe(0);
    const lost = chamber(['--data-dir', dataDir, 'meetings', 'list'], session);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toMatch(/KEY_STORE_UNAVAILABLE/);
    expect(lost.stderr).toMatch(/no longer holds the key/);

    // Another key under the same entry is named as such, not reported as a damaged database.
    const label = ['store', '--label=other', 'service', osKeyringService, 'username', account];
    expect(service.secretTool(label, randomBytes(32).toString('base64')).code).toBe(0);
    const other = chamber(['--data-dir', dataDir, 'meetings', 'list'], session);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/KEY_WRONG/);
    expect(other.stderr).toMatch(/holds a different key/);

    expect(fingerprint(dataDir)).toEqual(before);
    // With the right key back it opens again: nothing above damaged the data.
    expect(service.secretTool(label, original).code).toBe(0);
    expect(chamber(['--data-dir', dataDir, 'meetings', 'list'], session).code).toBe(0);
  });

  it('a passphrase set beside the key store opens the data once the key store has lost its key', () => {
    const dataDir = makeTempDir();
    expect(chamber(['--data-dir', dataDir, ...add], session).code).toBe(0);
    const status = () => JSON.parse(chamber(['--data-dir', dataDir, 'key', 'status', '--json'], session).stdout) as { keyStore: string | null; passphrase: boolean };
    expect(status()).toMatchObject({ keyStore: 'secret-service', passphrase: false });

    const fallback = 'spare passphrase kept in a drawer';
    const set = chamber(['--data-dir', dataDir, 'key', 'set-passphrase'], { ...session, CHAMBER_NEW_DB_PASSPHRASE: fallback });
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(status()).toMatchObject({ keyStore: 'secret-service', passphrase: true });

    const account = keyFile(dataDir).osKeyring?.account ?? '';
    expect(service.secretTool(['clear', 'service', osKeyringService, 'username', account]).code).toBe(0);
    const wrong = chamber(['--data-dir', dataDir, 'meetings', 'list'], { ...session, [passphraseEnv]: 'not the one' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/KEY_WRONG/);
    const listed = chamber(['--data-dir', dataDir, 'meetings', 'list', '--json'], { ...session, [passphraseEnv]: fallback });
    expect(listed.stderr).toBe('');
    expect((JSON.parse(listed.stdout) as { title: string }[]).map((m) => m.title)).toEqual(['Budget Scrutiny']);
  });

  it('restores a backup over key-store data, which then still opens from the key store', () => {
    const dataDir = makeTempDir();
    expect(chamber(['--data-dir', dataDir, ...add], session).code).toBe(0);
    const backupFile = path.join(makeTempDir(), 'chamber.backup');
    const withBackupPassphrase = { ...session, CHAMBER_BACKUP_PASSPHRASE: 'backup passphrase for the test' };
    const created = chamber(['--data-dir', dataDir, 'backup', 'create', '--out', backupFile], withBackupPassphrase);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const later = add.map((arg) => (arg === 'Budget Scrutiny' ? 'Added after the backup' : arg));
    expect(chamber(['--data-dir', dataDir, ...later], session).code).toBe(0);
    const keysBefore = fs.readFileSync(path.join(dataDir, keyFileName), 'utf8');

    const restored = chamber(['--data-dir', dataDir, 'backup', 'restore', backupFile, '--replace'], withBackupPassphrase);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(fs.readFileSync(path.join(dataDir, keyFileName), 'utf8')).toBe(keysBefore);
    const listed = chamber(['--data-dir', dataDir, 'meetings', 'list', '--json'], session);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { title: string }[]).map((m) => m.title)).toEqual(['Budget Scrutiny']);
  });

  it('uses a passphrase instead when the member sets one for new data', () => {
    const dataDir = makeTempDir();
    const before = service.secretTool(['search', '--all', 'service', osKeyringService]).stdout;
    expect(chamber(['--data-dir', dataDir, ...add], { ...session, [passphraseEnv]: 'a passphrase the member chose' }).code).toBe(0);
    const keys = keyFile(dataDir);
    expect(keys.passphrase).toBeDefined();
    expect(keys.osKeyring).toBeUndefined();
    expect(service.secretTool(['search', '--all', 'service', osKeyringService]).stdout).toBe(before);
    // And that data needs the passphrase even where the key store runs.
    const asked = chamber(['--data-dir', dataDir, 'meetings', 'list'], session);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toMatch(/KEY_REQUIRED/);
  });

  it('creates nothing with neither a key store nor a passphrase', () => {
    const dataDir = makeTempDir();
    const refused = chamber(['--data-dir', dataDir, ...add], { ...session, DBUS_SESSION_BUS_ADDRESS: '' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/KEY_REQUIRED/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
