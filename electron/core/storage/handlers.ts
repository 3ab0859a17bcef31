import fs from 'node:fs';
import path from 'node:path';
import type { MeetingStorage, storageOperations } from '../../../shared/api/contracts/storage';
import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';
import { CoreError } from '../errors';
import type { RestrictedGate } from '../security/restrictedGate';

export type StorageHandlers = Pick<Handlers, keyof typeof storageOperations>;

const sizeOf = (file: string): number => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

/** The handlers for storage and page text (shared/api/contracts/storage.ts). */
export function storageHandlers(db: Db, dataDir: string, databaseFile: string, gate: RestrictedGate): StorageHandlers {
  const perPack = db.prepare<[], { meeting_id: string; title: string; committee: string; date: string; sha: string; bytes: number }>(
    `SELECT m.id AS meeting_id, m.title, m.committee, m.date, d.sha256 AS sha, d.byte_size AS bytes
       FROM meetings m JOIN packs p ON p.meeting_id = m.id JOIN documents d ON d.sha256 = p.document_sha256`,
  );
  const documents = db.prepare<[], { sha: string; bytes: number }>('SELECT sha256 AS sha, byte_size AS bytes FROM documents');
  // Retention keeps a cleared meeting's agenda (and so its document row) but deletes the file: only
  // papers actually on this disk count.
  const stored = (sha: string) => fs.existsSync(path.join(dataDir, 'documents', sha.slice(0, 2), `${sha}.pdf`));
  const perMeeting = () => {
    const byMeeting = new Map<string, MeetingStorage>();
    for (const r of perPack.all()) {
      if (!stored(r.sha)) continue;
      const entry = byMeeting.get(r.meeting_id) ?? { meetingId: r.meeting_id, title: r.title, committee: r.committee, date: r.date, bytes: 0, versions: 0 };
      byMeeting.set(r.meeting_id, { ...entry, bytes: entry.bytes + r.bytes, versions: entry.versions + 1 });
    }
    return [...byMeeting.values()].sort((a, b) => b.bytes - a.bytes || b.date.localeCompare(a.date));
  };
  const pageText = db.prepare<[string, number], { text: string }>('SELECT text FROM pack_pages WHERE pack_id = ? AND page_index = ?');
  return {
    getStorage: () => ({
      dataDir: path.resolve(dataDir),
      // The WAL holds recent writes not yet folded into the main file; both are on the disk.
      databaseBytes: sizeOf(databaseFile) + sizeOf(`${databaseFile}-wal`),
      documentsBytes: documents
        .all()
        .filter((d) => stored(d.sha))
        .reduce((sum, d) => sum + d.bytes, 0),
      meetings: perMeeting(),
    }),
    getPageText: ({ packId, pageIndex }) => {
      const row = pageText.get(packId, pageIndex);
      if (!row) throw new CoreError('NOT_FOUND', 'No such page in this pack');
      gate.requirePage(packId, pageIndex);
      return { text: row.text };
    },
  };
}
