import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core/core';
import { databaseFileName, openExistingDatabase } from '../core/db/database';
import { CoreError } from '../core/errors';
import { keyFileName, resolveDataKey } from '../core/security/keyStore';
import { fingerprint } from '../core/testing/fingerprint';
import { openDataDatabase } from '../core/testing/dataDatabase';
import { january2022, january2022Revised } from '../core/testing/samplePacks';
import { distDir, makeTempDir } from '../core/testing/tempDir';

const bin = path.resolve(import.meta.dirname, '../../bin/chamber.cjs');
const originalPassphrase = process.env.CHAMBER_DB_PASSPHRASE ?? '';
const backupPassphrase = 'a long backup passphrase';
const otherMachinePassphrase = 'the other machine has its own passphrase';
const chamber = (args: string[], env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, CHAMBER_BACKUP_PASSPHRASE: backupPassphrase, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

const note = 'Ask the officer about the overspend in the lido budget';
// Indexed from the sample pack for search: in the database as text, so finding it in the backup would mean a leak.
const packPhrase = 'Budget Scrutiny';

let sourceDir = '';
let meetingId = '';
let backupFile = '';
let declarations = 0;

const opened: Core[] = [];
const open = (dataDir: string, passphrase: string) => {
  const core = openCore({ dataDir, distDir, passphrase });
  opened.push(core);
  return core;
};
afterEach(() => {
  for (const core of opened.splice(0)) core.close();
});
async function call<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

beforeAll(async () => {
  sourceDir = makeTempDir();
  const demo = chamber(['demo', '--data-dir', sourceDir, '--json']);
  expect(demo.code, demo.stderr).toBe(0);
  meetingId = (JSON.parse(demo.stdout) as { meetingId: string }).meetingId;

  // One of the member's own notes, on a passage of the pack.
  const moved = january2022Revised().revisions?.moved[0];
  if (!moved) throw new Error('no revision truth');
  const w3c = path.join(makeTempDir(), 'note.json');
  fs.writeFileSync(
    w3c,
    JSON.stringify([
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        type: 'Annotation',
        body: { type: 'TextualBody', value: note },
        target: { source: 'agenda.pdf', selector: [{ type: 'FragmentSelector', value: `page=${moved.before.pdfPage}` }, { type: 'TextQuoteSelector', exact: moved.text }] },
      },
    ]),
  );
  expect(chamber(['annotations', 'import', '--meeting', meetingId, '--format', 'w3c', w3c, '--data-dir', sourceDir]).code).toBe(0);
  const core = open(sourceDir, originalPassphrase);
  declarations = (await call(core.call('listDeclarations', { meetingId }))).length;
  expect(declarations).toBeGreaterThan(0);
  await call(core.call('updateSettings', { largePrint: true }));
  core.close();

  // As if this machine were signed in to the endpoint.
  const db = openDataDatabase(sourceDir);
  const state = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?)');
  state.run('endpoint', 'https://endpoint.example');
  state.run('access_token', 'access');
  state.run('refresh_token', 'refresh');
  state.run('device_id', 'device-of-the-old-laptop');
  db.close();

  backupFile = path.join(makeTempDir(), 'chamber.backup');
  const created = chamber(['backup', 'create', '--out', backupFile, '--data-dir', sourceDir, '--json']);
  expect(created.code, created.stderr).toBe(0);
  expect(JSON.parse(created.stdout)).toMatchObject({ file: backupFile, documents: 1 });
});

