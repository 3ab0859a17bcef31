import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { PanelComment } from '../../../shared/meeting/schema';
import type { Db } from '../db/database';
import { CoreError } from '../errors';
import type { DomainWriter } from '../repositories/domainWriter';
import type { LocalHooks } from '../sync/localRecord';
import { ruleBroken, type MeetingAccess } from '../meetings/access';

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
      let textYjs: string | undefined;
      if (text !== undefined && text.length > 0) {
        const doc = new Y.Doc();
        doc.getText(commentTextName).insert(0, text);
        const state = Y.encodeStateAsUpdate(doc);
        appendCommentUpdate(this.db, tx.now, id, actingMemberId, state);
        textYjs = Buffer.from(state).toString('base64');
      }
      tx.recordEntity('panel_comment', { id, meetingId, itemNumber, title, createdBy: actingMemberId, createdAt: tx.now, ...(textYjs === undefined ? {} : { textYjs, editedBy: actingMemberId }) }, 'create');
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
    const { doc, latestSeq } = loadCommentDoc(this.db, commentId);
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
      appendCommentUpdate(this.db, tx.now, commentId, actingMemberId, update);
      // Only this edit travels in the outbox; sync folds it into the record's whole Yjs state
      // (engine.ts), so edits made on other devices meanwhile merge rather than clash.
      tx.recordEntity('panel_comment', { textYjs: Buffer.from(update).toString('base64'), editedBy: actingMemberId }, 'update', { key: { id: commentId } });
    });
    return this.get(commentId);
  }

  /**
   * What an editor is missing: the difference between the stored document and the editor's state
   * vector (everything, without one), as one Yjs update.
   */
  pull(commentId: string, stateVector?: Uint8Array): { comment: PanelComment; update: Uint8Array } {
    const { doc } = loadCommentDoc(this.db, commentId);
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
      tx.recordEntity('panel_comment', { agreedText: text, agreedBy: actingMemberId, agreedAt: tx.now }, 'update', { key: { id: commentId } });
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

  private row(commentId: string): CommentRow {
    const row = this.db.prepare<[string], CommentRow>('SELECT * FROM panel_comments WHERE id = ?').get(commentId);
    if (!row) throw new CoreError('NOT_FOUND', `No panel comment with id ${commentId}`);
    return row;
  }
}

function latestSnapshot(db: Db, commentId: string): { upto_seq: number; state: Buffer } | undefined {
  return db
    .prepare<[string], { upto_seq: number; state: Buffer }>('SELECT upto_seq, state FROM panel_comment_snapshots WHERE comment_id = ? ORDER BY upto_seq DESC LIMIT 1')
    .get(commentId);
}

/** The comment's document: the latest snapshot and every update stored after it. */
export function loadCommentDoc(db: Db, commentId: string): { doc: Y.Doc; latestSeq: number } {
  const doc = new Y.Doc();
  const snapshot = latestSnapshot(db, commentId);
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  let latestSeq = snapshot?.upto_seq ?? 0;
  const updates = db
    .prepare<[string, number], { seq: number; data: Buffer }>('SELECT seq, data FROM panel_comment_updates WHERE comment_id = ? AND seq > ? ORDER BY seq')
    .all(commentId, latestSeq);
  for (const u of updates) {
    Y.applyUpdate(doc, u.data);
    latestSeq = u.seq;
  }
  return { doc, latestSeq };
}

/** Stores one update (from an editor here or from another device through sync), snapshotting now and then. */
export function appendCommentUpdate(db: Db, now: string, commentId: string, memberId: string, update: Uint8Array): void {
  const seq = Number(db.prepare('INSERT INTO panel_comment_updates (comment_id, member_id, at, data) VALUES (?, ?, ?, ?)').run(commentId, memberId, now, Buffer.from(update)).lastInsertRowid);
  const snapshot = latestSnapshot(db, commentId);
  const since = db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM panel_comment_updates WHERE comment_id = ? AND seq > ?').get(commentId, snapshot?.upto_seq ?? 0);
  if ((since?.n ?? 0) >= snapshotEvery) {
    const { doc } = loadCommentDoc(db, commentId);
    db.prepare('INSERT INTO panel_comment_snapshots (comment_id, upto_seq, state, at) VALUES (?, ?, ?, ?)').run(commentId, seq, Buffer.from(Y.encodeStateAsUpdate(doc)), now);
  }
}

/**
 * A Yjs state that arrived from another device: stores only what this device's copy lacks, so a
 * comment pulled again and again does not grow. Returns whether anything was new.
 */
/** A pulled comment: the draft's wording travels as one Yjs state; only what this device lacks is stored. */
export const syncedPanelComment: LocalHooks = {
  after: (data, { db, now, ensureMember }) => {
    if (typeof data.textYjs !== 'string' || typeof data.id !== 'string') return;
    const editor = typeof data.editedBy === 'string' ? data.editedBy : typeof data.createdBy === 'string' ? data.createdBy : null;
    if (editor === null) throw new Error('A panel comment without its author');
    ensureMember(editor);
    mergeCommentState(db, now, data.id, editor, Buffer.from(data.textYjs, 'base64'));
  },
};

export function mergeCommentState(db: Db, now: string, commentId: string, memberId: string, state: Uint8Array): boolean {
  const { doc } = loadCommentDoc(db, commentId);
  const before = Y.encodeStateAsUpdate(doc);
  const vector = Y.encodeStateVector(doc);
  Y.applyUpdate(doc, state);
  if (Buffer.compare(Buffer.from(before), Buffer.from(Y.encodeStateAsUpdate(doc))) === 0) return false;
  appendCommentUpdate(db, now, commentId, memberId, Y.diffUpdate(state, vector));
  return true;
}
