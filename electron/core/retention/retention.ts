import fs from 'node:fs';
import path from 'node:path';
import type { RetentionPreview, RetentionResult } from '../../../shared/api/contracts/retention';
import type { ExportedFile } from '../../../shared/annotations/schema';
import { checkIntegrity, type Db } from '../db/database';
import { CoreError } from '../errors';
import { londonDate } from '../home/homeRepository';
import type { DocumentStore } from '../packs/documentStore';

/** The device_settings key recording which meetings lost their papers to retention, and when. */
const removedKey = 'retention_removed';

/** `today` minus `months`, the day clamped to the end of a shorter month (31 August - 6 = 28/29 February). */
export function retentionCutoff(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

interface Deps {
  db: Db;
  store: DocumentStore;
  clock: () => Date;
  memberId: () => string;
  /** The member's notes on one meeting as Markdown (the annotation export). */
  exportNotes: (memberId: string, meetingId: string) => Promise<ExportedFile>;
  /** Where saved notes go: a dated folder is made inside it. */
  notesDir: string;
}

/**
 * Deletes stored papers under the member's retention setting. The meeting rows and everything that
 * is the meeting's record (declarations, attendance, outcomes, actions, comments, minutes, history)
 * stay. Annotations are anchored to a pack version, so they go with it; the member's own are saved
 * as Markdown first when they asked. Questions are kept (they belong to an item number, not a page).
 * Deletions are local housekeeping: nothing enters the outbox, so other devices keep their copies.
 */
export class Retention {
  constructor(private readonly deps: Deps) {}

  private meetingsBefore(cutoff: string): { id: string }[] {
    return this.deps.db.prepare<[string], { id: string }>('SELECT DISTINCT m.id FROM meetings m JOIN packs p ON p.meeting_id = m.id WHERE m.date < ? ORDER BY m.date, m.id').all(cutoff);
  }

  preview(months: number): RetentionPreview {
    const { db } = this.deps;
    const cutoff = retentionCutoff(londonDate(this.deps.clock()), months);
    const meetings = this.meetingsBefore(cutoff).length;
    const packs = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM packs p JOIN meetings m ON m.id = p.meeting_id WHERE m.date < ?').get(cutoff)?.n ?? 0;
    const bytes = db
      .prepare<[string, string], { n: number }>(
        `SELECT coalesce(sum(d.byte_size), 0) AS n FROM documents d
          WHERE d.sha256 IN (SELECT p.document_sha256 FROM packs p JOIN meetings m ON m.id = p.meeting_id WHERE m.date < ?)
            AND d.sha256 NOT IN (SELECT p.document_sha256 FROM packs p JOIN meetings m ON m.id = p.meeting_id WHERE m.date >= ?)`,
      )
      .get(cutoff, cutoff)?.n ?? 0;
    const member = this.deps.memberId();
    const notes =
      db
        .prepare<[string, string, string, string], { n: number }>(
          `SELECT (SELECT count(*) FROM annotations a JOIN meetings m ON m.id = a.meeting_id WHERE m.date < ? AND a.author_member_id = ? AND a.deleted_at IS NULL
                     AND EXISTS (SELECT 1 FROM packs p WHERE p.meeting_id = m.id))
                + (SELECT count(*) FROM questions q JOIN meetings m ON m.id = q.meeting_id WHERE m.date < ? AND q.author_member_id = ? AND q.deleted_at IS NULL
                     AND EXISTS (SELECT 1 FROM packs p WHERE p.meeting_id = m.id)) AS n`,
        )
        .get(cutoff, member, cutoff, member)?.n ?? 0;
    return { cutoff, meetings, packs, bytes, notes };
  }

  async apply(months: number, exportNotes: boolean): Promise<RetentionResult> {
    const { db, store } = this.deps;
    const preview = this.preview(months);
    const meetingIds = this.meetingsBefore(preview.cutoff).map((m) => m.id);
    if (meetingIds.length === 0) return { ...preview, notesFolder: null, notesFiles: 0 };

    // Notes are written (and fsynced) before anything is deleted: if saving fails, nothing goes.
    let notesFolder: string | null = null;
    let notesFiles = 0;
    if (exportNotes && preview.notes > 0) {
      const member = this.deps.memberId();
      const stamp = this.deps.clock().toISOString().replace(/[:.]/g, '-');
      notesFolder = path.join(this.deps.notesDir, `before-retention-${stamp}`);
      fs.mkdirSync(notesFolder, { recursive: true });
      const hasNotes = db.prepare<[string, string, string, string], { n: number }>(
        `SELECT (SELECT count(*) FROM annotations WHERE meeting_id = ? AND author_member_id = ? AND deleted_at IS NULL)
              + (SELECT count(*) FROM questions WHERE meeting_id = ? AND author_member_id = ? AND deleted_at IS NULL) AS n`,
      );
      for (const meetingId of meetingIds) {
        if ((hasNotes.get(meetingId, member, meetingId, member)?.n ?? 0) === 0) continue;
        const file = await this.deps.exportNotes(member, meetingId);
        const target = uniqueName(notesFolder, file.fileName);
        const fd = fs.openSync(target, 'wx', 0o600);
        try {
          fs.writeSync(fd, Buffer.from(file.data, 'base64'));
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        notesFiles++;
      }
    }

    const removedAt = this.deps.clock().toISOString();
    const orphaned = db.transaction(() => {
      const shas = new Set<string>();
      const packsOf = db.prepare<[string], { id: string; sha: string }>('SELECT id, document_sha256 AS sha FROM packs WHERE meeting_id = ?');
      for (const meetingId of meetingIds) {
        for (const pack of packsOf.all(meetingId)) shas.add(pack.sha);
        // Annotations reference a pack version without cascading; questions keep their text (SET NULL).
        db.prepare('DELETE FROM annotations WHERE meeting_id = ?').run(meetingId);
        // Pages, the search index, geometry and agenda items cascade from the pack.
        db.prepare('DELETE FROM packs WHERE meeting_id = ?').run(meetingId);
      }
      const unused: string[] = [];
      for (const sha of shas) {
        const used = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM packs WHERE document_sha256 = ?').get(sha)?.n ?? 0;
        if (used > 0) continue;
        db.prepare('UPDATE moderngov_documents SET document_sha256 = NULL WHERE document_sha256 = ?').run(sha);
        // Sync must not fetch it again, and must not claim it is stored.
        db.prepare("UPDATE sync_documents SET stored_at = NULL, received = 0, error = 'removed under retention' WHERE sha256 = ?").run(sha);
        db.prepare('DELETE FROM documents WHERE sha256 = ?').run(sha);
        unused.push(sha);
      }
      const removed = this.removedMap();
      for (const meetingId of meetingIds) removed[meetingId] = removedAt;
      db.prepare('INSERT INTO device_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(removedKey, JSON.stringify(removed));
      return unused;
    })();
    // Files go only after the rows are committed: a crash in between leaves unreferenced files
    // (harmless, the next run of the store's sweep can remove them), never rows without files.
    for (const sha of orphaned) store.remove(sha);
    const integrity = checkIntegrity(db);
    if (!integrity.ok) throw new CoreError('INTERNAL', `After deleting papers the database fails its check: ${integrity.problems.slice(0, 3).join('; ')}`);
    return { ...preview, notesFolder, notesFiles };
  }

  removedAt(meetingId: string): string | null {
    const hasPack = this.deps.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM packs WHERE meeting_id = ?').get(meetingId)?.n ?? 0;
    // A pack imported again after retention brings the papers back: the mark no longer applies.
    if (hasPack > 0) return null;
    return this.removedMap()[meetingId] ?? null;
  }

  private removedMap(): Record<string, string> {
    const row = this.deps.db.prepare<[string], { value: string }>('SELECT value FROM device_settings WHERE key = ?').get(removedKey);
    if (!row) return {};
    try {
      const parsed: unknown = JSON.parse(row.value);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  }
}

function uniqueName(dir: string, fileName: string): string {
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? fileName : `${stem}-${n}${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}
