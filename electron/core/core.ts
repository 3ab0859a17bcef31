import { auditHandlers } from './audit/handlers';
import { homeHandlers } from './home/handlers';
import { storageHandlers } from './storage/handlers';
import { backupHandlers } from './backup/handlers';
import { savedNotesDir } from './backup/backup';
import { Retention } from './retention/retention';
import { SavedNotes } from './retention/savedNotes';
import fs from 'node:fs';
import path from 'node:path';
import type { PackImportResult } from '../../shared/domain/import';
import { databaseFileName, openDatabase, type Db } from './db/database';
import { createDispatcher, type Dispatcher, type Handlers, type Logger } from './dispatcher';
import { CoreError } from './errors';
import { moderngovHandlers } from './moderngov/handlers';
import { meetingHandlers } from './meeting/handlers';
import { minutesHandlers } from './minutes/handlers';
import { syncService, type SyncTuning } from './sync/service';
import type { SyncEngine } from './sync/engine';
import { Jobs } from './jobs';
import type { SiteHttpOptions } from './moderngov/http';
import { ModernGovRepository } from './moderngov/repository';
import { ModernGovSync, type PackRepublished } from './moderngov/sync';
import { DocumentStore } from './packs/documentStore';
import { ImportError, toImportErrorCode } from './packs/importError';
import { PackImporter, type ImportOptions, type NewVersionHook } from './packs/importer';
import { PageRasters, workerRasterDrawer, type RasterDrawer } from './packs/pageRasters';
import { membershipImportHook } from './members/publishedMembership';
import { workerExtractor, type Extractor } from './packs/runExtraction';
import { Uploads } from './packs/uploads';
import { PageGeometryStore } from './annotations/geometry';
import { annotationHandlers, annotationImportHook, notesExport } from './annotations/handlers';
import { declarationHandlers } from './declarations/handlers';
import { memberHandlers } from './members/handlers';
import { MeetingAccess } from './meetings/access';
import { DomainWriter } from './repositories/domainWriter';
import { MeetingsRepository } from './meetings/repository';
import { PacksRepository } from './repositories/packs';
import { SettingsRepository } from './repositories/settings';
import { AppLock } from './security/appLock';
import { resolveDataKey, type DataKey } from './security/keyStore';
import { openOsKeyring, type OsKeyring } from './security/osKeyring';
import { startAfterWipe } from './sync/wipe';
import { appVersion } from '../../node/version';
import { PapersOnDemand } from './papers/onDemand';
import { ActingMember } from './identity/identity';
import { identityHandlers } from './identity/handlers';
import { readerHandlers } from './reader/readingPlaces';

export interface CoreOptions {
  dataDir: string;
  /** The built dist/ folder: worker entries and bundled sample packs live there. */
  distDir: string;
  clock?: () => Date;
  log?: Logger;
  /** Replaces the worker-thread extractor (benchmarks compare the two). */
  extractor?: Extractor;
  /** Replaces the worker thread that draws page pictures after import. */
  rasterDrawer?: RasterDrawer;
  maxPages?: number;
  /** The largest pack file imported (default maxPackBytes); tests lower it. */
  maxPackBytes?: number;
  /** The data key (the Electron app unwraps it with safeStorage); otherwise a passphrase unlocks it. */
  key?: DataKey;
  /** Overrides CHAMBER_DB_PASSPHRASE; a terminal prompt passes what was typed here. */
  passphrase?: string;
  /** Limits for Modern.gov requests (tests lower them). */
  moderngovHttp?: SiteHttpOptions;
  /** Told when a Modern.gov fetch republished a meeting's pack: where annotation re-anchoring (issue 4) plugs in. */
  onPackRepublished?: PackRepublished;
  /** Sync with the signed-in endpoint now and then every this many ms (the app and host; not the CLI). */
  syncIntervalMs?: number;
  /** Batch, page and retry sizes of the sync engine (tests make them small to cross many requests). */
  syncTuning?: SyncTuning;
  /** Apply the member's retention setting once opened (the app and the browser host; not the CLI). */
  applyRetentionOnOpen?: boolean;
  /** Where retention saves the member's notes before deleting papers (default: <data>/saved-notes). */
  notesDir?: string;
  /** The OS key store a remote wipe removes this directory's key from (default: the machine's own, if any). */
  keyring?: () => Promise<OsKeyring | undefined>;
}

