import { z } from 'zod';
import { IsoDate } from '../../domain/calendar';
import { ModernGovMeetingDetail, ModernGovSite, ModernGovSiteId, RefreshState } from '../../domain/moderngov';
import { MeetingId } from '../../vocabulary';

/** Modern.gov sites as a source of meetings and packs (issue 8). */
export const moderngovOperations = {
  addModernGovSite: {
    summary: "Add a council's Modern.gov site (its committees are read to check it answers)",
    input: z.object({ url: z.string().trim().min(1).max(500) }).strict(),
    output: ModernGovSite,
  },
  listModernGovSites: {
    summary: 'The Modern.gov sites this device fetches from, with their committees',
    input: z.object({}).strict(),
    output: z.array(ModernGovSite),
  },
  updateModernGovSite: {
    summary: 'Choose the committees to fetch and how many days ahead',
    input: z
      .object({ siteId: ModernGovSiteId, chosenCommitteeIds: z.array(z.number().int().positive()).max(500).optional(), daysAhead: z.number().int().min(1).max(730).optional() })
      .strict(),
    output: ModernGovSite,
  },
  removeModernGovSite: {
    summary: 'Stop fetching from a site (meetings already fetched stay)',
    input: z.object({ siteId: ModernGovSiteId }).strict(),
    output: z.object({}),
  },
  startModernGovRefresh: {
    summary: "Fetch the chosen committees' meetings and packs from a site (runs in the background with progress)",
    input: z.object({ siteId: ModernGovSiteId, committeeId: z.number().int().positive().optional(), from: IsoDate.optional(), to: IsoDate.optional() }).strict(),
    output: z.object({ refreshId: z.uuid() }),
  },
  getModernGovRefresh: {
    summary: 'Progress and outcome of a refresh',
    input: z.object({ refreshId: z.uuid() }).strict(),
    output: RefreshState,
  },
  cancelModernGovRefresh: {
    summary: 'Cancel a running refresh: meetings already fetched stay, nothing half-read is kept',
    input: z.object({ refreshId: z.uuid() }).strict(),
    output: RefreshState,
  },
  getModernGovMeeting: {
    summary: "What Modern.gov published for a meeting: items, agenda text, documents and what is new since last seen",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: ModernGovMeetingDetail.nullable(),
  },
  markModernGovChangesSeen: {
    summary: "Mark a meeting's new and changed items as seen",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: z.object({ marked: z.number().int().nonnegative() }),
  },
};
