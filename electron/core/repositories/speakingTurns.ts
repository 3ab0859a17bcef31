import { randomUUID } from 'node:crypto';
import { StoredSpeakingTurn, turnSeconds, type SpeakingTurn, type SpeakingTurnDraft } from '../../../shared/meeting/speaking';
import type { Db } from '../db/database';
import type { LocalHooks } from '../sync/localRecord';
import type { DomainWriter } from './domainWriter';
import { ruleBroken, type MeetingAccess } from './meetingAccess';

interface TurnRow {
  id: string;
  meeting_id: string;
  item_number: string;
  member_id: string | null;
  speaker: string;
  started_at: string;
  ended_at: string;
  limit_seconds: number | null;
}

const toTurn = (r: TurnRow): SpeakingTurn => {
  const limit = r.limit_seconds ?? undefined;
  return {
    id: r.id,
    meetingId: r.meeting_id,
    itemNumber: r.item_number,
    memberId: r.member_id,
    speaker: r.speaker,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    limitSeconds: r.limit_seconds,
    ...turnSeconds({ startedAt: r.started_at, endedAt: r.ended_at, ...(limit === undefined ? {} : { limitSeconds: limit }) }),
  };
};

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
      const id = randomUUID();
      this.db
        .prepare(
          `INSERT INTO speaking_turns (id, meeting_id, item_number, member_id, speaker, started_at, ended_at, limit_seconds, recorded_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, draft.meetingId, draft.itemNumber, draft.memberId ?? null, draft.speaker, new Date(draft.startedAt).toISOString(), new Date(draft.endedAt).toISOString(), draft.limitSeconds ?? null, actingMemberId, tx.now);
      const row = this.db.prepare<[string], TurnRow>('SELECT * FROM speaking_turns WHERE id = ?').get(id) as TurnRow;
      const stored: StoredSpeakingTurn = {
        id,
        meetingId: row.meeting_id,
        itemNumber: row.item_number,
        memberId: row.member_id,
        speaker: row.speaker,
        startedAt: row.started_at,
        endedAt: row.ended_at,
        limitSeconds: row.limit_seconds,
        recordedBy: actingMemberId,
        createdAt: tx.now,
      };
      tx.recordEntity('speaking_turn', stored, 'create');
      return toTurn(row);
    });
  }

  /** A meeting's turns in the order they were spoken. */
  list(meetingId: string): SpeakingTurn[] {
    this.access.requireMeeting(meetingId);
    return this.db.prepare<[string], TurnRow>('SELECT * FROM speaking_turns WHERE meeting_id = ? ORDER BY started_at, id').all(meetingId).map(toTurn);
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
    const t = turn.data;
    for (const member of [t.memberId, t.recordedBy]) if (member !== null) ensureMember(member);
    db.prepare(
      `INSERT INTO speaking_turns (id, meeting_id, item_number, member_id, speaker, started_at, ended_at, limit_seconds, recorded_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).run(t.id, t.meetingId, t.itemNumber, t.memberId, t.speaker, t.startedAt, t.endedAt, t.limitSeconds, t.recordedBy, t.createdAt);
    return 'applied';
  },
};