describe('chamber backup create', () => {
  it('never writes over an existing file, and refuses to back up into the data directory', () => {
    const before = fs.readFileSync(backupFile);
    const again = chamber(['backup', 'create', '--out', backupFile, '--data-dir', sourceDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[BACKUP_FILE_EXISTS]');
    expect(fs.readFileSync(backupFile).equals(before)).toBe(true);
    const inside = chamber(['backup', 'create', '--out', path.join(sourceDir, 'inside.backup'), '--data-dir', sourceDir]);
    expect(inside.code).toBe(1);
    expect(fs.existsSync(path.join(sourceDir, 'inside.backup'))).toBe(false);
    expect(fs.readdirSync(path.dirname(backupFile))).toEqual([path.basename(backupFile)]);
  });
});

describe('chamber backup', () => {
  it('keeps the pack text, the PDF and the notes out of the backup file in the clear', () => {
    const bytes = fs.readFileSync(backupFile);
    const pdf = fs.readFileSync(january2022().path);
    for (const secret of [packPhrase, note, 'Declaration']) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), secret).toBe(false);
    }
    expect(bytes.includes(Buffer.from('%PDF-'))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(bytes.includes(pdf.subarray(4096, 4096 + 64))).toBe(false);
  });

  it('restores on another machine under its own passphrase and key: meetings, notes, declarations, settings and the PDF', async () => {
    const target = path.join(makeTempDir(), 'restored');
    const restored = chamber(['backup', 'restore', backupFile, '--data-dir', target, '--json'], { CHAMBER_DB_PASSPHRASE: otherMachinePassphrase });
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ dataDir: target, documents: 1, replaced: false });
    expect(fs.readdirSync(path.dirname(target))).toEqual(['restored']);

    // Re-keyed: the source machine's data key does not open the restored database.
    const sourceKey = resolveDataKey(sourceDir, { passphrase: originalPassphrase });
    expect(() => openExistingDatabase(path.join(target, databaseFileName), sourceKey)).toThrow(CoreError);
    expect(() => openCore({ dataDir: target, distDir, passphrase: originalPassphrase })).toThrow(/passphrase/);

    const core = open(target, otherMachinePassphrase);
    const meetings = await call(core.call('listMeetings', {}));
    expect(meetings.map((m) => m.id)).toContain(meetingId);
    const member = (await call(core.call('getLocalMember', {}))).memberId;
    const annotations = await call(core.call('listAnnotations', { actingMemberId: member, meetingId }));
    expect(annotations.map((a) => a.body)).toContain(note);
    expect(await call(core.call('listDeclarations', { meetingId }))).toHaveLength(declarations);
    expect((await call(core.call('getSettings', {}))).largePrint).toBe(true);
    const hits = await call(core.call('searchPacks', { query: packPhrase, limit: 5 }));
    expect(hits.length).toBeGreaterThan(0);
    const pack = await call(core.call('getMeetingPack', { meetingId }));
    if (!pack) throw new Error('the restored meeting has no pack');
    const pdf = fs.readFileSync(january2022().path);
    const read = await call(core.call('readDocument', { sha256: pack.documentSha256, offset: 0, length: pdf.length }));
    expect(Buffer.from(read.data, 'base64').equals(pdf)).toBe(true);
    const audit = await call(core.call('verifyAudit', {}));
    expect(audit.ok).toBe(true);
    core.close();

    // Signed out of the endpoint, so the old machine's device registration is not reused.
    const db = openExistingDatabase(path.join(target, databaseFileName), resolveDataKey(target, { passphrase: otherMachinePassphrase }), { readonly: true });
    try {
      expect(db.prepare('SELECT key FROM sync_state ORDER BY key').all()).toEqual([{ key: 'endpoint' }]);
    } finally {
      db.close();
    }
  });

  it('replaces existing Chamber data only with --replace, keeping that directory’s key file', async () => {
    const target = makeTempDir();
    const core = open(target, otherMachinePassphrase);
    await call(core.call('createMeeting', { title: 'Only here', committee: 'Panel', date: '2023-03-01', startTime: '10:00', venue: 'Hall' }));
    core.close();
    fs.mkdirSync(path.join(target, 'saved-notes', 'before-retention-1'), { recursive: true });
    fs.writeFileSync(path.join(target, 'saved-notes', 'before-retention-1', 'notes.md'), '# My notes');
    const keyFile = fs.readFileSync(path.join(target, keyFileName));
    const before = fingerprint(target);

    const refused = chamber(['backup', 'restore', backupFile, '--data-dir', target], { CHAMBER_DB_PASSPHRASE: otherMachinePassphrase });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[RESTORE_TARGET_NOT_EMPTY]');
    expect(fingerprint(target)).toEqual(before);

    const wrongOwner = chamber(['backup', 'restore', backupFile, '--replace', '--data-dir', target], { CHAMBER_DB_PASSPHRASE: 'not this directory’s passphrase' });
    expect(wrongOwner.code).toBe(1);
    expect(wrongOwner.stderr).toContain('[KEY_WRONG]');
    expect(fingerprint(target)).toEqual(before);

    const replaced = chamber(['backup', 'restore', backupFile, '--replace', '--data-dir', target], { CHAMBER_DB_PASSPHRASE: otherMachinePassphrase });
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(fs.readFileSync(path.join(target, keyFileName)).equals(keyFile)).toBe(true);
    expect(fs.readFileSync(path.join(target, 'saved-notes', 'before-retention-1', 'notes.md'), 'utf8')).toBe('# My notes');
    const after = await call(open(target, otherMachinePassphrase).call('listMeetings', {}));
    expect(after.map((m) => m.title)).not.toContain('Only here');
    expect(after.map((m) => m.id)).toContain(meetingId);
    expect(fs.readdirSync(path.dirname(target)).filter((n) => n.includes(path.basename(target)) && n !== path.basename(target))).toEqual([]);
  });

  it('refuses a wrong passphrase, a flipped byte and a cut-off file, leaving the target untouched', () => {
    const target = path.join(makeTempDir(), 'data');
    fs.cpSync(sourceDir, target, { recursive: true });
    const before = fingerprint(target);
    const parentBefore = fs.readdirSync(path.dirname(target)).sort();
    const bytes = fs.readFileSync(backupFile);
    const flipped = Buffer.from(bytes);
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = (flipped[middle] ?? 0) ^ 0x01;
    const cases: { name: string; bytes: Buffer; passphrase: string; code: string }[] = [
      { name: 'wrong passphrase', bytes, passphrase: 'not the backup passphrase', code: 'BACKUP_PASSPHRASE_WRONG' },
      { name: 'flipped byte', bytes: flipped, passphrase: backupPassphrase, code: 'BACKUP_DAMAGED' },
      { name: 'truncated', bytes: bytes.subarray(0, bytes.length - 1000), passphrase: backupPassphrase, code: 'BACKUP_DAMAGED' },
      { name: 'tag cut off', bytes: bytes.subarray(0, bytes.length - 16), passphrase: backupPassphrase, code: 'BACKUP_DAMAGED' },
      { name: 'not a backup', bytes: fs.readFileSync(january2022().path), passphrase: backupPassphrase, code: 'BACKUP_DAMAGED' },
    ];
    for (const c of cases) {
      const file = path.join(makeTempDir(), 'bad.backup');
      fs.writeFileSync(file, c.bytes);
      const run = chamber(['backup', 'restore', file, '--replace', '--data-dir', target], { CHAMBER_BACKUP_PASSPHRASE: c.passphrase });
      expect(run.code, c.name).toBe(1);
      expect(run.stderr, c.name).toContain(`[${c.code}]`);
      expect(run.stderr, c.name).toContain('nothing was restored');
      expect(fingerprint(target), c.name).toEqual(before);
      expect(fs.readdirSync(path.dirname(target)).sort(), c.name).toEqual(parentBefore);
    }
    // A fresh target is not even created.
    const fresh = path.join(makeTempDir(), 'never');
    const run = chamber(['backup', 'restore', backupFile, '--data-dir', fresh], { CHAMBER_BACKUP_PASSPHRASE: 'not the backup passphrase' });
    expect(run.code).toBe(1);
    expect(fs.existsSync(fresh)).toBe(false);
  });

  it('refuses to restore into a folder that holds something other than Chamber data', () => {
    const target = makeTempDir();
    fs.writeFileSync(path.join(target, 'thesis.docx'), 'mine');
    const run = chamber(['backup', 'restore', backupFile, '--replace', '--data-dir', target]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[RESTORE_TARGET_NOT_EMPTY]');
    expect(fs.readdirSync(target)).toEqual(['thesis.docx']);
  });
});
