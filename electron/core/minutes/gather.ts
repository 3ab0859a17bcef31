import { assembleMinutes, type MinutesAssemblyInput } from '../../../shared/minutes/assemble';
import type { MinutesDocument } from '../../../shared/minutes/model';
import type { Db } from '../db/database';
import { DeclarationsRepository } from '../repositories/declarations';
import type { DomainWriter } from '../repositories/domainWriter';
import { MeetingsRepository } from '../repositories/meetings';
import { type MinutesRepository } from '../repositories/minutes';

/**
 * Reads everything recorded about a meeting and assembles its minutes. Read-only: assembling (and
 * exporting) never changes the stored minutes, so it can run as often as the clerk likes.
 */
export class MinutesAssembler {
  private readonly meetings: MeetingsRepository;
  private readonly declarations: DeclarationsRepository;

  constructor(
    db: Db,
    writer: DomainWriter,
    private readonly minutes: MinutesRepository,
  ) {
    this.meetings = new MeetingsRepository(db, writer);
    this.declarations = new DeclarationsRepository(db, writer);
  }

  gather(meetingId: string, councilName = ''): MinutesAssemblyInput {
    const meeting = this.meetings.get(meetingId);
    const record = this.minutes.get(meetingId);
    return {
      meeting,
      councilName,
      agenda: this.minutes.agenda(meetingId),
      progress: [],
      roles: this.declarations.listMeetingRoles(meetingId),
      memberNames: Object.fromEntries(this.declarations.listMembers().map((m) => [m.id, m.name])),
      attendance: [],
      declarations: this.declarations.list(meetingId),
      outcomes: [],
      actions: [],
      panelComments: [],
      minutes: record,
      previousLastMinute: record?.previousLastMinute ?? this.minutes.lastMinuteBefore(meetingId),
    };
  }

  assemble(meetingId: string, councilName?: string): MinutesDocument {
    return assembleMinutes(this.gather(meetingId, councilName));
  }
}
