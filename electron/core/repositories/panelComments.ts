import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { PanelComment } from '../../../shared/meeting/schema';
import type { Db } from '../db/database';
import { CoreError } from '../errors';
import type { DomainWriter } from './domainWriter';
import { ruleBroken, type MeetingAccess } from './meetingAccess';

/** The Y.Text inside every comment document; the renderer edits the same name. */
export const commentTextName = 'text';
/** Fold the updates into a snapshot this often, so loading a long-edited draft stays quick. */
export const snapshotEvery = 50;

interface CommentRow {
  id: string;
  meeting_id: string;
  item_number: string;
  title: string;
  created_by: string;
  created_at: string;
  agreed_text: string | null;
  agreed_by: string | null;
  agreed_at: string | null;
}

/**
 * Panel comments as Yjs documents. Every update a member's editor produces is stored as it came
 * (append-only, in order, with who and when), so drafts edited on several devices merge, whatever
 * order their updates arrive in, and the history of the wording is kept. Snapshots are a cache.
 */
export class PanelCommentsRepository {
  constructor(
    private readonly db: Db,
    private readonly writer: DomainWriter,
    private readonly access: MeetingAccess,
  ) {}

  create(actingMemberId: string, meetingId: string, itemNumber: string, title: string, text?: string): PanelComment {
    this.access.requireMeeting(meetingId);
    this.access.requireParticipant(actingMemberId, meetingId, 'draft panel comments');
    this.access.requireItem(meetingId, itemNumber);
    const id = randomUUID();
    this.writer.write((tx) => {
      this.db
        .prepare('INSERT INTO panel_comments (id, meeting_id, item_number, title, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, meetingId, itemNumber, title, actingMemberId, tx.now);
      tx.record({ entity: 'panel_comment', entityId: id, baseVersion: 0, operation: 'create', payload: { id, meetingId, itemNumber, title } });
      if (text !== undefined && text.length > 0) {
        const doc = new Y.Doc();
        doc.getText(commentTextName).insert(0, text);
        this.appendUpdate(tx.now, id, actingMemberId, Y.encodeStateAsUpdate(doc));
      }
      this.access.logHistory(tx, meetingId, 'panel-comment', id, actingMemberId, 'create', null, { itemNumber, title, text: text ?? '' });
    });
    return this.get(id);
  }

  list(meetingId: string): PanelComment[] {
    this.access.requireMeeting(meetingId);
    return this.db
      .prepare<[string], { id: string }>('SELECT id FROM panel_comments WHERE meeting_id = ? ORDER BY created_at, id')
      .all(meetingId)
      .map((r) => this.get(r.id));
  }

  get(commentId: string): PanelComment {
    const row = this.row(commentId);
    const { doc, latestSeq } = this.load(commentId);
    return {
      id: row.id,
      meetingId: row.meeting_id,
      itemNumber: row.item_number,
      title: row.title,
      createdBy: row.created_by,
      createdAt: row.created_at,
      text: doc.getText(commentTextName).toJSON(),
      agreedText: row.agreed_text,
      agreedBy: row.agreed_by,
      agreedAt: row.agreed_at,
      latestSeq,
    };
  }

  /** Stores one editor's update; refuses bytes that are not a Yjs update. Returns the merged draft. */
  push(actingMemberId: string, commentId: string, update: Uint8Array): PanelComment {
    const row = this.row(commentId);
    this.access.requireParticipant(actingMemberId, row.meeting_id, 'edit panel comments');
    if (row.agreed_text !== null) throw ruleBroken([{ path: ['commentId'], code: 'comment_agreed', message: 'The panel has agreed this wording; it can no longer change' }]);
    try {
      Y.applyUpdate(new Y.Doc(), update);
    } catch {
      throw new CoreError('INVALID_INPUT', 'That is not an update to a comment document', [{ path: ['update'], code: 'invalid_update', message: 'Not a Yjs update' }]);
    }
    this.writer.write((tx) => {
      this.appendUpdate(tx.now, commentId, actingMemberId, update);
      tx.record({ entity: 'panel_comment_update', entityId: commentId, baseVersion: 0, operation: 'update', payload: { by: actingMemberId, update: Buffer.from(update).toString('base64') } });
    });
    return this.get(commentId);
  }

  /**
   * What an editor is missing: the difference between the stored document and the editor's state
   * vector (everything, without one), as one Yjs update.
   */
  pull(commentId: string, stateVector?: Uint8Array): { comment: PanelComment; update: Uint8Array } {
    const { doc } = this.load(commentId);
    let update: Uint8Array;
    try {
      update = stateVector === undefined ? Y.encodeStateAsUpdate(doc) : Y.encodeStateAsUpdate(doc, stateVector);
    } catch {
      throw new CoreError('INVALID_INPUT', 'That is not a state vector of a comment document', [{ path: ['stateVector'], code: 'invalid_state_vector', message: 'Not a Yjs state vector' }]);
    }
    return { comment: this.get(commentId), update };
  }

  /** The chair or clerk marks the current wording as agreed by the panel; the draft then freezes. */
  agree(actingMemberId: string, commentId: string, expectedText?: string): PanelComment {
    const row = this.row(commentId);
    this.access.requirePresiding(actingMemberId, row.meeting_id, 'mark a panel comment as agreed');
    const text = this.get(commentId).text.trim();
    if (text === '') throw ruleBroken([{ path: ['commentId'], code: 'comment_empty', message: 'There is no wording to agree' }]);
    // Someone may have edited since the chair read the wording out; agree only what was read.
    if (expectedText !== undefined && expectedText.trim() !== text) {
      throw ruleBroken([{ path: ['expectedText'], code: 'comment_changed', message: 'The wording changed since it was read; read it again before agreeing' }]);
    }
    this.writer.write((tx) => {
      this.db.prepare('UPDATE panel_comments SET agreed_text = ?, agreed_by = ?, agreed_at = ? WHERE id = ?').run(text, actingMemberId, tx.now, commentId);
      this.access.logHistory(tx, row.meeting_id, 'panel-comment', commentId, actingMemberId, 'agree', { agreedText: row.agreed_text }, { agreedText: text });
      tx.record({ entity: 'panel_comment', entityId: commentId, baseVersion: 0, operation: 'update', payload: { agreedText: text, agreedBy: actingMemberId, agreedAt: tx.now } });
    });
    return this.get(commentId);
  }

  /** Who changed the wording when: every stored update with the text as it stood after it. */
  textHistory(commentId: string): { seq: number; memberId: string; at: string; text: string }[] {
    this.row(commentId);
    const doc = new Y.Doc();
    return this.db
      .prepare<[string], { seq: number; member_id: string; at: string; data: Buffer }>('SELECT seq, member_id, at, data FROM panel_comment_updates WHERE comment_id = ? ORDER BY seq')
      .all(commentId)
      .map((u) => {
        Y.applyUpdate(doc, u.data);
        return { seq: u.seq, memberId: u.member_id, at: u.at, text: doc.getText(commentTextName).toJSON() };
      });
  }

  private appendUpdate(now: string, commentId: string, memberId: string, update: Uint8Array): void {
    const seq = Number(this.db.prepare('INSERT INTO panel_comment_updates (comment_id, member_id, at, data) VALUES (?, ?, ?, ?)').run(commentId, memberId, now, Buffer.from(update)).lastInsertRowid);
    const snapshot = this.latestSnapshot(commentId);
    const since = this.db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM panel_comment_updates WHERE comment_id = ? AND seq > ?').get(commentId, snapshot?.upto_seq ?? 0);
    if ((since?.n ?? 0) >= snapshotEvery) {
      const { doc } = this.load(commentId);
      this.db.prepare('INSERT INTO panel_comment_snapshots (comment_id, upto_seq, state, at) VALUES (?, ?, ?, ?)').run(commentId, seq, Buffer.from(Y.encodeStateAsUpdate(doc)), now);
    }
  }

  private load(commentId: string): { doc: Y.Doc; latestSeq: number } {
    const doc = new Y.Doc();
    const snapshot = this.latestSnapshot(commentId);
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    let latestSeq = snapshot?.upto_seq ?? 0;
    const updates = this.db
      .prepare<[string, number], { seq: number; data: Buffer }>('SELECT seq, data FROM panel_comment_updates WHERE comment_id = ? AND seq > ? ORDER BY seq')
      .all(commentId, latestSeq);
    for (const u of updates) {
      Y.applyUpdate(doc, u.data);
      latestSeq = u.seq;
    }
    return { doc, latestSeq };
  }

  private latestSnapshot(commentId: string): { upto_seq: number; state: Buffer } | undefined {
    return this.db
      .prepare<[string], { upto_seq: number; state: Buffer }>('SELECT upto_seq, state FROM panel_comment_snapshots WHERE comment_id = ? ORDER BY upto_seq DESC LIMIT 1')
      .get(commentId);
  }

  private row(commentId: string): CommentRow {
    const row = this.db.prepare<[string], CommentRow>('SELECT * FROM panel_comments WHERE id = ?').get(commentId);
    if (!row) throw new CoreError('NOT_FOUND', `No panel comment with id ${commentId}`);
    return row;
  }
}
