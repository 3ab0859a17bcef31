import { z } from 'zod';
import { IsoDate, Time24 } from './calendar';

/** An inclusive range of 1-based page numbers (printed "Page N" numbers, or PDF page indices). */
export const PageRange = z.object({ from: z.number().int().positive(), to: z.number().int().positive() });
export type PageRange = z.infer<typeof PageRange>;

export const memberRoles = ['chair', 'vice-chair', 'member'] as const;
export const PackMemberRole = z.enum(memberRoles);

export const PackMember = z.object({ name: z.string().min(1), role: PackMemberRole });
export type PackMember = z.infer<typeof PackMember>;

/** What the front sheet says about the meeting; any field the importer could not read is null. */
export const PackMeeting = z.object({
  committee: z.string().min(1).nullable(),
  date: IsoDate.nullable(),
  startTime: Time24.nullable(),
  venue: z.string().min(1).nullable(),
  members: z.array(PackMember),
});
export type PackMeeting = z.infer<typeof PackMeeting>;

export const itemStatuses = ['published', 'to-follow', 'previously-circulated', 'none'] as const;
export const ItemStatus = z.enum(itemStatuses);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const PackItem = z.object({
  /** As printed: "5", "5a", "10". */
  number: z.string().min(1),
  title: z.string().min(1),
  printedPages: PageRange.nullable(),
  /** 1-based PDF page indices the item's papers occupy. */
  pdfPages: PageRange.nullable(),
  timing: z.object({ from: Time24, to: Time24 }).nullable(),
  status: ItemStatus,
  /**
   * Exempt business (Schedule 12A, "Part II"). Set only where an agenda says so (Modern.gov, the
   * council endpoint); a pack read from its own text cannot tell, and leaves it out.
   */
  restricted: z.boolean().optional(),
});
export type PackItem = z.infer<typeof PackItem>;

/** Things the importer could not determine, said out loud rather than guessed. */
export const structureWarningCodes = [
  'NO_AGENDA_TABLE',
  'NO_PAGE_FOOTERS',
  'ITEM_PAGES_NOT_FOUND',
  'MEETING_DATE_NOT_FOUND',
  'MEETING_TIME_NOT_FOUND',
  'COMMITTEE_NOT_FOUND',
  'VENUE_NOT_FOUND',
  'MEMBERS_NOT_FOUND',
  'NO_TEXT_LAYER',
  'PAGES_WITHOUT_TEXT',
  'VERY_LARGE_PACK',
  'FRONT_SHEET_DATE_DIFFERS',
  'FRONT_SHEET_COMMITTEE_DIFFERS',
  /** pdf.js could not read some pages: they import with no text (issue 20). */
  'PAGES_UNREADABLE',
  'MEETING_TIME_ASSUMED',
  'VENUE_ASSUMED',
] as const;
/** The meeting fields a front sheet gives; an import that cannot place a pack says which it lacked. */
export const meetingFields = ['committee', 'date', 'startTime', 'venue'] as const;
export const MeetingField = z.enum(meetingFields);
export type MeetingField = z.infer<typeof MeetingField>;

export const StructureWarning = z.object({
  code: z.enum(structureWarningCodes),
  /** English detail for logs and the command line (e.g. which item). */
  detail: z.string(),
  item: z.string().optional(),
  /** For a pack attached to a chosen meeting: what the front sheet says, and what the meeting says. */
  found: z.string().optional(),
  expected: z.string().optional(),
});
export type StructureWarning = z.infer<typeof StructureWarning>;

export const PackStructure = z.object({
  meeting: PackMeeting,
  items: z.array(PackItem),
  /** Printed page number per PDF page (index 0 is PDF page 1); null where none is printed. */
  printedPageNumbers: z.array(z.number().int().positive().nullable()),
  /** Where the items came from: the front sheet's agenda table, or report headings as a fallback. */
  source: z.enum(['agenda-table', 'headings', 'none']),
  warnings: z.array(StructureWarning),
});
export type PackStructure = z.infer<typeof PackStructure>;
