import { hasPdfHeader } from '../../../shared/pdf/header';
import { toUkDate } from './calendar';
import { ModernGovError } from './errors';
import { SiteHttp, type SiteHttpOptions, type Validators } from './http';
import { readCommittees, readMeeting, readMeetings, type MgCommittee, type MgMeeting, type MgMeetingSummary } from './xml';

export type Fetched<T> = { changed: false } | { changed: true; value: T; validators: Validators };

export type DocumentDownload = { changed: false } | { changed: true; bytes: Buffer; validators: Validators };

/** The read-only Modern.gov web service of one site: GetCommittees, GetMeetings, GetMeeting, documents. */
export class ModernGovClient {
  readonly http: SiteHttp;

  constructor(baseUrl: string, options: SiteHttpOptions = {}) {
    this.http = new SiteHttp(baseUrl, options);
  }

  async committees(): Promise<MgCommittee[]> {
    const answer = await this.http.getXml('GetCommittees', { lDummy: '0' });
    return answer.text === undefined ? [] : readCommittees(answer.text);
  }

  /** Meetings of a committee between two YYYY-MM-DD dates, inclusive (sent as dd/mm/yyyy). */
  async meetings(committeeId: number, from: string, to: string): Promise<MgMeetingSummary[]> {
    const answer = await this.http.getXml('GetMeetings', { lCommitteeId: String(committeeId), sFromDate: toUkDate(from), sToDate: toUkDate(to) });
    // The service ignores a range it cannot read and answers with everything; keep to the range asked.
    return answer.text === undefined ? [] : readMeetings(answer.text).filter((m) => m.date >= from && m.date <= to);
  }

  async meeting(meetingId: number, validators?: Validators): Promise<Fetched<MgMeeting>> {
    let answer;
    try {
      answer = await this.http.getXml('GetMeeting', { lMeetingId: String(meetingId) }, validators);
    } catch (error) {
      // The site answered the meeting list, so a 500 here is this meeting's trouble, not a switched-off service.
      if (error instanceof ModernGovError && error.code === 'MODERNGOV_SWITCHED_OFF' && error.httpStatus === 500) {
        throw new ModernGovError('MODERNGOV_SERVER_ERROR', `The site failed to give meeting ${meetingId} (HTTP 500).`, 500);
      }
      throw error;
    }
    if (answer.status === 'not-modified' || answer.text === undefined) return { changed: false };
    const value = readMeeting(answer.text);
    if (value.id !== meetingId) throw new ModernGovError('MODERNGOV_BAD_XML', `Asked for meeting ${meetingId}, the site sent meeting ${value.id}.`);
    return { changed: true, value, validators: answer.validators };
  }

  /** A linked document (its `url`, or mgConvert2PDF.aspx); only PDFs are accepted. */
  async document(link: string, validators?: Validators): Promise<DocumentDownload> {
    const answer = await this.http.get(link, 'document', validators);
    if (answer.status === 'not-modified') return { changed: false };
    // The importer's own sniff, so a download pdf.js would open is never refused here first.
    if (!hasPdfHeader(answer.body)) throw new ModernGovError('MODERNGOV_NOT_PDF', `${answer.url} is not a PDF.`);
    return { changed: true, bytes: answer.body, validators: answer.validators };
  }
}
