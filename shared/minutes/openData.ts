/**
 * Minutes as open data: the meeting as an Open Civic Data event (participants, agenda with each
 * minute's text), each resolution as a Popolo motion, and each vote as a Popolo vote event with
 * counts and, for recorded votes, who voted which way. Field names follow those specifications;
 * what they have no field for (declarations, actions, panel comments, gaps) goes in `extras`.
 */
import { z } from 'zod';
import type { MinuteItem, MinutesDocument } from './model';
import { Gap, MinutesAction, MinutesComment, MinutesDeclaration, MinutesStatus } from './model';
import { plainText } from './richText';

const Participant = z.object({ entity_type: z.enum(['organization', 'person']), name: z.string(), note: z.string() });

const AgendaItem = z.object({
  description: z.string(),
  order: z.string(),
  subjects: z.array(z.string()),
  notes: z.array(z.string()),
  related_entities: z.array(z.object({ entity_type: z.enum(['vote_event']), id: z.string(), note: z.string() })),
  extras: z.object({
    minute_number: z.number().int(),
    item_number: z.string(),
    part_two: z.boolean(),
    declarations: z.array(MinutesDeclaration),
    panel_comments: z.array(MinutesComment),
    actions: z.array(MinutesAction),
    gaps: z.array(Gap),
  }),
});

export const PopoloMotion = z.object({
  id: z.string(),
  organization: z.string(),
  text: z.string(),
  classification: z.enum(['resolved', 'agreed']),
  date: z.string(),
  requirement: z.string(),
  result: z.enum(['pass', 'fail']),
});

const voteOptions = ['yes', 'no', 'abstain'] as const;
export const PopoloVoteEvent = z.object({
  id: z.string(),
  motion_id: z.string().nullable(),
  organization: z.string(),
  start_date: z.string(),
  result: z.enum(['pass', 'fail']),
  counts: z.array(z.object({ option: z.enum(voteOptions), value: z.number().int().nonnegative() })),
  votes: z.array(z.object({ voter_name: z.string(), option: z.enum(voteOptions) })),
});

export const OpenCivicDataMinutes = z.object({
  event: z.object({
    _type: z.literal('event'),
    id: z.string(),
    name: z.string(),
    description: z.string(),
    classification: z.literal('committee-meeting'),
    start_date: z.string(),
    end_date: z.string().nullable(),
    timezone: z.literal('Europe/London'),
    all_day: z.literal(false),
    status: z.literal('passed'),
    location: z.object({ name: z.string() }),
    participants: z.array(Participant),
    agenda: z.array(AgendaItem),
    sources: z.array(z.object({ note: z.string() })),
    extras: z.object({
      council: z.string(),
      minutes_status: MinutesStatus,
      approved_at: z.object({ meeting_date: z.string(), committee: z.string(), minute_number: z.number().int().optional() }).nullable(),
      apologies: z.array(z.string()),
      substitutes: z.array(z.object({ name: z.string(), substitute_for: z.string() })),
      declarations: z.array(MinutesDeclaration),
      gaps: z.array(Gap),
    }),
  }),
  motions: z.array(PopoloMotion),
  vote_events: z.array(PopoloVoteEvent),
});
export type OpenCivicDataMinutes = z.infer<typeof OpenCivicDataMinutes>;

const motionId = (doc: MinutesDocument, item: MinuteItem) => `chamber-motion/${doc.meetingId}/${item.minuteNumber}`;

export function toOpenCivicData(doc: MinutesDocument): OpenCivicDataMinutes {
  const motions: OpenCivicDataMinutes['motions'] = [];
  const voteEvents: OpenCivicDataMinutes['vote_events'] = [];
  const startDate = `${doc.date}T${doc.startTime}`;

  for (const item of doc.items) {
    const outcome = item.outcome;
    const hasMotion = (outcome?.kind === 'resolved' || outcome?.kind === 'agreed') && (outcome.resolution ?? '').trim() !== '';
    const passed = !item.vote || item.vote.for > item.vote.against;
    if (hasMotion && outcome) {
      motions.push({ id: motionId(doc, item), organization: doc.committee, text: outcome.resolution ?? '', classification: outcome.kind === 'agreed' ? 'agreed' : 'resolved', date: doc.date, requirement: 'majority', result: passed ? 'pass' : 'fail' });
    }
    if (item.vote) {
      const v = item.vote;
      const recorded = v.recorded;
      voteEvents.push({
        id: `chamber-vote/${doc.meetingId}/${item.minuteNumber}`,
        motion_id: hasMotion ? motionId(doc, item) : null,
        organization: doc.committee,
        start_date: startDate,
        result: passed ? 'pass' : 'fail',
        counts: [
          { option: 'yes', value: v.for },
          { option: 'no', value: v.against },
          { option: 'abstain', value: v.abstain },
        ],
        votes: recorded
          ? [
              ...recorded.for.map((voter_name) => ({ voter_name, option: 'yes' as const })),
              ...recorded.against.map((voter_name) => ({ voter_name, option: 'no' as const })),
              ...recorded.abstain.map((voter_name) => ({ voter_name, option: 'abstain' as const })),
            ]
          : [],
      });
    }
  }

  return OpenCivicDataMinutes.parse({
    event: {
      _type: 'event',
      id: `chamber-event/${doc.meetingId}`,
      name: doc.meetingTitle || doc.committee,
      description: doc.committee,
      classification: 'committee-meeting',
      start_date: startDate,
      end_date: doc.endTime ? `${doc.date}T${doc.endTime}` : null,
      timezone: 'Europe/London',
      all_day: false,
      status: 'passed',
      location: { name: doc.venue },
      participants: [
        { entity_type: 'organization', name: doc.committee, note: 'host' },
        ...doc.present.map((p) => ({ entity_type: 'person' as const, name: p.name, note: p.role ?? 'present' })),
        ...doc.substitutes.map((s) => ({ entity_type: 'person' as const, name: s.name, note: 'substitute' })),
        ...doc.alsoInAttendance.map((a) => ({ entity_type: 'person' as const, name: a.name, note: a.description ? `in attendance: ${a.description}` : 'in attendance' })),
      ],
      agenda: doc.items.map((item) => ({
        description: item.title,
        order: item.itemNumber,
        subjects: [],
        // Exempt (Part II) business is minuted but not published as open data.
        notes: item.partTwo ? [] : [plainText(item.narrative), ...(item.outcome?.resolution ? [item.outcome.resolution] : [])].filter((n) => n.trim() !== ''),
        related_entities: item.vote ? [{ entity_type: 'vote_event' as const, id: `chamber-vote/${doc.meetingId}/${item.minuteNumber}`, note: 'vote' }] : [],
        extras: {
          minute_number: item.minuteNumber,
          item_number: item.itemNumber,
          part_two: item.partTwo,
          declarations: item.declarations,
          panel_comments: item.panelComments,
          actions: item.actions,
          gaps: item.gaps,
        },
      })),
      sources: [{ note: 'Chamber minutes' }],
      extras: {
        council: doc.councilName,
        minutes_status: doc.status,
        approved_at: doc.approval ? { meeting_date: doc.approval.meetingDate, committee: doc.approval.committee, ...(doc.approval.minuteNumber === undefined ? {} : { minute_number: doc.approval.minuteNumber }) } : null,
        apologies: doc.apologies.map((a) => a.name),
        substitutes: doc.substitutes.map((s) => ({ name: s.name, substitute_for: s.forName })),
        declarations: doc.declarations,
        gaps: [...doc.gaps, ...doc.items.flatMap((i) => i.gaps)],
      },
    },
    motions,
    vote_events: voteEvents,
  });
}
