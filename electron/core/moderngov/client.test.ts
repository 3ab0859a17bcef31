import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModernGovSite, type ModernGovTestSite } from '../testing/modernGovSite';
import { samplePackDir } from '../testing/samplePacks';
import { ModernGovClient } from './client';
import { normaliseSiteUrl } from './http';

let site: ModernGovTestSite;
beforeAll(async () => {
  site = await startModernGovSite({ samplePackDir, today: '2026-11-23' });
});
afterAll(() => site.close());

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
  return { code: 'no error', message: '' };
};

describe('Modern.gov client against the local test site', () => {
  it('normalises a site address however it is typed', () => {
    expect(normaliseSiteUrl('https://democracy.example.gov.uk/mgWebService.asmx')).toBe('https://democracy.example.gov.uk');
    expect(normaliseSiteUrl('https://democracy.example.gov.uk/')).toBe('https://democracy.example.gov.uk');
    expect(() => normaliseSiteUrl('file:///etc/passwd')).toThrow(/https/);
    expect(() => normaliseSiteUrl('https://me:pw@x.gov.uk')).toThrow(/password/);
  });

  it('lists committees, decoding double-encoded titles and dropping expired ones', async () => {
    const committees = await new ModernGovClient(site.url).committees();
    expect(committees).toEqual([
      { id: 101, title: 'Corporate and Communities Overview and Scrutiny Panel' },
      { id: 102, title: "Children's Services & Families Panel" },
    ]);
  });

  it('asks for meetings with dd/mm/yyyy dates so the range is honoured', async () => {
    const meetings = await new ModernGovClient(site.url).meetings(101, '2026-10-24', '2027-02-21');
    expect(meetings.map((m) => [m.id, m.date, m.startTime])).toEqual([
      [site.ids.soon, '2026-12-07', '10:00'],
      [site.ids.recent, '2026-11-13', '14:30'],
    ]);
    expect(site.requests.some((r) => r.path.includes('sFromDate=24%2F10%2F2026&sToDate=21%2F02%2F2027'))).toBe(true);
    expect(await new ModernGovClient(site.url).meetings(102, '2026-10-24', '2027-02-21')).toEqual([]);
  });

  it('sends validators when it has them and is told nothing changed', async () => {
    const client = new ModernGovClient(site.url);
    const first = await client.meeting(site.ids.soon);
    if (!first.changed) throw new Error('expected the meeting');
    expect(first.validators.etag).toMatch(/^"/);
    expect((await client.meeting(site.ids.soon, first.validators)).changed).toBe(false);
    expect(site.requests.at(-1)).toMatchObject({ ifNoneMatch: first.validators.etag, status: 304 });
    const recent = await client.meeting(site.ids.recent);
    if (!recent.changed) throw new Error('expected the meeting');
    expect(recent.validators).toEqual({ etag: null, lastModified: expect.stringMatching(/GMT$/) as unknown });
    expect((await client.meeting(site.ids.recent, recent.validators)).changed).toBe(false);
    expect(site.requests.at(-1)).toMatchObject({ ifModifiedSince: recent.validators.lastModified, ifNoneMatch: null, status: 304 });
  });

  it('keeps agenda text as published (sanitising is the display’s job) and reads every item', async () => {
    const answer = await new ModernGovClient(site.url).meeting(site.ids.recent);
    if (!answer.changed) throw new Error('expected the meeting');
    expect(answer.value.items[0]?.agendaHtml).toContain('<script>');
    expect(answer.value.items.map((i) => i.number)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('translates a 403 site, a switched-off service, an XXE attempt and malformed XML', async () => {
    expect(await failure(new ModernGovClient(site.siteUrl('forbidden')).committees())).toMatchObject({ code: 'MODERNGOV_FORBIDDEN' });
    expect(await failure(new ModernGovClient(site.siteUrl('switched-off')).committees())).toMatchObject({ code: 'MODERNGOV_SWITCHED_OFF' });
    const xxe = await failure(new ModernGovClient(site.siteUrl('hostile')).committees());
    expect(xxe.code).toBe('MODERNGOV_BAD_XML');
    expect(xxe.message).not.toMatch(/root:/);
    expect(await failure(new ModernGovClient(site.siteUrl('broken')).committees())).toMatchObject({ code: 'MODERNGOV_BAD_XML' });
    expect(await failure(new ModernGovClient('http://127.0.0.1:9/none').committees())).toMatchObject({ code: 'MODERNGOV_UNREACHABLE' });
  });

  it('refuses off-site links and redirects to another host without fetching them, and oversized answers', async () => {
    const client = new ModernGovClient(site.url);
    expect(await failure(client.document('https://evil.example/steal.pdf'))).toMatchObject({ code: 'MODERNGOV_OFF_SITE' });
    const before = site.requests.length;
    expect(await failure(client.document(`${site.url}/redirect/elsewhere.pdf`))).toMatchObject({ code: 'MODERNGOV_OFF_SITE' });
    expect(site.requests.slice(before).map((r) => r.path)).toEqual(['/council/redirect/elsewhere.pdf']);
    expect(await failure(client.document(`${site.url}/documents/s7003/refused.pdf`))).toMatchObject({ code: 'MODERNGOV_FORBIDDEN' });
    expect(await failure(client.document(`${site.url}/mgWebService.asmx/GetCommittees`))).toMatchObject({ code: 'MODERNGOV_NOT_PDF' });
    const small = new ModernGovClient(site.url, { maxXmlBytes: 200, maxDocumentBytes: 1000 });
    expect(await failure(small.committees())).toMatchObject({ code: 'MODERNGOV_TOO_LARGE' });
    expect(await failure(small.document(`${site.url}/mgConvert2PDF.aspx?ID=5000`))).toMatchObject({ code: 'MODERNGOV_TOO_LARGE' });
  });
});
