import { meetingRunningOperations } from './contracts/meetingRunning';
import { z } from 'zod';
import { operation } from './operation';
import { appLockOperations } from './contracts/appLock';
import { Meeting, NewMeeting } from '../domain/meeting';
import { Settings } from '../domain/settings';
import { moderngovOperations } from './contracts/moderngov';
import { annotationOperations } from './contracts/annotations';
import { meetingOperations } from './contracts/meeting';
import { memberOperations } from './contracts/members';
import { declarationOperations } from './contracts/declarations';
import { minutesOperations } from './contracts/minutes';
import { auditOperations } from './contracts/audit';
import { homeOperations } from './contracts/home';
import { storageOperations } from './contracts/storage';
import { backupOperations } from './contracts/backup';
import { retentionOperations } from './contracts/retention';
import { syncOperations } from './contracts/sync';
import { papersOperations } from './contracts/papers';
import { identityOperations } from './contracts/identity';
import { readerOperations } from './contracts/reader';
import { BeginUploadInput, Job, JobId, MeetingPack, PdfPassword, SearchHit, Sha256, UploadChunkInput, UploadId } from '../domain/import';
import { MeetingId } from '../vocabulary';

/**
 * The whole API of Chamber's core, declared once. The IPC binding, the preload, the browser host,
 * the renderer client and the command line are all derived from this object, so adding an
 * operation here is the only place it has to be added.
 */

export const AppInfo = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const contract = {
  ...appLockOperations,
  getAppInfo: operation({
    summary: 'Version, schema version and data directory of this installation',
    input: z.object({}).strict(),
    output: AppInfo,
  }),
  listMeetings: operation({
    summary: 'All meetings, soonest first',
    input: z.object({}).strict(),
    output: z.array(Meeting),
  }),
  getMeeting: operation({
    summary: 'One meeting by id',
    input: z.object({ id: MeetingId }).strict(),
    output: Meeting,
  }),
  createMeeting: operation({
    summary: 'Create a meeting (queued for sync)',
    input: NewMeeting.strict(),
    output: Meeting,
  }),
  getSettings: operation({
    summary: 'Device-local preferences',
    input: z.object({}).strict(),
    output: Settings,
  }),
  updateSettings: operation({
    summary: 'Change device-local preferences',
    input: Settings.partial().strict(),
    output: Settings,
  }),
  beginUpload: operation({
    summary: 'Start sending a file (an agenda pack) to the core in chunks',
    input: BeginUploadInput,
    output: z.object({ uploadId: UploadId }),
  }),
  uploadChunk: operation({
    summary: 'Send the next chunk of an upload, in order',
    input: UploadChunkInput,
    output: z.object({ received: z.number().int().nonnegative() }),
  }),
  startPackImport: operation({
    summary: 'Import a finished upload as an agenda pack (runs as a job with progress)',
    input: z.object({ uploadId: UploadId, meetingId: z.uuid().optional(), password: PdfPassword.optional() }).strict(),
    output: z.object({ jobId: JobId }),
  }),
  openSamplePack: operation({
    summary: 'Import the bundled sample pack (17 January 2022) as a job',
    input: z.object({}).strict(),
    output: z.object({ jobId: JobId }),
  }),
  getJob: operation({
    summary: 'Progress and outcome of a long-running job',
    input: z.object({ jobId: JobId }).strict(),
    output: Job,
  }),
  cancelJob: operation({
    summary: 'Cancel a running job; nothing it started is left half-written',
    input: z.object({ jobId: JobId }).strict(),
    output: Job,
  }),
  getMeetingPack: operation({
    summary: "A meeting's agenda pack: items mapped to pages, printed page numbers, versions",
    input: z.object({ meetingId: z.uuid(), version: z.number().int().positive().optional() }).strict(),
    output: MeetingPack.nullable(),
  }),
  readDocument: operation({
    summary: 'A byte range of a stored PDF, base64 (for pdf.js range loading)',
    input: z.object({ sha256: Sha256, offset: z.number().int().nonnegative(), length: z.number().int().positive().max(4 * 1024 * 1024) }).strict(),
    output: z.object({ data: z.string(), total: z.number().int().nonnegative() }),
  }),
  searchPacks: operation({
    summary: 'Full-text search over every page of every pack (or of `packId` alone), best first; `offset` pages through the ranking',
    // offset + limit stays within the ranked candidates (electron/core/repositories/packSearch.ts).
    input: z
      .object({ query: z.string().trim().min(1).max(200), limit: z.number().int().positive().max(200).default(50), offset: z.number().int().nonnegative().max(800).default(0), packId: z.uuid().optional() })
      .strict(),
    output: z.array(SearchHit),
  }),

  ...memberOperations,
  ...declarationOperations,
  ...moderngovOperations,
  ...annotationOperations,
  ...meetingOperations,
  ...minutesOperations,
  ...auditOperations,
  ...homeOperations,
  ...storageOperations,
  ...backupOperations,
  ...retentionOperations,
  ...syncOperations,
  ...meetingRunningOperations,
  ...papersOperations,
  ...identityOperations,
  ...readerOperations,
};

export type Contract = typeof contract;
export type OperationName = keyof Contract;
/** What a caller may send (before defaults and trimming). */
export type InputOf<N extends OperationName> = z.input<Contract[N]['input']>;
/** What a handler receives, after validation. */
export type ParsedInputOf<N extends OperationName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends OperationName> = z.output<Contract[N]['output']>;

export const operationNames = Object.keys(contract) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The IPC channel for an operation; one namespace so the main process can refuse anything else. */
export const ipcChannel = (name: OperationName): string => `chamber:${name}`;
