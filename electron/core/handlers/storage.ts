import fs from 'node:fs';
import path from 'node:path';
import type { storageOperations } from '../../../shared/api/contracts/storage';
import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';
import { CoreError } from '../errors';

export type StorageHandlers = Pick<Handlers, keyof typeof storageOperations>;

const sizeOf = (file: string): number => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

/** The handlers for storage and page text (shared/api/contracts/storage.ts). */
export function storageHandlers(db: Db, dataDir: string, databaseFile: string): StorageHandlers {
  const perMeeting = db.prepare<[], { meeting_id: string; title: string; committee: string; date: string; bytes: number; versions: number }>(
    `SELECT m.id AS meeting_id, m.title, m.committee, m.date, coalesce(sum(d.byte_size), 0) AS bytes, count(p.id) AS versions
       FROM meetings m JOIN packs p ON p.meeting_id = m.id JOIN documents d ON d.sha256 = p.document_sha256
      GROUP BY m.id ORDER BY bytes DESC, m.date DESC`,
  );
  const documents = db.prepare<[], { bytes: number }>('SELECT coalesce(sum(byte_size), 0) AS bytes FROM documents');
  const pageText = db.prepare<[string, number], { text: string }>('SELECT text FROM pack_pages WHERE pack_id = ? AND page_index = ?');
  return {
    getStorage: () => ({
      dataDir: path.resolve(dataDir),
      // The WAL holds recent writes not yet folded into the main file; both are on the disk.
      databaseBytes: sizeOf(databaseFile) + sizeOf(`${databaseFile}-wal`),
      documentsBytes: documents.get()?.bytes ?? 0,
      meetings: perMeeting.all().map((r) => ({ meetingId: r.meeting_id, title: r.title, committee: r.committee, date: r.date, bytes: r.bytes, versions: r.versions })),
    }),
    getPageText: ({ packId, pageIndex }) => {
      const row = pageText.get(packId, pageIndex);
      if (!row) throw new CoreError('NOT_FOUND', 'No such page in this pack');
      return { text: row.text };
    },
  };
}
