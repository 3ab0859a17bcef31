import { z } from 'zod';
import { MeetingField, PackItem, PackStructure, StructureWarning } from './pack';
import { MeetingId, UtcInstant } from '../vocabulary';

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Uploads cross the contract in chunks so IPC and HTTP carry the same small messages. */
export const maxUploadBytes = 512 * 1024 * 1024;
export const maxChunkBytes = 1024 * 1024;

export const BeginUploadInput = z
  .object({ fileName: z.string().trim().min(1).max(255), byteSize: z.number().int().positive().max(maxUploadBytes) })
  .strict();
export const UploadId = z.uuid();
export const UploadChunkInput = z
  .object({
    uploadId: UploadId,
    offset: z.number().int().nonnegative(),
    /** base64; at most maxChunkBytes once decoded. */
    data: z.string().max(Math.ceil((maxChunkBytes * 4) / 3) + 4),
  })
  .strict();

/**
 * The password of a protected PDF, given for one import and never stored. Not trimmed: a space can
 * be part of it. pdf.js reads at most 127 bytes of one (AES-256); the cap only keeps inputs small.
 */
export const PdfPassword = z.string().min(1).max(1024);

export const JobId = z.uuid();
export const jobStates = ['running', 'succeeded', 'failed', 'cancelled'] as const;

export const ImportPhase = z.enum(['reading', 'extracting', 'structuring', 'saving']);

export const ItemChange = z.object({
  number: z.string(),
  title: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
});

export const PackImportResult = z.object({
  meetingId: MeetingId,
  packId: z.uuid(),
  version: z.number().int().positive(),
  pageCount: z.number().int().nonnegative(),
  /** True when this exact file was already the latest version of the meeting's pack. */
  alreadyImported: z.boolean(),
  structure: PackStructure,
  /** Against the previous version, for republished packs and supplements. */
  changes: z.array(ItemChange),
});
export type PackImportResult = z.infer<typeof PackImportResult>;

export const JobError = z.object({
  code: z.string(),
  message: z.string(),
  /** PACK_NEEDS_MEETING: the meeting fields the front sheet did not give. */
  fields: z.array(MeetingField).optional(),
});

export const Job = z.object({
  id: JobId,
  kind: z.literal('pack-import'),
  state: z.enum(jobStates),
  phase: ImportPhase,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  result: PackImportResult.nullable(),
  error: JobError.nullable(),
});
export type Job = z.infer<typeof Job>;

export const PackVersion = z.object({
  packId: z.uuid(),
  version: z.number().int().positive(),
  importedAt: UtcInstant,
  sourceName: z.string(),
  pageCount: z.number().int().nonnegative(),
});

export const MeetingPack = z.object({
  meetingId: MeetingId,
  packId: z.uuid(),
  version: z.number().int().positive(),
  documentSha256: Sha256,
  byteSize: z.number().int().positive(),
  pageCount: z.number().int().nonnegative(),
  printedPageNumbers: z.array(z.number().int().positive().nullable()),
  items: z.array(PackItem),
  members: PackStructure.shape.meeting.shape.members,
  warnings: z.array(StructureWarning),
  versions: z.array(PackVersion),
  changes: z.array(ItemChange),
});
export type MeetingPack = z.infer<typeof MeetingPack>;

export const SearchHit = z.object({
  meetingId: MeetingId,
  meetingTitle: z.string(),
  meetingDate: z.string(),
  packId: z.uuid(),
  version: z.number().int().positive(),
  /** 1-based PDF page. */
  page: z.number().int().positive(),
  printedPage: z.number().int().positive().nullable(),
  itemNumber: z.string().nullable(),
  itemTitle: z.string().nullable(),
  /** The snippet as plain-text segments; `match` marks the words that matched. Never HTML. */
  snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
});
export type SearchHit = z.infer<typeof SearchHit>;
