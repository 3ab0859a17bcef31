import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { MeetingDocument, PublishedMeeting } from '../../../shared/sync/wire';
import { upcomingMeeting } from './syncClients';
import type { TestEndpoint } from '../../../endpoint/testing/testEndpoint';

/** A one-page PDF whose text is its title, as a report's first page would be. */
export async function onePagePaper(title: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(title, { x: 72, y: 760, size: 18, font });
  return pdf.save();
}

/**
 * A meeting held `daysAgo` days ago (outside any automatic download window) published as agenda
 * items and papers: item 1's report is open, item 2 is Part II with a restricted report.
 */
export async function publishPastMeeting(endpoint: TestEndpoint, daysAgo = 40): Promise<{ meeting: PublishedMeeting; open: MeetingDocument; exempt: MeetingDocument }> {
  const items = [
    { number: '1', title: 'Library opening hours', restricted: false },
    { number: '2', title: 'Disposal of the depot site', restricted: true },
  ];
  const { meeting } = await endpoint.publish({ ...upcomingMeeting(-daysAgo), title: 'Planning Panel (last month)', items });
  const open = await endpoint.upload(meeting.id, { bytes: await onePagePaper('Library opening hours report'), title: 'Library opening hours report', kind: 'report', itemNumber: '1' });
  const exempt = await endpoint.upload(meeting.id, { bytes: await onePagePaper('Exempt: depot site valuation'), title: 'Depot site valuation', kind: 'report', itemNumber: '2', restricted: true });
  return { meeting, open, exempt };
}
