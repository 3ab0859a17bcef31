import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ExportedFile } from '../../../shared/annotations/schema';
import type { SavedNotesFile } from '../../../shared/api/contracts/retention';
import { CoreError } from '../errors';
import { decryptDocument, encryptDocument, headerBytes, savedNotesKey } from '../security/documentCipher';
import type { DataKey } from '../security/keyStore';

const magic = Buffer.from('CHMBNOT1', 'ascii');
const saltBytes = 32;
const extension = '.chamber-notes';
/** The folders retention makes, one per run (retention.ts). */
const legacyFolder = /^before-retention-[0-9A-Za-z-]+$/;

/**
 * What a saved-notes file holds, once opened: the export as made, when it was saved, and its
 * meeting (so the offline expiry can keep Part II notes closed; null for files from before).
 */
const Sealed = ExportedFile.extend({ savedAt: z.string(), meetingId: z.string().nullable().default(null) });

/**
 * The member's notes retention saves before deleting papers, encrypted under the data key like the
 * database and the documents: a file in a dated folder per run, named at random so not even the
 * meeting shows on the disk. Only Chamber opens them again (listSavedNotes, readSavedNotes), and a
 * remote wipe, which destroys the data key, leaves them unreadable even if they survived it.
 *
 * Layout: magic(8) | salt(32) | a document sealed as documentCipher.ts seals one, under a key from
 * the data key and that salt.
 */
export class SavedNotes {
  constructor(
    private readonly dir: string,
    private readonly key: DataKey,
  ) {}

  /** Writes one export into `folder` (made inside the notes folder), fsynced before it returns. */
  save(folder: string, file: ExportedFile, savedAt: string, meetingId: string | null): void {
    const target = path.join(this.dir, folder);
    fs.mkdirSync(target, { recursive: true });
    const salt = randomBytes(saltBytes);
    const plain = Buffer.from(JSON.stringify({ ...file, savedAt, meetingId } satisfies z.infer<typeof Sealed>), 'utf8');
    const fd = fs.openSync(path.join(target, `${randomUUID()}${extension}`), 'wx', 0o600);
    try {
      fs.writeSync(fd, Buffer.concat([magic, salt, ...encryptDocument(savedNotesKey(this.key, salt), plain)]));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * Markdown saved in the clear by a Chamber from before this encryption: each file of a retention
   * folder is sealed (saved at its modification time) and only then removed, so a crash between the
   * two keeps both rather than neither. Returns how many were sealed.
   */
  encryptLegacyFiles(): number {
    if (!fs.existsSync(this.dir)) return 0;
    let sealed = 0;
    for (const folder of fs.readdirSync(this.dir, { withFileTypes: true })) {
      if (!folder.isDirectory() || !legacyFolder.test(folder.name)) continue;
      for (const entry of fs.readdirSync(path.join(this.dir, folder.name), { withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
        const file = path.join(this.dir, folder.name, entry.name);
        const data = fs.readFileSync(file).toString('base64');
        this.save(folder.name, { fileName: entry.name, mimeType: 'text/markdown', data }, fs.statSync(file).mtime.toISOString(), null);
        fs.rmSync(file);
        sealed++;
      }
    }
    return sealed;
  }

  /** Every saved file this key opens, newest first; a file it cannot open is left out, not fatal. */
  list(): SavedNotesFile[] {
    if (!fs.existsSync(this.dir)) return [];
    const found: SavedNotesFile[] = [];
    for (const folder of fs.readdirSync(this.dir, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      for (const name of fs.readdirSync(path.join(this.dir, folder.name))) {
        if (!name.endsWith(extension)) continue;
        const id = `${folder.name}/${name.slice(0, -extension.length)}`;
        const opened = this.open(id);
        if (opened) found.push({ id, fileName: opened.fileName, savedAt: opened.savedAt });
      }
    }
    return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt) || a.fileName.localeCompare(b.fileName));
  }

  read(id: string): { file: ExportedFile; meetingId: string | null } {
    const opened = this.open(id);
    if (!opened) throw new CoreError('NOT_FOUND', `No saved notes ${id}`);
    return { file: { fileName: opened.fileName, mimeType: opened.mimeType, data: opened.data }, meetingId: opened.meetingId };
  }

  private open(id: string): z.infer<typeof Sealed> | null {
    const [folder, name] = id.split('/');
    // Only names this class makes: nothing outside the notes folder is ever read.
    if (!folder || !name || !/^[A-Za-z0-9-]+$/.test(folder) || !/^[0-9a-f-]{36}$/.test(name)) return null;
    const file = path.join(this.dir, folder, `${name}${extension}`);
    if (!fs.existsSync(file)) return null;
    const bytes = fs.readFileSync(file);
    if (bytes.length < magic.length + saltBytes + headerBytes || !bytes.subarray(0, magic.length).equals(magic)) return null;
    const key = savedNotesKey(this.key, bytes.subarray(magic.length, magic.length + saltBytes));
    try {
      const plain = decryptDocument(key, bytes.subarray(magic.length + saltBytes));
      if (!plain) return null;
      const parsed = Sealed.safeParse(JSON.parse(plain.toString('utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      // Altered, cut short, or sealed under another data key.
      return null;
    }
  }
}
