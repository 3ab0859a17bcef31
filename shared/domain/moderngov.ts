import { z } from 'zod';
import { IsoDate, Time24 } from './calendar';
import { MeetingStatus } from './meeting';
import { Sha256 } from './import';
import { MeetingId, UtcInstant } from '../vocabulary';

/** Modern.gov sites, committees and what a refresh brought, as they cross the contract. */

export const ModernGovSiteId = z.uuid();

export const ModernGovCommittee = z.object({ id: z.number().int().positive(), title: z.string(), chosen: z.boolean() });
export type ModernGovCommittee = z.infer<typeof ModernGovCommittee>;

export const ModernGovSite = z.object({
  id: ModernGovSiteId,
  baseUrl: z.string(),
  daysAhead: z.number().int().min(1).max(730),
  refreshedAt: UtcInstant.nullable(),
  committees: z.array(ModernGovCommittee),
});
export type ModernGovSite = z.infer<typeof ModernGovSite>;

export const itemChangeKinds = ['new-item', 'new-document', 'supplement', 'publication-date-changed', 'document-changed', 'title-changed', 'agenda-text-changed'] as const;
export const ModernGovChange = z.object({
  kind: z.enum(itemChangeKinds),
  /** The document concerned, where the change is about one. */
  documentTitle: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  detectedAt: UtcInstant,
  seen: z.boolean(),
});
export type ModernGovChange = z.infer<typeof ModernGovChange>;

export const ModernGovDocument = z.object({
  attachmentId: z.number().int().positive(),
  title: z.string(),
  url: z.string(),
  publishedAt: z.string().nullable(),
  restricted: z.boolean(),
  sha256: Sha256.nullable(),
  /** Where the PDF sits inside the meeting's pack (1-based PDF pages), when it arrived. */
  pdfPages: z.object({ from: z.number().int().positive(), to: z.number().int().positive() }).nullable(),
  /** Why it could not be fetched last time (an error code), or null. */
  error: z.string().nullable(),
  /** After a failure: not asked for again before this instant (the backoff grows with each failure). */
  retryAfter: UtcInstant.nullable().default(null),
});
export type ModernGovDocument = z.infer<typeof ModernGovDocument>;

export const ModernGovItem = z.object({
  modernGovId: z.number().int().positive(),
  number: z.string(),
  title: z.string(),
  /** As published: HTML that must be sanitised before it is shown. */
  agendaHtml: z.string(),
  restricted: z.boolean(),
  documents: z.array(ModernGovDocument),
  changes: z.array(ModernGovChange),
});
export type ModernGovItem = z.infer<typeof ModernGovItem>;

export const ModernGovMeetingDetail = z.object({
  meetingId: MeetingId,
  siteId: ModernGovSiteId,
  siteUrl: z.string(),
  modernGovId: z.number().int().positive(),
  fetchedAt: UtcInstant,
  /** The last refresh could not read this meeting (its agenda may be out of date); null when it could. */
  failure: z.object({ code: z.string(), message: z.string(), at: UtcInstant }).nullable().default(null),
  items: z.array(ModernGovItem),
});
export type ModernGovMeetingDetail = z.infer<typeof ModernGovMeetingDetail>;

/**
 * One thing a refresh could not bring: a whole meeting (its GetMeeting failed: `attachmentId` is
 * null and `title` names the meeting) or one document. The rest of the refresh carried on.
 */
export const DocumentFailure = z.object({
  kind: z.enum(['meeting', 'document']).default('document'),
  meetingModernGovId: z.number().int().positive(),
  /** The meeting's date as the site listed it (YYYY-MM-DD). */
  meetingDate: IsoDate.nullable().default(null),
  attachmentId: z.number().int().positive().nullable(),
  title: z.string(),
  url: z.string(),
  code: z.string(),
  message: z.string(),
  /** Not asked for again before this instant (a document failing again waits longer each time). */
  retryAfter: UtcInstant.nullable().default(null),
});
export type DocumentFailure = z.infer<typeof DocumentFailure>;

export const FetchedMeeting = z.object({
  id: MeetingId,
  modernGovId: z.number().int().positive(),
  committee: z.string(),
  date: IsoDate,
  startTime: Time24,
  status: MeetingStatus,
  /** False when the site said nothing changed since the last fetch (validators). */
  changed: z.boolean(),
  packVersion: z.number().int().positive().nullable(),
  changes: z.number().int().nonnegative(),
});
export type FetchedMeeting = z.infer<typeof FetchedMeeting>;

export const RefreshResult = z.object({
  meetings: z.array(FetchedMeeting),
  failures: z.array(DocumentFailure),
});
export type RefreshResult = z.infer<typeof RefreshResult>;

export const RefreshState = z.object({
  id: z.uuid(),
  state: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  result: RefreshResult.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type RefreshState = z.infer<typeof RefreshState>;
