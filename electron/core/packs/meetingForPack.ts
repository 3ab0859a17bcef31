/**
 * Which meeting an imported pack belongs to, from what its front sheet gives. A pack naming the
 * committee and date of a meeting we hold joins it. A new meeting needs a start time and venue;
 * where the sheet gives neither or only one, the committee's latest meeting in Chamber supplies
 * the rest (committees keep their time and room), and the pack says so. Only a pack that names no
 * committee or date, or a committee Chamber has never seen without its time or venue, is refused,
 * naming the fields it lacked; `--meeting` (or importing from the meeting's page) places those.
 */
import type { MeetingField, PackMeeting, StructureWarning } from '../../../shared/domain/pack';
import { ImportError } from './importError';

export interface CommitteeHabits {
  startTime: string;
  venue: string;
  date: string;
}

export interface MeetingLookups {
  findMeetingByCommitteeAndDate(committee: string, date: string): string | null;
  /** The committee's most recent meeting in Chamber, for its usual time and venue. */
  latestMeetingOfCommittee(committee: string): CommitteeHabits | null;
}

export type Placement =
  | { kind: 'existing'; meetingId: string }
  | { kind: 'create'; meeting: { title: string; committee: string; date: string; startTime: string; venue: string }; warnings: StructureWarning[] };

function refuse(fields: MeetingField[], action: string): never {
  const names: Record<MeetingField, string> = { committee: 'committee', date: 'date', startTime: 'start time', venue: 'venue' };
  throw new ImportError('PACK_NEEDS_MEETING', `The front sheet does not say the ${fields.map((f) => names[f]).join(' and ')}; ${action}.`, fields);
}

export function placePack(meeting: PackMeeting, lookups: MeetingLookups): Placement {
  const { committee, date, startTime, venue } = meeting;
  if (!committee || !date) {
    refuse([...(!committee ? (['committee'] as const) : []), ...(!date ? (['date'] as const) : [])], 'choose the meeting this pack belongs to');
  }
  const existing = lookups.findMeetingByCommitteeAndDate(committee, date);
  if (existing) return { kind: 'existing', meetingId: existing };
  const warnings: StructureWarning[] = [];
  let time = startTime;
  let place = venue;
  if (!time || !place) {
    const habits = lookups.latestMeetingOfCommittee(committee);
    if (!habits) {
      refuse([...(!time ? (['startTime'] as const) : []), ...(!place ? (['venue'] as const) : [])], 'choose or create the meeting this pack belongs to');
    }
    if (!time) {
      time = habits.startTime;
      warnings.push({ code: 'MEETING_TIME_ASSUMED', detail: `The start time ${time} was taken from this committee's meeting of ${habits.date}` });
    }
    if (!place) {
      place = habits.venue;
      warnings.push({ code: 'VENUE_ASSUMED', detail: `The venue "${place}" was taken from this committee's meeting of ${habits.date}` });
    }
  }
  return { kind: 'create', meeting: { title: committee, committee, date, startTime: time, venue: place }, warnings };
}
