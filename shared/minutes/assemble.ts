/**
 * Draft minutes from what was recorded at the meeting: attendance, declarations, the agenda as it
 * ran, outcomes and votes, agreed panel comments, actions, plus the clerk's stored narrative per
 * item and the minutes' workflow state. Pure: the core gathers the records and calls this, so the
 * same assembly runs wherever the records come from, and reassembly after an outcome changes keeps
 * the clerk's narrative (it is stored apart, by item number).
 *
 * Nothing missing throws: it becomes a gap the exports show.
 */
import type { DeclarationAction, InterestKind } from '../declarations/schema';
import type { Gap, MinuteItem, MinutesDeclaration, MinutesDocument, MinutesOutcome, MinutesVote } from './model';
import { MinutesDocument as MinutesDocumentSchema, roleOfItemTitle } from './model';
import type { MinutesRecord } from './record';
import { isBlank, type RichText } from './richText';

/* The recorded data, as the meeting-running operations return it (only the fields used here). */

export interface AssemblyMeeting {
  id: string;
  title: string;
  committee: string;
  date: string;
  startTime: string;
  venue: string;
}
export interface AssemblyRole {
  memberId: string;
  memberName: string;
  role: string;
}
export interface AssemblyAttendance {
  memberId: string;
  memberName: string;
  status: 'present' | 'apologies' | 'absent' | 'substitute' | 'in-attendance';
  substituteFor?: string;
  substituteForName?: string;
}
export interface AssemblyDeclaration {
  memberId: string;
  itemNumber: string;
  kind: InterestKind;
  nature: string | null;
  natureWithheld: boolean;
  action: DeclarationAction;
  dispensationReference?: string;
  declaredAt: { when: 'declarations-item' } | { when: 'during-item'; itemNumber: string };
  scope: { whole: true } | { whole: false; part: string };
  withdrawnAt: string | null;
}
export interface AssemblyOutcome {
  itemNumber: string;
  kind: MinutesOutcome['kind'];
  resolution?: string;
  vote?: { for: number; against: number; abstain: number; recorded?: { for: string[]; against: string[]; abstain: string[] } };
}
export interface AssemblyAction {
  itemNumber: string;
  text: string;
  owner: string;
  dueDate?: string;
}
export interface AssemblyPanelComment {
  itemNumber: string;
  title: string;
  agreedText: string | null;
}
export interface AssemblySpeakingTurn {
  itemNumber: string;
  speaker: string;
  seconds: number;
  limitSeconds: number | null;
  overSeconds: number;
}
export interface AssemblyAgendaProgress {
  number: string;
  endedAt: string | null;
  deferred: boolean;
  partTwo: boolean;
}

export interface MinutesAssemblyInput {
  meeting: AssemblyMeeting;
  /** The council's name when the minutes were not started (and so carry none). */
  councilName: string;
  /** The agenda of the latest pack, in printed order. */
  agenda: readonly { number: string; title: string }[];
  /** The agenda as it ran (start/end times, deferrals, Part II); empty before the meeting is run. */
  progress: readonly AssemblyAgendaProgress[];
  roles: readonly AssemblyRole[];
  memberNames: Readonly<Record<string, string>>;
  attendance: readonly AssemblyAttendance[];
  declarations: readonly AssemblyDeclaration[];
  outcomes: readonly AssemblyOutcome[];
  actions: readonly AssemblyAction[];
  panelComments: readonly AssemblyPanelComment[];
  /** Timed turns at speaking, in the order spoken (none before speakers were timed). */
  speakingTurns?: readonly AssemblySpeakingTurn[];
  /** The stored minutes (workflow, narrative, corrections), or null before the clerk starts them. */
  minutes: MinutesRecord | null;
  /** Where numbering continues from when the minutes are not started yet. */
  previousLastMinute: number;
}

/** An instant as London wall-clock HH:MM (minutes print local time; Chamber stores instants). */
export function londonTime(instant: string): string | null {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' }).formatToParts(date);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${hour}:${minute}`;
}

