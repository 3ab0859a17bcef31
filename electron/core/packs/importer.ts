import { PackStructure, type StructureWarning } from '../../../shared/domain/pack';
import { maxUploadBytes, type PackImportResult } from '../../../shared/domain/import';
import { frontSheetMismatches } from '../../../shared/packs/frontSheetMatch';
import { parsePackStructure } from '../../../shared/packs/structure';
import type { Db } from '../db/database';
import type { JobContext } from '../jobs';
import type { DomainTransaction, DomainWriter } from '../repositories/domainWriter';
import type { MeetingsRepository } from '../meetings/repository';
import type { PacksRepository } from '../repositories/packs';
import { sha256Hex, type DocumentStore } from './documentStore';
import { ImportError } from './importError';
import { placePack } from './meetingForPack';
import type { ExtractedPage } from './extract';
import { agendaStructure, type AgendaOutline } from './join';
import type { Extractor } from './runExtraction';

/** The largest pack accepted, as the contract's upload limit (shared/domain/import.ts). */
export const maxPackBytes = maxUploadBytes;
/** Above this many pages the import still runs, with a warning that it will be slow to read. */
const veryLargePack = 1000;

/** Runs inside the import's transaction once a new version is written (annotations re-anchor here). */
export type NewVersionHook = (version: { meetingId: string; packId: string; pages: readonly ExtractedPage[] }, tx: DomainTransaction) => void;

export interface ImportOptions {
  /** Attach to this meeting instead of matching the front sheet's committee and date. */
  meetingId?: string | undefined;
  /**
   * The items as the publisher's agenda gives them (a pack joined from separate papers): used as
   * they are instead of guessing items from the text.
   */
  agenda?: AgendaOutline | undefined;
  /** Opens a password-protected PDF for this import only; the file is stored as published, still protected. */
  password?: string | undefined;
}

/**
 * Turns a PDF into a meeting's pack: extract text (worker thread), read the structure, store the
 * file by hash, then write document, meeting, pack version, pages (and so the search index), items
 * and outbox entries in one transaction. A failure or cancel at any point leaves nothing behind.
 */
export class PackImporter {
  constructor(
    private readonly db: Db,
    private readonly writer: DomainWriter,
    private readonly meetings: MeetingsRepository,
    private readonly packs: PacksRepository,
    private readonly store: DocumentStore,
    private readonly extract: Extractor,
    private readonly onNewVersion: NewVersionHook = () => undefined,
    /** Tests lower it to refuse a real pack as too large without writing half a gigabyte. */
    private readonly maxBytes: number = maxPackBytes,
  ) {}

  async import(bytes: Uint8Array, sourceName: string, options: ImportOptions, context: JobContext): Promise<PackImportResult> {
    context.progress('reading');
    if (bytes.length > this.maxBytes) throw new ImportError('FILE_TOO_LARGE', `The file is larger than ${Math.floor(this.maxBytes / 2 ** 20)} MiB`);
    const chosen = options.meetingId ? this.meetings.get(options.meetingId) : null;
    const sha256 = sha256Hex(bytes);

    context.progress('extracting', 0, 0);
    const extracted = await this.extract(bytes, (done, total) => context.progress('extracting', done, total), context.signal, options.password).catch((error: unknown) => {
      // pdf.js decides what is a PDF now (no stricter sniff of our own, in a worker or not); the refusal still names the file.
      if (error instanceof Error && (error as { code?: unknown }).code === 'NOT_A_PDF') throw new ImportError('NOT_A_PDF', `${sourceName} is not a PDF file`);
      throw error;
    });
    await this.breathe(context);

    context.progress('structuring', extracted.pageCount, extracted.pageCount);
    const parsed = parsePackStructure(extracted.pages);
    const warnings: StructureWarning[] = [...parsed.warnings];
    if (extracted.unreadablePages.length > 0) {
      const pages = extracted.unreadablePages.map((i) => i + 1).join(', ');
      warnings.push({ code: 'PAGES_UNREADABLE', detail: `PDF page${extracted.unreadablePages.length === 1 ? '' : 's'} ${pages} could not be read and imported with no text` });
    }
    if (extracted.pageCount > veryLargePack) {
      warnings.push({ code: 'VERY_LARGE_PACK', detail: `${extracted.pageCount} pages` });
    }
    if (chosen) warnings.push(...frontSheetMismatches(parsed.meeting, chosen));
    const structure = options.agenda ? agendaStructure(options.agenda, { ...parsed, warnings }) : PackStructure.parse({ ...parsed, warnings });
    await this.breathe(context);

    context.progress('saving', extracted.pageCount, extracted.pageCount);
    const newFile = this.store.put(sha256, bytes);
    try {
      await this.breathe(context);
      return this.save(sha256, bytes.length, sourceName, structure, extracted.pages, options, context);
    } catch (error) {
      // The transaction rolled back (or a cancel came first); drop the file too unless an earlier import still uses it.
      if (newFile && !this.documentReferenced(sha256)) this.store.remove(sha256);
      throw error;
    }
  }

  private save(
    sha256: string,
    byteSize: number,
    sourceName: string,
    read: PackStructure,
    pages: readonly ExtractedPage[],
    options: ImportOptions,
    context: JobContext,
  ): PackImportResult {
    return this.writer.write((tx) => {
      if (context.signal.aborted) throw new ImportError('CANCELLED', 'The import was cancelled');
      const { meetingId, structure } = options.meetingId ? { meetingId: options.meetingId, structure: read } : this.matchOrCreateMeeting(read);
      const latest = this.packs.latest(meetingId);
      // The same file again after retention cleared it brings the papers back as a new version.
      const cleared = latest !== null && this.packs.papersCleared(latest);
      if (latest && latest.document_sha256 === sha256 && !cleared) {
        return {
          meetingId,
          packId: latest.id,
          version: latest.version,
          pageCount: latest.page_count,
          alreadyImported: true,
          structure,
          changes: [],
        };
      }
      const version = (latest?.version ?? 0) + 1;
      const pageTexts = pages.map((p) => p.text);
      const packId = this.packs.insertVersion({ meetingId, version, sha256, byteSize, sourceName, structure, pageTexts }, tx);
      this.onNewVersion({ meetingId, packId, pages }, tx);
      return {
        meetingId,
        packId,
        version,
        pageCount: pageTexts.length,
        alreadyImported: false,
        structure,
        // A cleared version has no text to compare with: its papers were deleted, not republished.
        changes: latest && !cleared ? this.packs.compare(latest.id, packId) : [],
      };
    });
  }

  /**
   * Lets the core's event loop run between the import's synchronous steps (structure, storing the
   * file, the transaction), so calls waiting on the core are answered between them rather than after all of
   * them; a cancel that arrived meanwhile stops the import here.
   */
  private async breathe(context: JobContext): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (context.signal.aborted) throw new ImportError('CANCELLED', 'The import was cancelled');
  }

  /** A pack naming the committee and date of a meeting we hold is a new version of its pack; see placePack. */
  private matchOrCreateMeeting(structure: PackStructure): { meetingId: string; structure: PackStructure } {
    const placement = placePack(structure.meeting, this.packs);
    if (placement.kind === 'existing') return { meetingId: placement.meetingId, structure };
    const meetingId = this.meetings.create(placement.meeting).id;
    return { meetingId, structure: { ...structure, warnings: [...structure.warnings, ...placement.warnings] } };
  }

  private documentReferenced(sha256: string): boolean {
    return this.db.prepare('SELECT 1 FROM packs WHERE document_sha256 = ? LIMIT 1').get(sha256) !== undefined;
  }
}
