import type { ExportedFile, ExportFormat } from '../../../shared/annotations/schema';
import { fromW3c, W3cError } from '../../../shared/annotations/w3c';
import type { Language } from '../../../shared/domain/settings';
import type { Db } from '../db/database';
import type { MeetingAccess } from '../meetings/access';
import type { Handlers } from '../dispatcher';
import { CoreError } from '../errors';
import { notesWording, toAnnotatedPdf, toDocx, toMarkdown, toW3cFile, type MeetingNotes } from './exports';
import { SettingsRepository } from '../repositories/settings';
import type { PageGeometryStore } from './geometry';
import { reanchorMeeting } from './reanchor';
import { AnnotationsRepository } from './repository';
import { QuestionsRepository } from './questions';
import type { DocumentStore } from '../packs/documentStore';
import type { NewVersionHook } from '../packs/importer';
import type { DomainWriter } from '../repositories/domainWriter';
import type { MeetingsRepository } from '../meetings/repository';
import type { PacksRepository } from '../repositories/packs';
import type { RestrictedGate } from '../security/restrictedGate';

type AnnotationHandlers = Pick<
  Handlers,
  | 'getLocalMember'
  | 'createAnnotation'
  | 'updateAnnotation'
  | 'deleteAnnotation'
  | 'restoreAnnotation'
  | 'shareAnnotation'
  | 'listAnnotations'
  | 'createQuestion'
  | 'updateQuestion'
  | 'deleteQuestion'
  | 'listQuestions'
  | 'reorderQuestions'
  | 'exportAnnotations'
  | 'importAnnotations'
>;

export interface AnnotationDeps {
  db: Db;
  writer: DomainWriter;
  geometry: PageGeometryStore;
  access: MeetingAccess;
  meetings: MeetingsRepository;
  packs: PacksRepository;
  store: DocumentStore;
  /** Offline expiry: exports of notes on Part II business wait for a fresh sign-in. */
  gate: RestrictedGate;
  /** Who is acting (electron/core/identity): the signed-in member, or this device's chosen member. */
  actingMemberId: () => string;
  /** Whose notes an export says they are. */
  memberName: (memberId: string) => string | null;
}

/** Stores page geometry for every new pack version and re-anchors the meeting's annotations onto it. */
export function annotationImportHook({ db, geometry }: Pick<AnnotationDeps, 'db' | 'geometry'>): NewVersionHook {
  return ({ meetingId, packId, pages }, tx) => {
    geometry.store(packId, pages);
    reanchorMeeting(db, geometry, tx, meetingId, packId);
  };
}

type NotesExport = (actor: string, meetingId: string, format: ExportFormat, language?: Language) => Promise<ExportedFile>;

/**
 * A member's notes on a meeting as a file. Not gated: the contract's exportAnnotations checks the
 * offline expiry first; retention uses this directly, since it seals what it saves (savedNotes.ts)
 * and serves it to nobody.
 */
export function notesExport(deps: Omit<AnnotationDeps, 'gate' | 'actingMemberId'>): NotesExport {
  const annotations = new AnnotationsRepository(deps.db, deps.writer, deps.geometry, deps.access);
  const questions = new QuestionsRepository(deps.db, deps.writer, deps.access);
  const settings = new SettingsRepository(deps.db);
  return async (actor, meetingId, format, language) => {
    const notes = notesFor(annotations, questions, deps, actor, meetingId);
    const pack = deps.packs.get(meetingId);
    // In the language asked for, else the one the member chose for the app.
    const wording = notesWording(language ?? settings.get().language, pack ? { packId: pack.packId, pages: pack.printedPageNumbers } : null, deps.memberName(actor));
    if (format === 'md') return toMarkdown(notes, wording);
    if (format === 'docx') return toDocx(notes, wording);
    if (format === 'w3c') return toW3cFile(notes, wording);
    if (!pack) throw new CoreError('NOT_FOUND', 'That meeting has no pack to annotate');
    const { data } = deps.store.read(pack.documentSha256, 0, pack.byteSize);
    return toAnnotatedPdf(notes, data, pack.packId, wording);
  };
}

const notesFor = (
  annotations: AnnotationsRepository,
  questions: QuestionsRepository,
  deps: Pick<AnnotationDeps, 'meetings' | 'packs'>,
  actor: string,
  meetingId: string,
): MeetingNotes => ({
  meeting: deps.meetings.get(meetingId),
  items: deps.packs.get(meetingId)?.items ?? [],
  annotations: annotations.list(actor, meetingId, { whose: 'mine', includeDeleted: false }),
  questions: questions.list(actor, meetingId),
});

export function annotationHandlers(deps: AnnotationDeps): AnnotationHandlers {
  const annotations = new AnnotationsRepository(deps.db, deps.writer, deps.geometry, deps.access);
  const questions = new QuestionsRepository(deps.db, deps.writer, deps.access);
  const exportNotes = notesExport(deps);

  return {
    getLocalMember: () => ({ memberId: deps.actingMemberId() }),
    createAnnotation: ({ actingMemberId, annotation }) => annotations.create(actingMemberId, annotation),
    updateAnnotation: ({ actingMemberId, id, change }) => annotations.update(actingMemberId, id, change),
    deleteAnnotation: ({ actingMemberId, id }) => annotations.remove(actingMemberId, id),
    restoreAnnotation: ({ actingMemberId, id }) => annotations.restore(actingMemberId, id),
    shareAnnotation: ({ actingMemberId, id, shared }) => annotations.share(actingMemberId, id, shared),
    listAnnotations: ({ actingMemberId, meetingId, filter }) =>
      deps.gate.visible(annotations.list(actingMemberId, meetingId, filter ?? { whose: 'all', includeDeleted: false }), (a) => a.itemNumber),
    createQuestion: ({ actingMemberId, ...input }) => questions.create(actingMemberId, input),
    updateQuestion: ({ actingMemberId, id, text, asked, answer }) => questions.update(actingMemberId, id, { text, asked, answer }),
    deleteQuestion: ({ actingMemberId, id }) => {
      questions.remove(actingMemberId, id);
      return {};
    },
    listQuestions: ({ actingMemberId, meetingId, itemNumber }) => deps.gate.visible(questions.list(actingMemberId, meetingId, itemNumber), (q) => q.itemNumber),
    reorderQuestions: ({ actingMemberId, meetingId, itemNumber, ids }) => questions.reorder(actingMemberId, meetingId, itemNumber, ids),
    exportAnnotations: async ({ actingMemberId, meetingId, format, language }) => {
      // The annotated PDF is the whole pack; the other formats hold the notes and the text they quote.
      const notes = notesFor(annotations, questions, deps, actingMemberId, meetingId);
      deps.gate.requireMeeting(meetingId, format === 'pdf' ? 'all' : [...notes.annotations.map((a) => a.itemNumber), ...notes.questions.map((q) => q.itemNumber)], 'This export');
      return exportNotes(actingMemberId, meetingId, format, language);
    },
    importAnnotations: ({ actingMemberId, meetingId, json }) => {
      let items;
      try {
        items = fromW3c(json);
      } catch (error) {
        if (error instanceof W3cError) throw new CoreError('INVALID_INPUT', `Not W3C Web Annotation JSON: ${error.message}`, [{ path: error.path, code: 'W3C_INVALID', message: error.message }]);
        throw error;
      }
      return annotations.importMany(actingMemberId, meetingId, items);
    },
  };
}
