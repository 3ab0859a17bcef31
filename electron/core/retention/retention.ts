import path from 'node:path';
import { z } from 'zod';
import type { RetentionPreview, RetentionResult } from '../../../shared/api/contracts/retention';
import type { ExportedFile } from '../../../shared/annotations/schema';
import { checkIntegrity, type Db } from '../db/database';
import { CoreError } from '../errors';
import type { MeetingAccess } from '../meetings/access';
import { londonDate } from '../home/homeRepository';
import type { DocumentStore } from '../packs/documentStore';
import type { SavedNotes } from './savedNotes';

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
  access: MeetingAccess;
  store: DocumentStore;
  clock: () => Date;
  memberId: () => string;
  /** The member's notes on one meeting as Markdown (the annotation export). */
  exportNotes: (memberId: string, meetingId: string) => Promise<ExportedFile>;
  /** Where saved notes go: a dated folder is made inside it. */
  notesDir: string;
  /** Seals each saved file under the data key. */
  savedNotes: SavedNotes;
}

/**
 * Deletes stored papers under the member's retention setting. The meeting rows and everything that
 * is the meeting's record (declarations, attendance, outcomes, actions, comments, minutes, history)
 * stay, and so does the agenda itself: the latest pack version's row and its agenda items, which
 * the minutes, the declarations and the live agenda are built on (a small table, not the papers).
 * What goes: the PDFs, every older pack version, the page text and search index, page geometry, and
 * annotations (anchored to pages that are gone; the member's own are saved as Markdown first when
 * they asked). Questions stay: they belong to an item number, not a page.
 * Deletions are local housekeeping: nothing enters the outbox, so other devices keep their copies.
 */
export class Retention {
  constructor(private readonly deps: Deps) {}

  /** Meetings before the cutoff that still hold papers (not already cleared, or re-imported since). */
  private candidates(cutoff: string): string[] {
    const ids = this.deps.db.prepare<[string], { id: string }>('SELECT DISTINCT m.id FROM meetings m JOIN packs p ON p.meeting_id = m.id WHERE m.date < ? ORDER BY m.date, m.id').all(cutoff);
    return ids.map((r) => r.id).filter((id) => this.removedAt(id) === null);
  }

  /** Pack ids whose papers are gone: their rows stay only as the agenda of record. */
  private clearedPackIds(): Set<string> {
    return new Set(Object.values(this.removedMap()).map((r) => r.packId));
  }

  /** Documents of these meetings that no other meeting's live pack still needs. */
  private freedDocuments(meetingIds: readonly string[]): { sha: string; bytes: number }[] {
    const { db } = this.deps;
    const chosen = new Set(meetingIds);
    const cleared = this.clearedPackIds();
    const rows = db.prepare<[], { id: string; meeting_id: string; sha: string; bytes: number }>('SELECT p.id, p.meeting_id, p.document_sha256 AS sha, d.byte_size AS bytes FROM packs p JOIN documents d ON d.sha256 = p.document_sha256').all();
    const needed = new Set(rows.filter((r) => !chosen.has(r.meeting_id) && !cleared.has(r.id)).map((r) => r.sha));
    const freed = new Map<string, number>();
    for (const r of rows) if (chosen.has(r.meeting_id) && !needed.has(r.sha)) freed.set(r.sha, r.bytes);
    return [...freed].map(([sha, bytes]) => ({ sha, bytes }));
  }

  preview(months: number): RetentionPreview {
    const { db } = this.deps;
    const cutoff = retentionCutoff(londonDate(this.deps.clock()), months);
    const meetingIds = this.candidates(cutoff);
    const countPacks = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM packs WHERE meeting_id = ?');
    const member = this.deps.memberId();
    const countNotes = this.notesCount();
    let packs = 0;
    let notes = 0;
    for (const id of meetingIds) {
      packs += countPacks.get(id)?.n ?? 0;
      notes += countNotes.get(id, member, id, member)?.n ?? 0;
    }
    const bytes = this.freedDocuments(meetingIds).reduce((sum, d) => sum + d.bytes, 0);
    return { cutoff, meetings: meetingIds.length, packs, bytes, notes };
  }

  private notesCount() {
    return this.deps.db.prepare<[string, string, string, string], { n: number }>(
      `SELECT (SELECT count(*) FROM annotations WHERE meeting_id = ? AND author_member_id = ? AND deleted_at IS NULL)
            + (SELECT count(*) FROM questions WHERE meeting_id = ? AND author_member_id = ? AND deleted_at IS NULL) AS n`,
    );
  }

