import { afterEach, describe, expect, it } from 'vitest';
import { startModernGovSite, type ModernGovTestSite } from './modernGovSite';
import { samplePackDir } from './samplePacks';

let site: ModernGovTestSite | null = null;
afterEach(async () => {
  await site?.close();
  site = null;
});

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers, redirect: 'manual' });

describe('the local Modern.gov test site', () => {
  it('answers the web service in Modern.gov shape, with its quirks', async () => {
    site = await startModernGovSite({ samplePackDir, today: '2026-11-23' });
    const committees = await (await get(`${site.url}/mgWebService.asmx/GetCommittees?lDummy=0`)).text();
    expect(committees).toContain('<committeeid>101</committeeid>');
    expect(committees).toContain('Children&amp;#39;s Services &amp;amp; Families Panel');
    const inRange = await (await get(`${site.url}/mgWebService.asmx/GetMeetings?lCommitteeId=101&sFromDate=24/10/2026&sToDate=21/02/2027`)).text();
    expect(inRange).toContain('<meetingdate>07/12/2026</meetingdate>');
    expect(inRange).toContain('<meetingtime>10.00 am</meetingtime>');
    expect(inRange).not.toContain('<meetingid>1003</meetingid>');
    // ISO dates are silently ignored: everything comes back.
    const iso = await (await get(`${site.url}/mgWebService.asmx/GetMeetings?lCommitteeId=101&sFromDate=2026-10-24&sToDate=2027-02-21`)).text();
    expect(iso).toContain('<meetingid>1003</meetingid>');
  });

  it('sends validators on some answers only and honours them', async () => {
    site = await startModernGovSite({ samplePackDir, today: '2026-11-23' });
    const first = await get(`${site.url}/mgWebService.asmx/GetMeeting?lMeetingId=${site.ids.soon}`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"/);
    expect((await get(`${site.url}/mgWebService.asmx/GetMeeting?lMeetingId=${site.ids.soon}`, { 'if-none-match': etag ?? '' })).status).toBe(304);
    const recent = await get(`${site.url}/mgWebService.asmx/GetMeeting?lMeetingId=${site.ids.recent}`);
    expect(recent.headers.get('etag')).toBeNull();
    expect(recent.headers.get('last-modified')).toMatch(/GMT$/);
    const far = await get(`${site.url}/mgWebService.asmx/GetMeeting?lMeetingId=${site.ids.farAhead}`);
    expect(far.headers.get('etag')).toBeNull();
    expect(far.headers.get('last-modified')).toBeNull();
  });

  it('serves real PDFs cut from the sample packs, and the hostile cases', async () => {
    site = await startModernGovSite({ samplePackDir, today: '2026-11-23' });
    const xml = await (await get(`${site.url}/mgWebService.asmx/GetMeeting?lMeetingId=${site.ids.recent}`)).text();
    expect(xml).toContain('&lt;script&gt;window.__mgScriptRan = true&lt;/script&gt;');
    expect(xml).toContain('https://evil.example/steal.pdf');
    const link = /<url>([^<]*mgConvert2PDF[^<]*|[^<]*documents\/s5\d+[^<]*)<\/url>/.exec(xml)?.[1] ?? '';
    const pdf = Buffer.from(await (await get(link.replace(/&amp;/g, '&'))).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(`${site.url}/redirect/elsewhere.pdf`)).headers.get('location')).toMatch(/^http:\/\/localhost:/);
    expect((await get(`${site.url}/documents/s7003/refused.pdf`)).status).toBe(403);
    expect((await get(`${site.siteUrl('forbidden')}/mgWebService.asmx/GetCommittees`)).status).toBe(403);
    expect(await (await get(`${site.siteUrl('switched-off')}/mgWebService.asmx/GetCommittees`)).text()).toMatch(/disabled/);
    expect(await (await get(`${site.siteUrl('hostile')}/mgWebService.asmx/GetCommittees`)).text()).toMatch(/<!ENTITY xxe SYSTEM/);
  });

  it('stops by itself when idle', async () => {
    const idle = await startModernGovSite({ samplePackDir, today: '2026-11-23', idleMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(fetch(`${idle.url}/mgWebService.asmx/GetCommittees`)).rejects.toThrow();
  });
});
