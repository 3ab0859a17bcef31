/**
 * Annotations and questions as the API carries them. Geometry is in PDF points on the page as
 * displayed: origin at the top left, y growing downwards (the same space as the text geometry the
 * importer stores), so the reader, the core and the exports agree without converting.
 */
import { z } from 'zod';
import { MemberId } from '../vocabulary';

export const annotationKinds = ['highlight', 'underline', 'strike', 'note', 'free-text', 'ink'] as const;
export const AnnotationKind = z.enum(annotationKinds);
export type AnnotationKind = z.infer<typeof AnnotationKind>;

/** Kinds made from a text selection: their place is the quoted text. */
export const textMarkupKinds: readonly AnnotationKind[] = ['highlight', 'underline', 'strike'];

export const annotationColours = ['#ffd60a', '#7bdff2', '#b9fbc0', '#ffadad', '#cdb4db'] as const;
export const Colour = z.string().regex(/^#[0-9a-f]{6}$/, 'a colour as #rrggbb');

const coordinate = z.number().finite().min(-10_000).max(100_000);
export const Rect = z.object({ x: coordinate, y: coordinate, width: z.number().finite().nonnegative().max(100_000), height: z.number().finite().nonnegative().max(100_000) });
export type Rect = z.infer<typeof Rect>;

/** One pen stroke: points with the pressure the device reported (0.5 where it reports none). */
export const InkStroke = z.object({
  width: z.number().finite().positive().max(50),
  points: z.array(z.object({ x: coordinate, y: coordinate, pressure: z.number().min(0).max(1) })).min(1).max(5000),
});
export type InkStroke = z.infer<typeof InkStroke>;

export const annotationStatuses = ['anchored', 'needs-review'] as const;
export const AnnotationStatus = z.enum(annotationStatuses);
export type AnnotationStatus = z.infer<typeof AnnotationStatus>;

/** The quoted text with its context, and where it sits in its page's text (UTF-16 offsets). */
export const TextQuote = z.object({
  exact: z.string().min(1).max(10_000),
  prefix: z.string().max(200),
  suffix: z.string().max(200),
  start: z.number().int().nonnegative().nullable(),
  end: z.number().int().nonnegative().nullable(),
});
export type TextQuote = z.infer<typeof TextQuote>;

export const AnnotationId = z.uuid();

export const Annotation = z.object({
  id: AnnotationId,
  meetingId: z.uuid(),
  authorMemberId: MemberId,
  kind: AnnotationKind,
  colour: Colour,
  body: z.string().nullable(),
  shared: z.boolean(),
  /** The pack version it is placed on: the newest one, or an older one when it needs review. */
  packId: z.uuid(),
  packVersion: z.number().int().positive(),
  documentSha256: z.string(),
  pageIndex: z.number().int().nonnegative(),
  rects: z.array(Rect),
  ink: z.array(InkStroke).nullable(),
  quote: TextQuote.nullable(),
  itemNumber: z.string().nullable(),
  status: AnnotationStatus,
  /** How it was last placed: as made, found exactly, found approximately, or not found. */
  anchoredBy: z.enum(['created', 'exact', 'approximate', 'none']),
  version: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Annotation = z.infer<typeof Annotation>;

export const NewAnnotation = z.object({
  meetingId: z.uuid(),
  /** Defaults to the newest version of the meeting's pack. */
  packId: z.uuid().optional(),
  /** For undo of a delete and for imports that keep their ids. */
  id: AnnotationId.optional(),
  kind: AnnotationKind,
  colour: Colour,
  pageIndex: z.number().int().nonnegative(),
  rects: z.array(Rect).max(500).default([]),
  ink: z.array(InkStroke).max(500).optional(),
  body: z.string().max(20_000).optional(),
  /** The selected text, for highlight, underline and strike; the core finds it on the page. */
  exact: z.string().trim().min(1).max(10_000).optional(),
  shared: z.boolean().default(false),
});
export type NewAnnotation = z.input<typeof NewAnnotation>;

export const AnnotationChange = z.object({
  colour: Colour.optional(),
  body: z.string().max(20_000).nullable().optional(),
  kind: AnnotationKind.optional(),
  rects: z.array(Rect).max(500).optional(),
  ink: z.array(InkStroke).max(500).nullable().optional(),
});
export type AnnotationChange = z.infer<typeof AnnotationChange>;

export const AnnotationFilter = z.object({
  whose: z.enum(['all', 'mine', 'shared']).default('all'),
  colour: Colour.optional(),
  kind: AnnotationKind.optional(),
  itemNumber: z.string().max(50).optional(),
  includeDeleted: z.boolean().default(false),
});

export const QuestionId = z.uuid();
export const Question = z.object({
  id: QuestionId,
  meetingId: z.uuid(),
  authorMemberId: MemberId,
  itemNumber: z.string(),
  position: z.number().int().nonnegative(),
  text: z.string(),
  annotationId: AnnotationId.nullable(),
  askedAt: z.string().nullable(),
  answer: z.string().nullable(),
  version: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Question = z.infer<typeof Question>;

export const QuestionText = z.string().trim().min(1).max(5000);

export const exportFormats = ['w3c', 'md', 'docx', 'pdf'] as const;
export const ExportFormat = z.enum(exportFormats);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportedFile = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** base64 */
  data: z.string(),
});
export type ExportedFile = z.infer<typeof ExportedFile>;
