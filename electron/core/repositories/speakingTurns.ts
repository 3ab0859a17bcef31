import { randomUUID } from 'node:crypto';
import { turnSeconds, type SpeakingTurn, type SpeakingTurnDraft } from '../../../shared/meeting/speaking';
import type { Db } from '../db/database';
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

/**
 * Turns at speaking, timed by whoever runs the meeting. Kept on this device only for now: they are
 * not a sync entity yet, so another device's minutes do not show them until they are.
 */
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
      return toTurn(this.db.prepare<[string], TurnRow>('SELECT * FROM speaking_turns WHERE id = ?').get(id) as TurnRow);
    });
  }

  /** A meeting's turns in the order they were spoken. */
  list(meetingId: string): SpeakingTurn[] {
    this.access.requireMeeting(meetingId);
    return this.db.prepare<[string], TurnRow>('SELECT * FROM speaking_turns WHERE meeting_id = ? ORDER BY started_at, id').all(meetingId).map(toTurn);
  }
}