  async apply(months: number, exportNotes: boolean): Promise<RetentionResult> {
    const { db, store } = this.deps;
    const preview = this.preview(months);
    const meetingIds = this.candidates(preview.cutoff);
    if (meetingIds.length === 0) return { ...preview, notesFolder: null, notesFiles: 0 };

    // Notes are written (and fsynced) before anything is deleted: if saving fails, nothing goes.
    let notesFolder: string | null = null;
    let notesFiles = 0;
    if (exportNotes && preview.notes > 0) {
      const member = this.deps.memberId();
      const savedAt = this.deps.clock().toISOString();
      const folder = `before-retention-${savedAt.replace(/[:.]/g, '-')}`;
      notesFolder = path.join(this.deps.notesDir, folder);
      const countNotes = this.notesCount();
      for (const meetingId of meetingIds) {
        if ((countNotes.get(meetingId, member, meetingId, member)?.n ?? 0) === 0) continue;
        this.deps.savedNotes.save(folder, await this.deps.exportNotes(member, meetingId), savedAt, meetingId);
        notesFiles++;
      }
    }

    const removedAt = this.deps.clock().toISOString();
    const filesToRemove = db.transaction(() => {
      const freed = this.freedDocuments(meetingIds).map((d) => d.sha);
      const removed = this.removedMap();
      for (const meetingId of meetingIds) {
        const latest = this.deps.access.latestPack(meetingId);
        if (!latest) continue;
        // Annotations reference a pack version without cascading; questions keep their text (SET NULL).
        db.prepare('DELETE FROM annotations WHERE meeting_id = ?').run(meetingId);
        // Older versions go whole: their pages, search index, geometry and items cascade.
        db.prepare('DELETE FROM packs WHERE meeting_id = ? AND id <> ?').run(meetingId, latest.id);
        // The latest keeps its row and agenda items; its pages (and so the search index) go.
        db.prepare('DELETE FROM pack_pages WHERE pack_id = ?').run(latest.id);
        db.prepare('DELETE FROM pack_page_geometry WHERE pack_id = ?').run(latest.id);
        removed[meetingId] = { at: removedAt, packId: latest.id };
      }
      for (const sha of freed) {
        // Sync must not fetch it again, nor claim it is stored.
        db.prepare("UPDATE sync_documents SET stored_at = NULL, received = 0, error = 'removed under retention' WHERE sha256 = ?").run(sha);
        const stillNamed = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM packs WHERE document_sha256 = ?').get(sha)?.n ?? 0;
        // A document row named by a kept agenda stays as the record of what the pack was (size, pages).
        if (stillNamed > 0) continue;
        db.prepare('UPDATE moderngov_documents SET document_sha256 = NULL WHERE document_sha256 = ?').run(sha);
        db.prepare('DELETE FROM documents WHERE sha256 = ?').run(sha);
      }
      db.prepare('INSERT INTO device_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(removedKey, JSON.stringify(removed));
      return freed;
    })();
    // Files go only after the rows are committed: a crash in between leaves an unneeded file on
    // disk (harmless, and cleared by the next run), never a live pack without its file.
    for (const sha of filesToRemove) store.remove(sha);
    // Deleted rows only put their pages on SQLite's free list; a member clearing old papers expects
    // the space back (Settings > Storage shows it). VACUUM rewrites the file, still encrypted, and
    // the checkpoint moves the rewrite out of the WAL so the files on disk really shrink.
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const integrity = checkIntegrity(db);
    if (!integrity.ok) throw new CoreError('INTERNAL', `After deleting papers the database fails its check: ${integrity.problems.slice(0, 3).join('; ')}`);
    return { ...preview, notesFolder, notesFiles };
  }

  /** When retention cleared this meeting's papers; null if it did not, or a pack was imported since. */
  removedAt(meetingId: string): string | null {
    const entry = this.removedMap()[meetingId];
    if (!entry) return null;
    return this.deps.access.latestPack(meetingId)?.id === entry.packId ? entry.at : null;
  }

  private removedMap(): Record<string, { at: string; packId: string }> {
    const row = this.deps.db.prepare<[string], { value: string }>('SELECT value FROM device_settings WHERE key = ?').get(removedKey);
    if (!row) return {};
    try {
      const parsed = RemovedMap.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }
}

const RemovedMap = z.record(z.string(), z.object({ at: z.string(), packId: z.string() }));
