/**
 * Minutes as a document: everything the exports (Word, PDF, HTML, JSON) need, already assembled
 * from what was recorded at the meeting and the clerk's narrative, but still language-neutral.
 * Fixed phrases and headings are chosen when rendering (English or Welsh); names, titles, narrative
 * and resolutions are shown as written.
 *
 * Missing data is not an error here: it becomes a `gap` the renderers show to the clerk, so an
 * export of a half-recorded meeting still works and says what is missing.
 */
import { z } from 'zod';
import { IsoDate, Time24 } from '../domain/calendar';
import { DeclarationAction, InterestKind } from '../declarations/schema';
import { RichText } from './richText';
import { outcomeKinds } from '../vocabulary';

const Name = z.string().trim().min(1).max(200);
const ItemNumber = z.string().trim().min(1).max(50);

export const minutesStatuses = ['draft', 'circulated', 'approved', 'locked'] as const;
export const MinutesStatus = z.enum(minutesStatuses);
export type MinutesStatus = z.infer<typeof MinutesStatus>;

export const gapCodes = [
  /** Nobody was recorded as present or as having sent apologies. */
  'no-attendance',
  /** No chair was recorded among those present. */
  'no-chair',
  /** The item has neither an outcome nor any narrative. */
  'no-outcome',
  /** The item was resolved but the resolution's words are missing. */
  'no-resolution-text',
  /** The time the meeting ended was not recorded. */
  'no-end-time',
  /** The agenda has no declarations item, so declarations are listed on their own. */
  'no-declarations-item',
  /** The meeting has no agenda (no pack imported), so there are no minutes to number. */
  'no-agenda',
  /** Nobody said which council the minutes are for (it heads every page). */
  'no-council-name',
] as const;
export const GapCode = z.enum(gapCodes);
export type GapCode = z.infer<typeof GapCode>;

export const Gap = z.object({ code: GapCode, itemNumber: ItemNumber.optional() }).strict();
export type Gap = z.infer<typeof Gap>;

export const PresentMember = z.object({ name: Name, role: z.enum(['chair', 'vice-chair']).optional() }).strict();
export type PresentMember = z.infer<typeof PresentMember>;

export const Substitute = z.object({ name: Name, forName: Name }).strict();
export type Substitute = z.infer<typeof Substitute>;

/** Officers and cabinet members: they attend without voting; `description` is their post as given. */
export const InAttendance = z.object({ name: Name, description: z.string().trim().max(300).optional() }).strict();
export type InAttendance = z.infer<typeof InAttendance>;

export const MinutesDeclaration = z
  .object({
    memberName: Name,
    itemNumber: ItemNumber,
    itemTitle: z.string().max(2000).optional(),
    kind: InterestKind,
    /** Null for a sensitive interest: its nature is withheld, and the renderers say so in words. */
    nature: z.string().min(1).max(1000).nullable(),
    action: DeclarationAction,
    dispensationReference: z.string().max(100).optional(),
    /** Set when the interest was declared during an item rather than at the declarations item. */
    declaredDuringItem: ItemNumber.optional(),
    /** A named part of the item the declaration covers, when not the whole of it. */
    part: z.string().max(200).optional(),
  })
  .strict();
export type MinutesDeclaration = z.infer<typeof MinutesDeclaration>;


export const MinutesOutcome = z
  .object({
    kind: z.enum(outcomeKinds),
    /** The words after "RESOLVED" (usually beginning "that"). */
    resolution: z.string().max(10_000).optional(),
  })
  .strict();
export type MinutesOutcome = z.infer<typeof MinutesOutcome>;

const Voters = z.array(Name).max(500);
export const MinutesVote = z
  .object({
    for: z.number().int().nonnegative(),
    against: z.number().int().nonnegative(),
    abstain: z.number().int().nonnegative(),
    /** Names by side when the vote was recorded on request. */
    recorded: z.object({ for: Voters, against: Voters, abstain: Voters }).strict().optional(),
  })
  .strict();
export type MinutesVote = z.infer<typeof MinutesVote>;

export const MinutesComment = z.object({ title: z.string().max(500), text: z.string().min(1).max(20_000) }).strict();
export type MinutesComment = z.infer<typeof MinutesComment>;

export const MinutesAction = z.object({ text: z.string().min(1).max(2000), owner: Name, dueDate: IsoDate.optional() }).strict();
export type MinutesAction = z.infer<typeof MinutesAction>;

