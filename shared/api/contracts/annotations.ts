/**
 * Annotations and questions. `actingMemberId` is who is using Chamber (there is no sign-in yet):
 * a member sees their own annotations and those shared with the panel, and changes only their own
 * (else FORBIDDEN). Every change is saved before the call answers.
 */
import { z } from 'zod';
import {
  Annotation,
  AnnotationChange,
  AnnotationFilter,
  AnnotationId,
  ExportedFile,
  ExportFormat,
  NewAnnotation,
  Question,
  QuestionId,
  QuestionText,
} from '../../annotations/schema';
import { Language } from '../../domain/settings';
import { ItemNumber, MeetingId, MemberId } from '../../vocabulary';

export const annotationOperations = {
  getLocalMember: {
    summary: 'The member id this device acts as until there is sign-in',
    input: z.object({}).strict(),
    output: z.object({ memberId: MemberId }),
  },
  createAnnotation: {
    summary: 'Save a highlight, underline, strike, note, free text or ink mark (private unless shared)',
    input: z.object({ actingMemberId: MemberId, annotation: NewAnnotation.strict() }).strict(),
    output: Annotation,
  },
  updateAnnotation: {
    summary: 'Change the colour, text, kind or shape of your annotation',
    input: z.object({ actingMemberId: MemberId, id: AnnotationId, change: AnnotationChange.strict() }).strict(),
    output: Annotation,
  },
  deleteAnnotation: {
    summary: 'Delete your annotation (kept as a tombstone; restoreAnnotation undoes it)',
    input: z.object({ actingMemberId: MemberId, id: AnnotationId }).strict(),
    output: Annotation,
  },
  restoreAnnotation: {
    summary: 'Bring back an annotation you deleted',
    input: z.object({ actingMemberId: MemberId, id: AnnotationId }).strict(),
    output: Annotation,
  },
  shareAnnotation: {
    summary: 'Share your annotation with the panel, or make it private again (sync delivers it)',
    input: z.object({ actingMemberId: MemberId, id: AnnotationId, shared: z.boolean() }).strict(),
    output: Annotation,
  },
  listAnnotations: {
    summary: "A meeting's annotations you may see: yours and those shared with the panel",
    input: z.object({ actingMemberId: MemberId, meetingId: MeetingId, filter: AnnotationFilter.strict().optional() }).strict(),
    output: z.array(Annotation),
  },
  createQuestion: {
    summary: 'Draft a question for an agenda item, optionally from a highlight',
    input: z.object({ actingMemberId: MemberId, meetingId: MeetingId, itemNumber: ItemNumber, text: QuestionText, annotationId: AnnotationId.optional() }).strict(),
    output: Question,
  },
  updateQuestion: {
    summary: 'Change a question, mark it asked (or not) and note the answer',
    input: z
      .object({ actingMemberId: MemberId, id: QuestionId, text: QuestionText.optional(), asked: z.boolean().optional(), answer: z.string().max(20_000).nullable().optional() })
      .strict(),
    output: Question,
  },
  deleteQuestion: {
    summary: 'Delete one of your questions',
    input: z.object({ actingMemberId: MemberId, id: QuestionId }).strict(),
    output: z.object({}),
  },
  listQuestions: {
    summary: 'Your questions for a meeting (or one item), in your order',
    input: z.object({ actingMemberId: MemberId, meetingId: MeetingId, itemNumber: ItemNumber.optional() }).strict(),
    output: z.array(Question),
  },
  reorderQuestions: {
    summary: "Put your questions for an item in a new order (every one of them, once)",
    input: z.object({ actingMemberId: MemberId, meetingId: MeetingId, itemNumber: ItemNumber, ids: z.array(QuestionId).max(500) }).strict(),
    output: z.array(Question),
  },
  exportAnnotations: {
    summary: 'Your annotations and questions for a meeting: W3C Web Annotation JSON, Markdown, Word, or the pack as an annotated PDF',
    input: z.object({ actingMemberId: MemberId, meetingId: MeetingId, format: ExportFormat, language: Language.optional() }).strict(),
    output: ExportedFile,
  },
  importAnnotations: {
    summary: 'Add annotations from W3C Web Annotation JSON (TextQuoteSelector and page), all or nothing',
    input: z.object({ actingMemberId: MemberId, meetingId: MeetingId, format: z.literal('w3c'), json: z.string().min(1).max(20_000_000) }).strict(),
    output: z.object({ created: z.number().int().nonnegative(), needsReview: z.number().int().nonnegative() }),
  },
};