export function assembleMinutes(input: MinutesAssemblyInput): MinutesDocument {
  const { meeting, minutes } = input;
  const name = (id: string) => input.memberNames[id] ?? id;
  const roleOf = new Map(input.roles.map((r) => [r.memberId, r.role]));
  const titleOf = new Map(input.agenda.map((a) => [a.number, a.title]));
  const gaps: Gap[] = [];

  const present = input.attendance
    .filter((a) => a.status === 'present')
    .map((a) => {
      const role = roleOf.get(a.memberId);
      return { name: a.memberName, ...(role === 'chair' || role === 'vice-chair' ? { role } : {}) };
    })
    // The chair first, then the vice-chair, then members as recorded.
    .sort((a, b) => rank(a.role) - rank(b.role));
  const recordedAttendance = input.attendance.some((a) => a.status === 'present' || a.status === 'apologies' || a.status === 'substitute');
  if (!recordedAttendance) gaps.push({ code: 'no-attendance' });
  else if (!present.some((p) => p.role === 'chair')) gaps.push({ code: 'no-chair' });

  const councilName = (minutes?.councilName ?? input.councilName).trim();
  if (councilName === '') gaps.push({ code: 'no-council-name' });
  if (input.agenda.length === 0) gaps.push({ code: 'no-agenda' });

  const declaration = (d: AssemblyDeclaration): MinutesDeclaration => ({
    memberName: name(d.memberId),
    itemNumber: d.itemNumber,
    ...(titleOf.has(d.itemNumber) ? { itemTitle: titleOf.get(d.itemNumber) } : {}),
    kind: d.kind,
    nature: d.natureWithheld ? null : d.nature,
    action: d.action,
    ...(d.dispensationReference ? { dispensationReference: d.dispensationReference } : {}),
    ...(d.declaredAt.when === 'during-item' ? { declaredDuringItem: d.declaredAt.itemNumber } : {}),
    ...(d.scope.whole ? {} : { part: d.scope.part }),
  });
  const standing = input.declarations.filter((d) => d.withdrawnAt === null);
  const atDeclarationsItem = standing.filter((d) => d.declaredAt.when === 'declarations-item').map(declaration);
  const duringItem = (number: string) => standing.filter((d) => d.declaredAt.when === 'during-item' && d.declaredAt.itemNumber === number).map(declaration);

  const narrativeOf = new Map((minutes?.narratives ?? []).map((n) => [n.itemNumber, n.narrative]));
  const progressOf = new Map(input.progress.map((p) => [p.number, p]));
  const previous = minutes?.previousLastMinute ?? input.previousLastMinute;

  const items: MinuteItem[] = input.agenda.map((agendaItem, index) => {
    const number = agendaItem.number;
    const role = roleOfItemTitle(agendaItem.title);
    const narrative: RichText = narrativeOf.get(number) ?? [];
    const recorded = input.outcomes.find((o) => o.itemNumber === number);
    const deferred = progressOf.get(number)?.deferred === true;
    const outcome: MinutesOutcome | null = recorded
      ? { kind: recorded.kind, ...(recorded.resolution ? { resolution: recorded.resolution } : {}) }
      : deferred
        ? { kind: 'deferred' }
        : null;
    const speakers = (input.speakingTurns ?? [])
      .filter((turn) => turn.itemNumber === number)
      .map((turn) => ({ name: turn.speaker, seconds: turn.seconds, ...(turn.limitSeconds === null ? {} : { limitSeconds: turn.limitSeconds }), overSeconds: turn.overSeconds }));
    const itemGaps: Gap[] = [];
    if (!outcome && isBlank(narrative) && role !== 'declarations') itemGaps.push({ code: 'no-outcome', itemNumber: number });
    if (outcome?.kind === 'resolved' && !outcome.resolution) itemGaps.push({ code: 'no-resolution-text', itemNumber: number });
    return {
      minuteNumber: previous + index + 1,
      itemNumber: number,
      title: agendaItem.title,
      role,
      partTwo: progressOf.get(number)?.partTwo === true,
      narrative,
      outcome,
      vote: recorded?.vote ? vote(recorded.vote, name) : null,
      declarations: duringItem(number),
      panelComments: input.panelComments
        .filter((c) => c.itemNumber === number && c.agreedText !== null && c.agreedText.trim() !== '')
        .map((c) => ({ title: c.title, text: c.agreedText ?? '' })),
      actions: input.actions.filter((a) => a.itemNumber === number).map((a) => ({ text: a.text, owner: a.owner, ...(a.dueDate ? { dueDate: a.dueDate } : {}) })),
      ...(speakers.length > 0 ? { speakers } : {}),
      gaps: itemGaps,
    };
  });
  if (!items.some((i) => i.role === 'declarations') && input.agenda.length > 0) gaps.push({ code: 'no-declarations-item' });

  const ends = input.progress.map((p) => p.endedAt).filter((e): e is string => e !== null).sort();
  const lastEnd = ends.at(-1);
  const endTime = lastEnd === undefined ? null : londonTime(lastEnd);
  const minuteOfItem = new Map(items.map((i) => [i.itemNumber, i.minuteNumber]));
  const approval = minutes?.approval;

  return MinutesDocumentSchema.parse({
    meetingId: meeting.id,
    councilName,
    committee: meeting.committee,
    meetingTitle: meeting.title,
    date: meeting.date,
    startTime: meeting.startTime,
    endTime,
    venue: meeting.venue,
    status: minutes?.status ?? 'draft',
    approval: approval ? { meetingDate: approval.meetingDate, committee: approval.committee } : null,
    present,
    apologies: input.attendance.filter((a) => a.status === 'apologies').map((a) => ({ name: a.memberName })),
    substitutes: input.attendance
      .filter((a) => a.status === 'substitute')
      .map((a) => ({ name: a.memberName, forName: a.substituteForName ?? (a.substituteFor ? name(a.substituteFor) : '?') })),
    alsoInAttendance: input.attendance.filter((a) => a.status === 'in-attendance').map((a) => ({ name: a.memberName })),
    declarations: atDeclarationsItem,
    items,
    corrections: (minutes?.corrections ?? []).map((c) => {
      const minuteNumber = c.itemNumber === null ? undefined : minuteOfItem.get(c.itemNumber);
      return { at: c.at, text: c.text, ...(minuteNumber === undefined ? {} : { minuteNumber }) };
    }),
    gaps,
  });
}

const rank = (role: string | undefined) => (role === 'chair' ? 0 : role === 'vice-chair' ? 1 : 2);

function vote(v: NonNullable<AssemblyOutcome['vote']>, name: (id: string) => string): MinutesVote {
  return {
    for: v.for,
    against: v.against,
    abstain: v.abstain,
    ...(v.recorded ? { recorded: { for: v.recorded.for.map(name), against: v.recorded.against.map(name), abstain: v.recorded.abstain.map(name) } } : {}),
  };
}