/** A timed turn at speaking on the item (public participation, question time). */
export const MinutesSpeaker = z
  .object({ name: Name, seconds: z.number().int().nonnegative(), limitSeconds: z.number().int().positive().optional(), overSeconds: z.number().int().nonnegative() })
  .strict();
export type MinutesSpeaker = z.infer<typeof MinutesSpeaker>;

/** What an agenda item is for, so its minute shows attendance or the declarations at the right place. */
export const itemRoles = ['apologies', 'declarations', 'confirmation', 'business'] as const;
export const ItemRole = z.enum(itemRoles);
export type ItemRole = z.infer<typeof ItemRole>;

export const MinuteItem = z
  .object({
    minuteNumber: z.number().int().positive(),
    itemNumber: ItemNumber,
    title: z.string().trim().min(1).max(2000),
    role: ItemRole,
    /** Exempt (Schedule 12A, Part II) business: minuted, but marked. */
    partTwo: z.boolean().default(false),
    narrative: RichText,
    outcome: MinutesOutcome.nullable(),
    vote: MinutesVote.nullable(),
    /** Declarations made during this item (those at the declarations item are on the document). */
    declarations: z.array(MinutesDeclaration).max(500),
    panelComments: z.array(MinutesComment).max(100),
    actions: z.array(MinutesAction).max(200),
    /** Absent in minutes made before speakers were timed, and when nobody was. */
    speakers: z.array(MinutesSpeaker).max(500).optional(),
    gaps: z.array(Gap).max(20),
  })
  .strict();
export type MinuteItem = z.infer<typeof MinuteItem>;

export const MinutesApproval = z
  .object({
    /** The later meeting at which the minutes were confirmed as a correct record. */
    meetingDate: IsoDate,
    committee: Name,
    minuteNumber: z.number().int().positive().optional(),
  })
  .strict();
export type MinutesApproval = z.infer<typeof MinutesApproval>;

export const MinutesCorrection = z.object({ at: z.string(), minuteNumber: z.number().int().positive().optional(), text: z.string().min(1).max(5000) }).strict();
export type MinutesCorrection = z.infer<typeof MinutesCorrection>;

export const MinutesDocument = z
  .object({
    meetingId: z.uuid(),
    /** Empty when unknown (a `no-council-name` gap says so). */
    councilName: z.string().trim().max(200),
    committee: Name,
    meetingTitle: z.string().trim().max(200),
    date: IsoDate,
    startTime: Time24,
    endTime: Time24.nullable(),
    venue: z.string().trim().max(200),
    status: MinutesStatus,
    approval: MinutesApproval.nullable(),
    present: z.array(PresentMember).max(500),
    apologies: z.array(z.object({ name: Name }).strict()).max(500),
    substitutes: z.array(Substitute).max(500),
    alsoInAttendance: z.array(InAttendance).max(500),
    /** Declarations made at the declarations item, in agenda order. */
    declarations: z.array(MinutesDeclaration).max(1000),
    items: z.array(MinuteItem).max(500),
    corrections: z.array(MinutesCorrection).max(500),
    /** Gaps that belong to the meeting as a whole (items carry their own). */
    gaps: z.array(Gap).max(20),
  })
  .strict();
export type MinutesDocument = z.infer<typeof MinutesDocument>;
export type MinutesDocumentInput = z.input<typeof MinutesDocument>;

/** Minute numbers continue across meetings: the first item follows the previous meeting's last minute. */
export function numberMinutes<T>(previousLastMinute: number, items: readonly T[]): (T & { minuteNumber: number })[] {
  return items.map((item, index) => ({ ...item, minuteNumber: previousLastMinute + index + 1 }));
}

/** The item whose minute lists the declarations, if the agenda has one. */
export const declarationsItem = (doc: Pick<MinutesDocument, 'items'>): MinuteItem | undefined => doc.items.find((i) => i.role === 'declarations');

/** Every gap in the document, the meeting's first, in the order the clerk meets them. */
export const allGaps = (doc: MinutesDocument): Gap[] => [...doc.gaps, ...doc.items.flatMap((item) => item.gaps)];

/** Guesses what an agenda item is for from its title, as the seed agendas word them. */
export function roleOfItemTitle(title: string): ItemRole {
  const t = title.toLowerCase();
  if (/\bdeclarations?\b/.test(t) || /\bdatgan/.test(t)) return 'declarations';
  if (/\bconfirmation of the minutes\b/.test(t) || /\bminutes of the previous\b/.test(t) || /cadarnhau['’]?r cofnodion/.test(t)) return 'confirmation';
  if (/\bapologies\b/.test(t) || /ymddiheuriadau/.test(t)) return 'apologies';
  return 'business';
}
