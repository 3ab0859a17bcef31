import { createCipheriv, createDecipheriv, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { checkIntegrity, databaseFileName, openDatabase, rekeyDatabaseFile, snapshotDatabase, type Db } from '../db/database';
import { latestSchemaVersion } from '../db/migrations';
import { CoreError } from '../errors';
import { DocumentStore } from '../packs/documentStore';
import { base64, dataKeyBytes, keyFileName, KeyStore, passphraseKey, scryptCost, type DataKey } from '../security/keyStore';

/**
 * An encrypted backup of one data directory: the database (with the device settings, which live in
 * it), every stored document, and the data key they are encrypted under.
 *
 * Why the data key travels inside: the database and the documents are already encrypted under it,
 * so the backup copies them byte for byte and never holds pack text or PDF bytes in the clear, not
 * even in a temporary file. The key itself is protected by the backup passphrase like everything
 * else. On restore the data is re-keyed to the restoring directory's own key (its existing key
 * when it already has one, so its system key-store wrap stays valid; a fresh random key otherwise),
 * so two machines restored from one backup never share a key.
 *
 * File layout: magic(8) | headerLength u32 BE | header JSON | AES-256-GCM ciphertext | tag(16).
 * The header (scrypt parameters, salt, nonce, and a sealed check value that tells a wrong
 * passphrase from a damaged file) is the GCM additional data, so the tag at the end authenticates
 * every byte of the file: a flipped byte anywhere or a cut-off end fails before anything is written.
 *
 * Plaintext payload: records of kind u8 (1 file, 255 end) | nameLength u32 | name | size u64 | bytes.
 * The first record is manifest.json; the end record makes a payload cut at a record boundary
 * detectable even without the tag.
 */
export const backupMagic = Buffer.from('CHMBBAK1', 'ascii');
const tagBytes = 16;
const checkPlain = Buffer.from('chamber backup v1', 'utf8');
const blockBytes = 1024 * 1024;
const manifestName = 'manifest.json';
/** Where retention saves the member's notes (see CoreOptions.notesDir): kept across a restore. */
export const savedNotesDir = 'saved-notes';
const documentName = /^documents\/([0-9a-f]{2})\/([0-9a-f]{64})\.pdf$/;

const Header = z.object({
  version: z.literal(1),
  kdf: z.literal('scrypt'),
  N: z.number().int().positive().max(2 ** 20),
  r: z.number().int().positive().max(32),
  p: z.number().int().positive().max(16),
  salt: base64,
  iv: base64,
  checkIv: base64,
  check: base64,
  checkTag: base64,
});
type Header = z.infer<typeof Header>;

const Manifest = z.object({
  format: z.literal(1),
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  createdAt: z.string(),
  dataKey: base64,
  documents: z.number().int().nonnegative(),
});
export type BackupManifest = z.infer<typeof Manifest>;

export interface BackupSummary {
  file: string;
  bytes: number;
  documents: number;
  schemaVersion: number;
  createdAt: string;
}

function deriveKey(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Buffer {
  if (passphrase.length === 0) throw new CoreError('BACKUP_PASSPHRASE_WRONG', 'A backup needs a passphrase');
  return passphraseKey(passphrase, salt, cost);
}

/** Writes the backup to a temporary name next to `out` and renames it, so `out` is whole or absent. */
export function createBackup(options: { db: Db; dataDir: string; key: DataKey; out: string; passphrase: string; appVersion: string; schemaVersion: number; now?: Date }): BackupSummary {
  const out = path.resolve(options.out);
  const documentsRoot = path.join(options.dataDir, 'documents');
  if (out.startsWith(path.resolve(options.dataDir) + path.sep)) {
    throw new CoreError('INVALID_INPUT', 'Save the backup outside the data directory it backs up');
  }
  if (fs.existsSync(out)) throw exists(out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const snapshot = path.join(options.dataDir, `.backup-${randomUUID()}.sqlite3`);
  const temp = `${out}.${randomUUID()}.tmp`;
  const createdAt = (options.now ?? new Date()).toISOString();
  try {
    snapshotDatabase(options.db, snapshot);
    const documents = listDocuments(documentsRoot);
    const manifest: BackupManifest = { format: 1, appVersion: options.appVersion, schemaVersion: options.schemaVersion, createdAt, dataKey: options.key.toString('base64'), documents: documents.length };

    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const checkIv = randomBytes(12);
    const key = deriveKey(options.passphrase, salt, scryptCost);
    const checker = createCipheriv('aes-256-gcm', key, checkIv);
    const check = Buffer.concat([checker.update(checkPlain), checker.final()]);
    const header: Header = {
      version: 1,
      kdf: 'scrypt',
      ...scryptCost,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      checkIv: checkIv.toString('base64'),
      check: check.toString('base64'),
      checkTag: checker.getAuthTag().toString('base64'),
    };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const prefix = Buffer.concat([backupMagic, u32(headerBytes.length), headerBytes]);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(prefix);

    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      fs.writeSync(fd, prefix);
      const seal = (plain: Buffer) => {
        const sealed = cipher.update(plain);
        if (sealed.length > 0) fs.writeSync(fd, sealed);
      };
      const writeRecord = (name: string, size: number, body: (emit: (b: Buffer) => void) => void) => {
        const nameBytes = Buffer.from(name, 'utf8');
        seal(Buffer.concat([Buffer.from([1]), u32(nameBytes.length), nameBytes, u64(size)]));
        body(seal);
      };
      const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
      writeRecord(manifestName, manifestBytes.length, (emit) => emit(manifestBytes));
      writeFileRecord(writeRecord, databaseFileName, snapshot);
      for (const doc of documents) writeFileRecord(writeRecord, doc.name, doc.file);
      seal(Buffer.from([255]));
      const last = cipher.final();
      if (last.length > 0) fs.writeSync(fd, last);
      fs.writeSync(fd, cipher.getAuthTag());
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // Linked rather than renamed: a link never replaces an existing file, so a backup cannot
    // overwrite something else that happens to have that name, even if it appeared meanwhile.
    try {
      fs.linkSync(temp, out);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists(out);
      throw error;
    }
    return { file: out, bytes: fs.statSync(out).size, documents: documents.length, schemaVersion: options.schemaVersion, createdAt };
  } finally {
    fs.rmSync(temp, { force: true });
    fs.rmSync(snapshot, { force: true });
  }
}

const exists = (file: string) => new CoreError('BACKUP_FILE_EXISTS', `${file} already exists; choose a new name (a backup never overwrites a file)`);

function writeFileRecord(writeRecord: (name: string, size: number, body: (emit: (b: Buffer) => void) => void) => void, name: string, file: string): void {
  const size = fs.statSync(file).size;
  writeRecord(name, size, (emit) => {
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(blockBytes);
      let done = 0;
      while (done < size) {
        const read = fs.readSync(fd, buffer, 0, Math.min(blockBytes, size - done), done);
        if (read === 0) throw new CoreError('INTERNAL', `${file} shrank while it was being backed up`);
        emit(Buffer.from(buffer.subarray(0, read)));
        done += read;
      }
    } finally {
      fs.closeSync(fd);
    }
  });
}

function listDocuments(root: string): { name: string; file: string }[] {
  if (!fs.existsSync(root)) return [];
  const out: { name: string; file: string }[] = [];
  for (const dir of fs.readdirSync(root).sort()) {
    const folder = path.join(root, dir);
    if (!/^[0-9a-f]{2}$/.test(dir) || !fs.statSync(folder).isDirectory()) continue;
    for (const name of fs.readdirSync(folder).sort()) {
      const relative = `documents/${dir}/${name}`;
      if (documentName.test(relative)) out.push({ name: relative, file: path.join(folder, name) });
    }
  }
  return out;
}

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u64 = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};

const damaged = (why: string) => new CoreError('BACKUP_DAMAGED', `This backup file is damaged or incomplete (${why}); nothing was restored`);

interface Opened {
  fd: number;
  size: number;
  key: Buffer;
  iv: Buffer;
  prefix: Buffer;
}

/** Reads and checks the header: a wrong passphrase is told apart from damage by the sealed check value. */
function openBackup(file: string, passphrase: string): Opened {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw new CoreError('NOT_FOUND', `Cannot read the backup file ${file}`);
  }
  try {
    const size = fs.fstatSync(fd).size;
    const start = Buffer.alloc(backupMagic.length + 4);
    if (fs.readSync(fd, start, 0, start.length, 0) !== start.length || !start.subarray(0, backupMagic.length).equals(backupMagic)) {
      throw new CoreError('BACKUP_DAMAGED', `${file} is not a Chamber backup; nothing was restored`);
    }
    const headerLength = start.readUInt32BE(backupMagic.length);
    if (headerLength > 4096 || start.length + headerLength + tagBytes > size) throw damaged('header');
    const headerBytes = Buffer.alloc(headerLength);
    fs.readSync(fd, headerBytes, 0, headerLength, start.length);
    let header: Header;
    try {
      header = Header.parse(JSON.parse(headerBytes.toString('utf8')));
    } catch {
      throw damaged('header');
    }
    const key = deriveKey(passphrase, Buffer.from(header.salt, 'base64'), header);
    try {
      const checker = createDecipheriv('aes-256-gcm', key, Buffer.from(header.checkIv, 'base64'));
      checker.setAuthTag(Buffer.from(header.checkTag, 'base64'));
      const plain = Buffer.concat([checker.update(Buffer.from(header.check, 'base64')), checker.final()]);
      if (plain.length !== checkPlain.length || !timingSafeEqual(plain, checkPlain)) throw new Error('check');
    } catch {
      throw new CoreError('BACKUP_PASSPHRASE_WRONG', 'That passphrase does not open this backup; nothing was restored');
    }
    return { fd, size, key, iv: Buffer.from(header.iv, 'base64'), prefix: Buffer.concat([start, headerBytes]) };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

type Sink = { begin(name: string, size: number): void; data(chunk: Buffer): void; end(): void };

/**
 * Decrypts the payload through the record parser. Only when the GCM tag checks out does this
 * return; the caller treats anything the sink wrote before a throw as garbage to remove.
 */
function readPayload(opened: Opened, sink: Sink): BackupManifest {
  const decipher = createDecipheriv('aes-256-gcm', opened.key, opened.iv);
  decipher.setAAD(opened.prefix);
  const tag = Buffer.alloc(tagBytes);
  fs.readSync(opened.fd, tag, 0, tagBytes, opened.size - tagBytes);
  decipher.setAuthTag(tag);

  // Held in an object: the parser closure updates it, and TypeScript does not track closure writes.
  const parse: { state: 'record' | 'body' | 'ended'; manifest: BackupManifest | null } = { state: 'record', manifest: null };
  let pending: Buffer = Buffer.alloc(0);
  let remaining = 0;
  let manifestParts: Buffer[] | null = null;
  const consume = (plain: Buffer) => {
    pending = pending.length === 0 ? plain : Buffer.concat([pending, plain]);
    for (;;) {
      if (parse.state === 'ended') {
        if (pending.length > 0) throw damaged('data after the end');
        return;
      }
      if (parse.state === 'body') {
        const take = Math.min(remaining, pending.length);
        if (take > 0) {
          const part = pending.subarray(0, take);
          if (manifestParts) manifestParts.push(Buffer.from(part));
          else sink.data(part);
          pending = pending.subarray(take);
          remaining -= take;
        }
        if (remaining > 0) return;
        if (manifestParts) {
          try {
            parse.manifest = Manifest.parse(JSON.parse(Buffer.concat(manifestParts).toString('utf8')));
          } catch {
            throw damaged('manifest');
          }
          manifestParts = null;
        } else sink.end();
        parse.state = 'record';
        continue;
      }
      if (pending.length < 1) return;
      if (pending[0] === 255) {
        parse.state = 'ended';
        pending = pending.subarray(1);
        continue;
      }
      if (pending[0] !== 1) throw damaged('record');
      if (pending.length < 5) return;
      const nameLength = pending.readUInt32BE(1);
      if (nameLength > 1024) throw damaged('record name');
      if (pending.length < 5 + nameLength + 8) return;
      const name = pending.subarray(5, 5 + nameLength).toString('utf8');
      remaining = Number(pending.readBigUInt64BE(5 + nameLength));
      pending = pending.subarray(5 + nameLength + 8);
      if (!parse.manifest) {
        if (name !== manifestName || remaining > 65536) throw damaged('manifest');
        manifestParts = [];
      } else {
        if (name !== databaseFileName && !documentName.test(name)) throw damaged(`unexpected entry ${name}`);
        sink.begin(name, remaining);
      }
      parse.state = 'body';
    }
  };

  const buffer = Buffer.alloc(blockBytes);
  const end = opened.size - tagBytes;
  let position = opened.prefix.length;
  while (position < end) {
    const read = fs.readSync(opened.fd, buffer, 0, Math.min(blockBytes, end - position), position);
    if (read === 0) throw damaged('short read');
    consume(decipher.update(buffer.subarray(0, read)));
    position += read;
  }
  try {
    consume(decipher.final());
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw damaged('it fails its integrity check');
  }
  if (parse.state !== 'ended' || !parse.manifest) throw damaged('cut off');
  return parse.manifest;
}

/** Decrypts the whole file and checks it without writing anything: the manifest if it is sound. */
export function verifyBackup(file: string, passphrase: string): BackupManifest {
  const opened = openBackup(file, passphrase);
  try {
    return readPayload(opened, { begin: () => undefined, data: () => undefined, end: () => undefined });
  } finally {
    fs.closeSync(opened.fd);
  }
}

export interface RestoreResult {
  dataDir: string;
  documents: number;
  schemaVersion: number;
  createdAt: string;
  replaced: boolean;
}

const isChamberDir = (dir: string): boolean => fs.existsSync(path.join(dir, databaseFileName)) || fs.existsSync(path.join(dir, keyFileName));

/**
 * Restores a backup into `dataDir`, unlocked afterwards as `dbUnlock` says. The backup is verified
 * whole before anything is written; the new directory is assembled beside the target, re-keyed and
 * opened once (migrating an older schema, checking integrity), and only then swapped in. An existing
 * Chamber directory is replaced only when `replace` is set, and is kept until the new one is in place.
 *
 * Not for a directory a running Chamber has open: the command line is the way to restore.
 */
export function restoreBackup(options: {
  file: string;
  passphrase: string;
  dataDir: string;
  /** Unlocks the target's data: its passphrase, or the key the OS key store gave for an existing directory. */
  dbUnlock: { passphrase: string } | { key: DataKey };
  replace?: boolean;
}): RestoreResult {
  const target = path.resolve(options.dataDir);
  const manifest = verifyBackup(options.file, options.passphrase);
  if (manifest.schemaVersion > latestSchemaVersion) {
    throw new CoreError('DATABASE_TOO_NEW', 'This backup was made by a newer version of Chamber; update Chamber to restore it. Nothing was restored');
  }
  const backupKey = Buffer.from(manifest.dataKey, 'base64');
  if (backupKey.length !== dataKeyBytes) throw damaged('key');

  const exists = fs.existsSync(target);
  const empty = !exists || fs.readdirSync(target).length === 0;
  if (!empty) {
    if (!isChamberDir(target)) throw new CoreError('RESTORE_TARGET_NOT_EMPTY', `${target} is not empty and is not a Chamber data directory; nothing was restored`);
    if (!options.replace) throw new CoreError('RESTORE_TARGET_NOT_EMPTY', `${target} already holds Chamber data; pass --replace to replace it (it is kept until the restored copy is complete)`);
  }
  const unlock = options.dbUnlock;
  if ('passphrase' in unlock && unlock.passphrase.length === 0) throw new CoreError('KEY_REQUIRED', 'The restored data needs a passphrase to be encrypted under');
  const hasKeys = !empty && fs.existsSync(path.join(target, keyFileName));
  // Unlocking the target's key first proves the person may replace it, and keeps its key file
  // (with any system key-store wrap) valid for the restored data. A key from the OS key store has
  // already been checked against that key file; a new directory has none to check it against, so
  // its key must come from a passphrase.
  let keys: { existing: DataKey } | { newPassphrase: string };
  if (hasKeys) keys = { existing: 'key' in unlock ? unlock.key : new KeyStore(target).unlockWithPassphrase(unlock.passphrase) };
  else if ('passphrase' in unlock) keys = { newPassphrase: unlock.passphrase };
  else throw new CoreError('KEY_REQUIRED', 'Restoring into a new directory needs a passphrase to encrypt it under');

  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = path.join(path.dirname(target), `.${path.basename(target)}.restore-${randomUUID()}`);
  const incoming = path.join(staging, '.incoming');
  fs.mkdirSync(incoming, { recursive: true, mode: 0o700 });
  try {
    let newKey: DataKey;
    if ('existing' in keys) {
      fs.copyFileSync(path.join(target, keyFileName), path.join(staging, keyFileName));
      newKey = keys.existing;
    } else {
      newKey = new KeyStore(staging).unlockWithPassphrase(keys.newPassphrase);
    }

    const documents: string[] = [];
    const opened = openBackup(options.file, options.passphrase);
    try {
      let fd: number | null = null;
      readPayload(opened, {
        begin: (name) => {
          const file = path.join(incoming, ...name.split('/'));
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fd = fs.openSync(file, 'wx', 0o600);
          const match = documentName.exec(name);
          if (match?.[2]) documents.push(match[2]);
        },
        data: (chunk) => {
          if (fd !== null) fs.writeSync(fd, chunk);
        },
        end: () => {
          if (fd !== null) {
            fs.fsyncSync(fd);
            fs.closeSync(fd);
            fd = null;
          }
        },
      });
    } finally {
      fs.closeSync(opened.fd);
    }

    const incomingDb = path.join(incoming, databaseFileName);
    if (!fs.existsSync(incomingDb)) throw damaged('no database');
    const sameKey = backupKey.equals(newKey);
    if (!sameKey) rekeyDatabaseFile(incomingDb, backupKey, newKey);
    fs.renameSync(incomingDb, path.join(staging, databaseFileName));
    if (sameKey) {
      if (fs.existsSync(path.join(incoming, 'documents'))) fs.renameSync(path.join(incoming, 'documents'), path.join(staging, 'documents'));
    } else {
      // Each document's file key derives from the data key, so each is opened and sealed again.
      const from = new DocumentStore(path.join(incoming, 'documents'), backupKey);
      const to = new DocumentStore(path.join(staging, 'documents'), newKey);
      for (const sha of documents) {
        to.put(sha, from.readAll(sha));
        from.remove(sha);
      }
    }
    fs.rmSync(incoming, { recursive: true, force: true });

    const { db } = openDatabase(path.join(staging, databaseFileName), newKey);
    try {
      const integrity = checkIntegrity(db);
      if (!integrity.ok) throw damaged(`the restored database fails its check: ${integrity.problems.slice(0, 3).join('; ')}`);
      // Signed out: the backed-up machine's endpoint session and device registration stay with it.
      // Restoring after that machine was lost and revoked would otherwise present the revoked
      // device at the next sync and have the restored data wiped. The member signs in again as a
      // new device; the user id stays, so their notes are still theirs, and unsent changes still send.
      db.prepare("DELETE FROM sync_state WHERE key IN ('access_token', 'refresh_token', 'device_id')").run();
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }

    if (empty) {
      if (exists) fs.rmdirSync(target);
      fs.renameSync(staging, target);
    } else {
      // Notes saved before retention deleted papers are the member's own files, not in any
      // backup: they move across to the restored directory rather than going with the old data.
      const savedNotes = path.join(target, savedNotesDir);
      if (fs.existsSync(savedNotes)) fs.renameSync(savedNotes, path.join(staging, savedNotesDir));
      const old = path.join(path.dirname(target), `.${path.basename(target)}.replaced-${randomUUID()}`);
      fs.renameSync(target, old);
      try {
        fs.renameSync(staging, target);
      } catch (error) {
        fs.renameSync(old, target);
        if (fs.existsSync(path.join(staging, savedNotesDir))) fs.renameSync(path.join(staging, savedNotesDir), savedNotes);
        throw error;
      }
      fs.rmSync(old, { recursive: true, force: true });
    }
    return { dataDir: target, documents: documents.length, schemaVersion: manifest.schemaVersion, createdAt: manifest.createdAt, replaced: !empty };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