export interface Core extends Dispatcher {
  readonly dataDir: string;
  readonly jobs: Jobs;
  readonly sync: SyncEngine;
  /** For the command line: import a file from disk and wait for the result. */
  importPackFile(file: string, options?: ImportOptions, onProgress?: (done: number, total: number) => void): Promise<PackImportResult>;
  /** Makes page 1's picture of every pack that lacks one and resolves when done (the command line waits for it before exiting). */
  pagePictures(): Promise<void>;
  close(): void;
}

export const defaultMaxPages = 5000;

/** Opens the data directory and wires repositories to the contract's handler map. */
export function openCore(options: CoreOptions): Core {
  const key = resolveDataKey(options.dataDir, { key: options.key, passphrase: options.passphrase });
  const wipedBefore = startAfterWipe(options.dataDir);
  const { db, schemaVersion } = openDatabase(path.join(options.dataDir, databaseFileName), key);
  const writer = new DomainWriter(db, options.clock);
  const meetings = new MeetingsRepository(db, writer);
  const settings = new SettingsRepository(db);
  const packs = new PacksRepository(db);
  const access = new MeetingAccess(db);
  const store = new DocumentStore(path.join(options.dataDir, 'documents'), key);
  const legacy = store.encryptLegacyFiles();
  if (legacy.encrypted > 0 || legacy.skipped.length > 0) options.log?.('encrypted documents stored before encryption', legacy);
  const uploads = new Uploads(path.join(options.dataDir, 'uploads'));
  const jobs = new Jobs();
  const appLock = new AppLock(db, options.clock);
  // The core's pool of extraction workers (none start until an import needs them), stopped with the core.
  const extractionPool = workerExtractor(path.join(options.distDir, 'core', 'extract-worker.mjs'), options.maxPages ?? defaultMaxPages);
  const extractor = options.extractor ?? extractionPool;
  const geometry = new PageGeometryStore(db);
  // Every new pack version, from a file or from Modern.gov, stores its page geometry and re-anchors
  // the meeting's annotations in the same transaction.
  const reanchor = annotationImportHook({ db, geometry });
  const clock = options.clock ?? (() => new Date());
  // Who uses this device decides whether the roles a pack gives travel (publishedMembership.ts).
  const acting = new ActingMember(db, clock);
  const adoptMembership = membershipImportHook(db, () => acting.id());
  const onNewVersion: NewVersionHook = (version, tx) => {
    reanchor(version, tx);
    adoptMembership(version, tx);
  };
  const importer = new PackImporter(db, writer, meetings, packs, store, extractor, onNewVersion, options.maxPackBytes);
  const moderngovRepo = new ModernGovRepository(db);
  const moderngov = new ModernGovSync(db, writer, moderngovRepo, packs, store, extractor, clock, options.moderngovHttp, options.onPackRepublished, onNewVersion);

  const rasters = new PageRasters(db, store, options.rasterDrawer ?? workerRasterDrawer(path.join(options.distDir, 'core', 'raster-worker.mjs')), options.log);
  const startImport = (read: () => { fileName: string; bytes: Uint8Array }, importOptions: ImportOptions) =>
    jobs.start(async (context) => {
      const { fileName, bytes } = read();
      const result = await importer.import(bytes, fileName, importOptions, context);
      // After the import is done and reported: page 1's picture is made in the background.
      if (!result.alreadyImported) void rasters.sweep();
      return result;
    });

  const notesDir = options.notesDir ?? path.join(options.dataDir, savedNotesDir);
  const sync = syncService(
    db,
    { dataDir: options.dataDir, documentsDir: path.join(options.dataDir, 'documents'), notesDir, keyring: options.keyring ?? (() => openOsKeyring()) },
    clock,
    async (bytes, fileName, meetingId, agenda) => {
      const finished = await jobs.wait(startImport(() => ({ fileName, bytes }), { meetingId, agenda }).id);
      if (!finished.result) throw new ImportError(toImportErrorCode(finished.error?.code, 'IMPORT_FAILED'), finished.error?.message ?? 'The import failed');
    },
    options.log,
    options.syncTuning,
  );
  // Started again after a remote wipe: the member is told why everything is gone.
  if (wipedBefore) sync.store.set('wiped_reason', 'revoked');

  const papersOnDemand = new PapersOnDemand({ db, access, engine: sync.engine, downloads: sync.downloads, moderngov });
  const annotationOps = annotationHandlers({ db, writer, geometry, access, meetings, packs, store, gate: sync.gate, actingMemberId: () => acting.id(), memberName: (id) => acting.nameOf(id) });
  const exportNotes = notesExport({ db, writer, geometry, access, meetings, packs, store, memberName: (id) => acting.nameOf(id) });
  const savedNotes = new SavedNotes(notesDir, key);
  const legacyNotes = savedNotes.encryptLegacyFiles();
  if (legacyNotes > 0) options.log?.('encrypted notes saved before encryption', { files: legacyNotes });
  const retention = new Retention({
    db,
    access,
    store,
    clock,
    memberId: () => acting.id(),
    exportNotes: (memberId, meetingId) => exportNotes(memberId, meetingId, 'md'),
    notesDir,
    savedNotes,
  });

  const handlers: Handlers = {
    getAppLockStatus: () => appLock.status(),
    configureAppLock: (change) => appLock.configure(change),
    lockApp: () => appLock.lock(),
    unlockApp: ({ pin }) => appLock.unlock(pin),
    getAppInfo: () => ({ version: appVersion, schemaVersion, dataDir: options.dataDir }),
    listMeetings: () => meetings.list(),
    getMeeting: ({ id }) => meetings.get(id),
    createMeeting: (input) => meetings.create(input),
    getSettings: () => settings.get(),
    updateSettings: (change) => settings.update(change),
    beginUpload: ({ fileName, byteSize }) => ({ uploadId: uploads.begin(fileName, byteSize) }),
    uploadChunk: ({ uploadId, offset, data }) => ({ received: uploads.append(uploadId, offset, data) }),
    startPackImport: ({ uploadId, meetingId, password }) => {
      const upload = uploads.take(uploadId);
      return { jobId: startImport(() => upload, { meetingId, password }).id };
    },
    openSamplePack: () => ({ jobId: startImport(() => readSamplePack(options.distDir), {}).id }),
    getJob: ({ jobId }) => jobs.get(jobId),
    cancelJob: ({ jobId }) => jobs.cancel(jobId),
    getMeetingPack: ({ meetingId, version }) => {
      meetings.get(meetingId);
      return packs.get(meetingId, version);
    },
    readDocument: ({ sha256, offset, length }) => {
      sync.gate.requirePaper(sha256);
      const { data, total } = store.read(sha256, offset, length);
      return { data: data.toString('base64'), total };
    },
    searchPacks: ({ query, limit, offset, packId }) => packs.search(query, limit, { offset, packId: packId ?? null, withoutRestricted: sync.gate.closed() }),
    ...memberHandlers({ db, writer, access }),
    ...declarationHandlers({ db, writer, access }),
    ...moderngovHandlers(moderngovRepo, moderngov, clock, options.moderngovHttp),
    ...annotationOps,
    ...meetingHandlers(db, writer, options.clock ?? (() => new Date()), sync.gate),
    ...minutesHandlers(db, writer, options.clock ?? (() => new Date()), sync.gate),
    ...auditHandlers(db),
    ...homeHandlers(db, meetings, options.clock ?? (() => new Date())),
    ...storageHandlers(db, options.dataDir, path.join(options.dataDir, databaseFileName), sync.gate),
    ...backupHandlers(db, options.dataDir, key, schemaVersion),
    previewRetention: ({ months }) => retention.preview(months),
    applyRetention: ({ months, exportNotes }) => retention.apply(months, exportNotes),
    getPapersRemoved: ({ meetingId }) => ({ removedAt: retention.removedAt(meetingId) }),
    listSavedNotes: () => savedNotes.list(),
    readSavedNotes: ({ id }) => {
      const { file, meetingId } = savedNotes.read(id);
      if (meetingId !== null) sync.gate.requireMeeting(meetingId, 'all', 'These saved notes');
      return file;
    },
    ...sync.handlers,
    startPapersDownload: ({ meetingId }) => papersOnDemand.start(meetingId),
    getPapersDownload: ({ meetingId }) => papersOnDemand.get(meetingId),
    ...identityHandlers(acting),
    ...readerHandlers(db, acting, { store, rasters, gate: sync.gate }),
  };
  if (options.syncIntervalMs !== undefined) sync.engine.start(options.syncIntervalMs);
  if (options.applyRetentionOnOpen) {
    const { retentionMonths, retentionExportNotes } = settings.get();
    if (retentionMonths > 0) {
      // In the background: start-up does not wait for it, and a failure leaves the papers in place.
      retention.apply(retentionMonths, retentionExportNotes).then(
        (result) => {
          if (result.packs > 0) options.log?.('deleted papers under the retention setting', result);
        },
        (error: unknown) => options.log?.('retention failed; nothing was deleted', String(error)),
      );
    }
  }

  const dispatcher = createDispatcher(appLock.guard(handlers), options.log, (claimed) => acting.check(claimed));
  return {
    ...dispatcher,
    dataDir: options.dataDir,
    jobs,
    sync: sync.engine,
    importPackFile: async (file, importOptions = {}, onProgress) => {
      const bytes = readFileOrFail(file);
      const job = jobs.start((context) =>
        importer.import(bytes, path.basename(file), importOptions, {
          signal: context.signal,
          progress: (phase, done, total) => {
            context.progress(phase, done, total);
            if (phase === 'extracting' && total) onProgress?.(done ?? 0, total);
          },
        }),
      );
      const finished = await jobs.wait(job.id);
      if (finished.result) {
        if (!finished.result.alreadyImported) void rasters.sweep();
        return finished.result;
      }
      throw new ImportError(toImportErrorCode(finished.error?.code, 'IMPORT_FAILED'), finished.error?.message ?? 'The import failed', finished.error?.fields);
    },
    pagePictures: () => rasters.sweep(),
    close: () => {
      rasters.close();
      sync.engine.stop();
      extractionPool.close();
      closeDb(db);
    },
  };
}

/** The sample pack the app offers to newcomers: the 17 January 2022 pack built from the seeds. */
function readSamplePack(distDir: string): { fileName: string; bytes: Uint8Array } {
  const dir = path.join(distDir, 'sample-packs');
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new ImportError('SAMPLE_PACK_MISSING', 'The sample packs were not built (run npm run build)');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { packs: { file: string; meeting: { date: string } | null; revisions?: unknown }[] };
  const pack = manifest.packs.find((p) => p.meeting?.date === '2022-01-17' && !p.revisions);
  if (!pack) throw new ImportError('SAMPLE_PACK_MISSING', 'The sample pack is missing from the manifest');
  return { fileName: pack.file, bytes: fs.readFileSync(path.join(dir, pack.file)) };
}

function readFileOrFail(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new CoreError('NOT_FOUND', `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function closeDb(db: Db): void {
  if (db.open) db.close();
}
