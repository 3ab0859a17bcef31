import { randomUUID } from 'node:crypto';
import { StoredSpeakingTurn, turnSeconds, type SpeakingTurn, type SpeakingTurnDraft } from '../../../shared/meeting/speaking';
import type { Db } from '../db/database';
import type { LocalHooks } from '../sync/localRecord';
import type { DomainWriter } from '../repositories/domainWriter';
import { ruleBroken, type MeetingAccess } from '../meetings/access';

interface TurnRow {
  id: string;
  meeting_id: string;
  item_number: string;
  member_id: string | null;
  speaker: string;
  started_at: string;
  ended_at: string;
  limit_seconds: number | null;
  recorded_by: string;
  created_at: string;
}

const storedOf = (r: TurnRow): StoredSpeakingTurn => ({
  id: r.id,
  meetingId: r.meeting_id,
  itemNumber: r.item_number,
  memberId: r.member_id,
  speaker: r.speaker,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  limitSeconds: r.limit_seconds,
  recordedBy: r.recorded_by,
  createdAt: r.created_at,
});

const turnOf = ({ recordedBy: _by, createdAt: _at, ...t }: StoredSpeakingTurn): SpeakingTurn => ({
  ...t,
  ...turnSeconds({ startedAt: t.startedAt, endedAt: t.endedAt, ...(t.limitSeconds === null ? {} : { limitSeconds: t.limitSeconds }) }),
});

/** The one way a turn enters the table, written here or pulled: once by its id, never rewritten. */
function insertTurn(db: Db, t: StoredSpeakingTurn): void {
  db.prepare(
    `INSERT INTO speaking_turns (id, meeting_id, item_number, member_id, speaker, started_at, ended_at, limit_seconds, recorded_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  ).run(t.id, t.meetingId, t.itemNumber, t.memberId, t.speaker, t.startedAt, t.endedAt, t.limitSeconds, t.recordedBy, t.createdAt);
}

/** Turns at speaking, timed by whoever runs the meeting, and synced to the committee (the register's `speaking_turn`). */
export class SpeakingTurnsRepository {
  constructor(
    private readonly db: Db,
    private readonly writer: DomainWriter,
    private readonly access: MeetingAccess,
  ) {}

  record(actingMemberId: string, draft: SpeakingTurnDraft): SpeakingTurn {
    this.access.requirePresiding(actingMemberId, draft.meetingId, 'time speakers');
    this.access.requireItem(draft.meetingId, draft.itemNumber);
    // A member speaks under their own name as the meeting knows it; anyone else is a member of the public.
    if (draft.memberId !== undefined && this.access.roleOf(draft.memberId, draft.meetingId) === null) {
      throw ruleBroken([{ path: ['memberId'], code: 'no_role_at_meeting', message: 'The speaker has no role at this meeting; record them by name' }]);
    }
    return this.writer.write((tx) => {
      const stored: StoredSpeakingTurn = {
        id: randomUUID(),
        meetingId: draft.meetingId,
        itemNumber: draft.itemNumber,
        memberId: draft.memberId ?? null,
        speaker: draft.speaker,
        startedAt: new Date(draft.startedAt).toISOString(),
        endedAt: new Date(draft.endedAt).toISOString(),
        limitSeconds: draft.limitSeconds ?? null,
        recordedBy: actingMemberId,
        createdAt: tx.now,
      };
      insertTurn(this.db, stored);
      tx.recordEntity('speaking_turn', stored, 'create');
      return turnOf(stored);
    });
  }

  /** A meeting's turns in the order they were spoken. */
  list(meetingId: string): SpeakingTurn[] {
    this.access.requireMeeting(meetingId);
    return this.db.prepare<[string], TurnRow>('SELECT * FROM speaking_turns WHERE meeting_id = ? ORDER BY started_at, id').all(meetingId).map((r) => turnOf(storedOf(r)));
  }
}

/**
 * A pulled turn: inserted once by its id and never rewritten (the table is append-only, like the
 * fact it records); a tombstone is ignored, as the register never lets anyone delete one.
 */
export const syncedSpeakingTurn: LocalHooks = {
  insertOnce: (id, data, { db, ensureMember }) => {
    const turn = StoredSpeakingTurn.safeParse({ ...data, id });
    if (!turn.success) throw new Error(`A speaking turn this device cannot read: ${turn.error.message}`);
    for (const member of [turn.data.memberId, turn.data.recordedBy]) if (member !== null) ensureMember(member);
    insertTurn(db, turn.data);
    return 'applied';
  },
};
