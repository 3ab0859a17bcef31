import { meetingRunningOperations } from './contracts/meetingRunning';
import { z } from 'zod';
import { appLockOperations } from './contracts/appLock';
import { Meeting, MeetingId, NewMeeting } from '../domain/meeting';
import { Settings } from '../domain/settings';
import { DeclarationDraft, InterestSuggestion, MemberId, RegisteredInterest } from '../declarations/schema';
import { DeclarationHistoryEntry, DeclarationId, MeetingRole, MeetingRoleName, Member, StoredDeclaration, StoredRegisteredInterest } from '../domain/interests';
import { moderngovOperations } from './contracts/moderngov';
import { annotationOperations } from './contracts/annotations';
import { meetingOperations, registerCsvOperations } from './contracts/meeting';
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

/**
 * The whole API of Chamber's core, declared once. The IPC binding, the preload, the browser host,
 * the renderer client and the command line are all derived from this object, so adding an
 * operation here is the only place it has to be added.
 */
function operation<I extends z.ZodType, O extends z.ZodType>(spec: { input: I; output: O; summary: string }) {
  return spec;
}

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

  // Declarations of interest. `actingMemberId` is who is using Chamber: a member acts for
  // themselves; the meeting's chair, vice-chair or clerk may act for anyone (else FORBIDDEN).
  listMembers: operation({
    summary: 'Everyone Chamber knows as a member, officer or clerk',
    input: z.object({}).strict(),
    output: z.array(Member),
  }),
  saveMember: operation({
    summary: 'Add a member or change their name (names are unique)',
    input: Member.strict(),
    output: Member,
  }),
  setMeetingRole: operation({
    summary: "Give a member a role at a meeting; once there is a chair, vice-chair or clerk only they may",
    input: z.object({ actingMemberId: MemberId, meetingId: MeetingId, memberId: MemberId, role: MeetingRoleName }).strict(),
    output: MeetingRole,
  }),
  listMeetingRoles: operation({
    summary: "Who is what at a meeting",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: z.array(MeetingRole),
  }),
  recordDeclaration: operation({
    summary: 'Record a declaration of interest, or change one (declarationId); checked against the rules (DECLARATION_INVALID)',
    input: z.object({ actingMemberId: MemberId, declarationId: DeclarationId.optional(), declaration: DeclarationDraft }).strict(),
    output: StoredDeclaration,
  }),
  listDeclarations: operation({
    summary: "A meeting's declarations in agenda order, withdrawn ones included (withdrawnAt)",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: z.array(StoredDeclaration),
  }),
  confirmDeclaration: operation({
    summary: 'The chair, vice-chair or clerk confirms a (pre-)declaration',
    input: z.object({ actingMemberId: MemberId, declarationId: DeclarationId }).strict(),
    output: StoredDeclaration,
  }),
  withdrawDeclaration: operation({
    summary: 'Take a declaration back (kept, with its history)',
    input: z.object({ actingMemberId: MemberId, declarationId: DeclarationId }).strict(),
    output: StoredDeclaration,
  }),
  getDeclarationHistory: operation({
    summary: 'Every change to a declaration, oldest first (append-only)',
    input: z.object({ declarationId: DeclarationId }).strict(),
    output: z.array(DeclarationHistoryEntry),
  }),
  listRegisteredInterests: operation({
    summary: "A member's register of interests",
    input: z.object({ memberId: MemberId }).strict(),
    output: z.array(StoredRegisteredInterest),
  }),
  saveRegisteredInterest: operation({
    summary: "Add an entry to a member's register, or change one (id); members keep their own, clerks anyone's",
    input: z.object({ actingMemberId: MemberId, id: z.uuid().optional(), interest: RegisteredInterest }).strict(),
    output: StoredRegisteredInterest,
  }),
  deleteRegisteredInterest: operation({
    summary: "Remove an entry from a member's register",
    input: z.object({ actingMemberId: MemberId, id: z.uuid() }).strict(),
    output: z.object({}),
  }),
  importRegisteredInterests: operation({
    summary: 'Import register entries from JSON (an array of registered interests), all or nothing',
    input: z.object({ actingMemberId: MemberId, json: z.string().min(1).max(2_000_000) }).strict(),
    output: z.object({ created: z.number().int().nonnegative(), updated: z.number().int().nonnegative() }),
  }),
  suggestInterests: operation({
    summary: "Registered interests that may relate to items of the meeting's latest pack (prompts only)",
    input: z.object({ meetingId: MeetingId, memberId: MemberId.optional() }).strict(),
    output: z.array(InterestSuggestion),
  }),
  ...moderngovOperations,
  ...annotationOperations,
  ...meetingOperations,
  ...registerCsvOperations,
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
