import { ItemEntitlementReader } from '../meeting/itemEntitlement';
import { assembleMinutes, type MinutesAssemblyInput } from '../../../shared/minutes/assemble';
import type { MinutesDocument } from '../../../shared/minutes/model';
import type { Db } from '../db/database';
import { AttendanceRepository } from '../meeting/attendance';
import { DeclarationsRepository } from '../declarations/repository';
import { MembersRepository } from '../members/repository';
import type { DomainWriter } from '../repositories/domainWriter';
import { LiveAgendaRepository } from '../meeting/liveAgenda';
import type { MeetingAccess } from '../meetings/access';
import { MeetingsRepository } from '../meetings/repository';
import type { MinutesRepository } from './repository';
import { OutcomesRepository } from '../meeting/outcomes';
import { PanelCommentsRepository } from '../meeting/panelComments';
import { SpeakingTurnsRepository } from '../meeting/speakingTurns';

/**
 * Reads everything recorded about a meeting (through the same repositories the meeting screens
 * use) and assembles its minutes. Read-only: assembling or exporting never changes anything, so
 * the clerk can do it as often as they like.
 */
export class MinutesAssembler {
  private readonly meetings: MeetingsRepository;
  private readonly members: MembersRepository;
  private readonly declarations: DeclarationsRepository;
  private readonly attendance: AttendanceRepository;
  private readonly agenda: LiveAgendaRepository;
  private readonly outcomes: OutcomesRepository;
  private readonly comments: PanelCommentsRepository;
  private readonly speaking: SpeakingTurnsRepository;

  constructor(
    db: Db,
    writer: DomainWriter,
    access: MeetingAccess,
    private readonly minutes: MinutesRepository,
    clock: () => Date,
  ) {
    this.meetings = new MeetingsRepository(db, writer);
    this.members = new MembersRepository(db, writer, access);
    this.declarations = new DeclarationsRepository(db, writer, access);
    this.attendance = new AttendanceRepository(db, writer, access);
    this.agenda = new LiveAgendaRepository(db, writer, access, clock);
    this.outcomes = new OutcomesRepository(db, writer, access, new ItemEntitlementReader(db, access, this.attendance));
    this.comments = new PanelCommentsRepository(db, writer, access);
    this.speaking = new SpeakingTurnsRepository(db, writer, access);
  }

  gather(meetingId: string, councilName = ''): MinutesAssemblyInput {
    const meeting = this.meetings.get(meetingId);
    const record = this.minutes.get(meetingId);
    const live = this.agenda.get(meetingId);
    const printed = this.minutes.agenda(meetingId);
    // The agenda as it ran (the chair may have taken items out of order), titles as printed.
    const titleOf = new Map(printed.map((a) => [a.number, a.title]));
    const agenda = live.items.length > 0 ? live.items.map((i) => ({ number: i.number, title: titleOf.get(i.number) ?? i.title })) : printed;
    return {
      meeting,
      councilName,
      agenda,
      progress: live.items,
      roles: this.members.listMeetingRoles(meetingId),
      memberNames: Object.fromEntries(this.members.listMembers().map((m) => [m.id, m.name])),
      attendance: this.attendance.get(meetingId).entries,
      declarations: this.declarations.list(meetingId),
      outcomes: this.outcomes.list(meetingId),
      actions: this.outcomes.listActions({ meetingId }),
      panelComments: this.comments.list(meetingId),
      speakingTurns: this.speaking.list(meetingId),
      minutes: record,
      previousLastMinute: record?.previousLastMinute ?? this.minutes.lastMinuteBefore(meetingId),
    };
  }

  assemble(meetingId: string, councilName?: string): MinutesDocument {
    return assembleMinutes(this.gather(meetingId, councilName));
  }
}
