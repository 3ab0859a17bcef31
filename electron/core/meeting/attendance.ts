import { attendanceIssues, countsForQuorum, votingRoles } from '../../../shared/meeting/attendance';
import { checkQuorum } from '../../../shared/meeting/quorum';
import type { Attendance, AttendanceDraft, AttendanceEntry, AttendanceStatus } from '../../../shared/meeting/schema';
import type { Db } from '../db/database';
import type { DomainWriter } from '../repositories/domainWriter';
import { ruleBroken, type MeetingAccess } from '../meetings/access';

interface Row {
  meeting_id: string;
  member_id: string;
  member_name: string;
  status: AttendanceStatus;
  substitute_for: string | null;
  substitute_for_name: string | null;
  arrived_at_item: string | null;
  departed_at_item: string | null;
  updated_at: string;
}

const toEntry = (r: Row): AttendanceEntry => ({
  meetingId: r.meeting_id,
  memberId: r.member_id,
  memberName: r.member_name,
  status: r.status,
  ...(r.substitute_for === null ? {} : { substituteFor: r.substitute_for }),
  ...(r.substitute_for_name === null ? {} : { substituteForName: r.substitute_for_name }),
  ...(r.arrived_at_item === null ? {} : { arrivedAtItem: r.arrived_at_item }),
  ...(r.departed_at_item === null ? {} : { departedAtItem: r.departed_at_item }),
  updatedAt: r.updated_at,
});

/** Present, apologies, substitutes, those in attendance, arrivals and departures; and the quorum. */
export class AttendanceRepository {
  constructor(
    private readonly db: Db,
    private readonly writer: DomainWriter,
    private readonly access: MeetingAccess,
  ) {}

  get(meetingId: string): Attendance {
    this.access.requireMeeting(meetingId);
    const entries = this.entries(meetingId);
    const membership = this.db
      .prepare<string[], { n: number }>(`SELECT count(*) AS n FROM meeting_roles WHERE meeting_id = ? AND role IN (${votingRoles.map(() => '?').join(', ')})`)
      .get(meetingId, ...votingRoles);
    const present = entries.filter((e) => countsForQuorum(e, this.access.roleOf(e.memberId, meetingId))).length;
    return { entries, quorum: checkQuorum(membership?.n ?? 0, present) };
  }

  record(actingMemberId: string, draft: AttendanceDraft): AttendanceEntry {
    this.access.requirePresiding(actingMemberId, draft.meetingId, 'record attendance');
    this.access.requireMember(draft.memberId);
    const current = new Map(this.entries(draft.meetingId).map((e) => [e.memberId, e]));
    const issues = attendanceIssues(draft, {
      roleOf: (id) => this.access.roleOf(id, draft.meetingId),
      statusOf: (id) => current.get(id)?.status ?? null,
      substituteOf: (id) => [...current.values()].find((e) => e.substituteFor === id)?.memberId ?? null,
      agendaNumbers: this.access.agendaNumbers(draft.meetingId),
    });
    // A member who has a substitute must stay recorded as having sent apologies.
    const substitute = [...current.values()].find((e) => e.substituteFor === draft.memberId);
    if (substitute && draft.status !== 'apologies') {
      issues.push({ path: ['status'], code: 'has_substitute', message: `${substitute.memberName} substitutes for this member` });
    }
    if (issues.length > 0) throw ruleBroken(issues);
    return this.writer.write((tx) => {
      const before = current.get(draft.memberId) ?? null;
      this.db
        .prepare(
          `INSERT INTO attendance (meeting_id, member_id, status, substitute_for, arrived_at_item, departed_at_item, updated_at)
           VALUES (@meetingId, @memberId, @status, @substituteFor, @arrivedAtItem, @departedAtItem, @now)
           ON CONFLICT (meeting_id, member_id) DO UPDATE SET status = excluded.status, substitute_for = excluded.substitute_for,
             arrived_at_item = excluded.arrived_at_item, departed_at_item = excluded.departed_at_item, updated_at = excluded.updated_at`,
        )
        .run({
          meetingId: draft.meetingId,
          memberId: draft.memberId,
          status: draft.status,
          substituteFor: draft.substituteFor ?? null,
          arrivedAtItem: draft.arrivedAtItem ?? null,
          departedAtItem: draft.departedAtItem ?? null,
          now: tx.now,
        });
      const after = this.entries(draft.meetingId).find((e) => e.memberId === draft.memberId) as AttendanceEntry;
      this.access.logHistory(tx, draft.meetingId, 'attendance', draft.memberId, actingMemberId, before ? 'update' : 'record', before, after);
      tx.recordEntity('attendance', after, before ? 'update' : 'create');
      return after;
    });
  }

  private entries(meetingId: string): AttendanceEntry[] {
    return this.db
      .prepare<[string], Row>(
        `SELECT a.*, m.name AS member_name, s.name AS substitute_for_name
         FROM attendance a JOIN members m ON m.id = a.member_id LEFT JOIN members s ON s.id = a.substitute_for
         WHERE a.meeting_id = ? ORDER BY lower(m.name)`,
      )
      .all(meetingId)
      .map(toEntry);
  }
}
