import { randomUUID } from 'node:crypto';
import type { Question } from '../../../shared/annotations/schema';
import type { Db } from '../db/database';
import type { MeetingAccess } from '../meetings/access';
import { CoreError } from '../errors';
import type { DomainTransaction, DomainWriter } from '../repositories/domainWriter';

interface QuestionRow {
  id: string;
  meeting_id: string;
  author_member_id: string;
  item_number: string;
  position: number;
  text: string;
  annotation_id: string | null;
  asked_at: string | null;
  answer: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const toQuestion = (r: QuestionRow): Question => ({
  id: r.id,
  meetingId: r.meeting_id,
  authorMemberId: r.author_member_id,
  itemNumber: r.item_number,
  position: r.position,
  text: r.text,
  annotationId: r.annotation_id,
  askedAt: r.asked_at,
  answer: r.answer,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface QuestionChange {
  text?: string | undefined;
  answer?: string | null | undefined;
  asked?: boolean | undefined;
}

/** A member's own draft questions per agenda item, in their chosen order. */
export class QuestionsRepository {
  constructor(
    private readonly db: Db,
    private readonly writer: DomainWriter,
    private readonly access: MeetingAccess,
  ) {}

  create(actor: string, input: { meetingId: string; itemNumber: string; text: string; annotationId?: string | undefined }): Question {
    this.access.requireMeeting(input.meetingId);
    if (input.annotationId) {
      const a = this.db.prepare<[string], { meeting_id: string; author_member_id: string; shared: number }>('SELECT meeting_id, author_member_id, shared FROM annotations WHERE id = ?').get(input.annotationId);
      if (!a || a.meeting_id !== input.meetingId || (a.author_member_id !== actor && a.shared !== 1)) throw new CoreError('NOT_FOUND', 'No such annotation at this meeting');
    }
    const id = randomUUID();
    return this.writer.write((tx) => {
      const next = this.db
        .prepare<[string, string, string], { n: number }>(
          'SELECT coalesce(max(position) + 1, 0) AS n FROM questions WHERE meeting_id = ? AND author_member_id = ? AND item_number = ? AND deleted_at IS NULL',
        )
        .get(input.meetingId, actor, input.itemNumber);
      this.db
        .prepare(
          `INSERT INTO questions (id, meeting_id, author_member_id, item_number, position, text, annotation_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.meetingId, actor, input.itemNumber, next?.n ?? 0, input.text, input.annotationId ?? null, tx.now, tx.now);
      const created = this.get(id);
      tx.recordEntity('question', created, 'create');
      return created;
    });
  }

  update(actor: string, id: string, change: QuestionChange): Question {
    return this.writer.write((tx) => {
      const before = this.own(actor, id);
      const askedAt = change.asked === undefined ? before.askedAt : change.asked ? (before.askedAt ?? tx.now) : null;
      this.db
        .prepare('UPDATE questions SET text = ?, answer = ?, asked_at = ?, version = version + 1, updated_at = ? WHERE id = ?')
        .run(change.text ?? before.text, change.answer === undefined ? before.answer : change.answer, askedAt, tx.now, id);
      return this.record(tx, before, 'update');
    });
  }

  remove(actor: string, id: string): void {
    this.writer.write((tx) => {
      const before = this.own(actor, id);
      this.db.prepare('UPDATE questions SET deleted_at = ?, version = version + 1, updated_at = ? WHERE id = ?').run(tx.now, tx.now, id);
      this.record(tx, before, 'delete');
    });
  }

  /** `ids` must be exactly the member's questions for that item, in the new order. */
  reorder(actor: string, meetingId: string, itemNumber: string, ids: readonly string[]): Question[] {
    return this.writer.write((tx) => {
      const current = this.list(actor, meetingId, itemNumber);
      const known = new Set(current.map((q) => q.id));
      if (ids.length !== known.size || new Set(ids).size !== ids.length || !ids.every((id) => known.has(id))) {
        throw new CoreError('INVALID_INPUT', 'The new order must list each of your questions for the item once', [
          { path: ['ids'], code: 'custom', message: 'not the same questions' },
        ]);
      }
      const update = this.db.prepare('UPDATE questions SET position = ?, version = version + 1, updated_at = ? WHERE id = ?');
      ids.forEach((id, position) => {
        const before = current.find((q) => q.id === id);
        if (!before || before.position === position) return;
        update.run(position, tx.now, id);
        this.record(tx, before, 'update');
      });
      return this.list(actor, meetingId, itemNumber);
    });
  }

  list(actor: string, meetingId: string, itemNumber?: string): Question[] {
    return this.db
      .prepare<[string, string], QuestionRow>(
        'SELECT * FROM questions WHERE meeting_id = ? AND author_member_id = ? AND deleted_at IS NULL ORDER BY item_number, position, created_at',
      )
      .all(meetingId, actor)
      .map(toQuestion)
      .filter((q) => itemNumber === undefined || q.itemNumber === itemNumber);
  }

  private get(id: string): Question {
    const row = this.db.prepare<[string], QuestionRow>('SELECT * FROM questions WHERE id = ? AND deleted_at IS NULL').get(id);
    if (!row) throw new CoreError('NOT_FOUND', 'No such question');
    return toQuestion(row);
  }

  private own(actor: string, id: string): Question {
    const q = this.get(id);
    if (q.authorMemberId !== actor) throw new CoreError('FORBIDDEN', 'Only its author may change a question');
    return q;
  }

  private record(tx: DomainTransaction, before: Question, operation: 'update' | 'delete'): Question {
    const row = this.db.prepare<[string], QuestionRow>('SELECT * FROM questions WHERE id = ?').get(before.id);
    const after = row ? toQuestion(row) : before;
    tx.recordEntity('question', after, operation, { baseVersion: before.version, key: { id: before.id } });
    return after;
  }
}
