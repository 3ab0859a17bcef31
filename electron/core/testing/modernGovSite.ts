import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';

/**
 * A local stand-in for a council's Modern.gov site, for tests and the e2e journey: the web service
 * (GetCommittees, GetMeetings, GetMeeting) and the linked PDFs, cut per agenda item from the sample
 * packs the build typesets from the seeds. It has the real service's quirks (dd/mm/yyyy dates with
 * ISO dates silently ignored, "10.00 am" times, double-encoded entities, whitespace-only elements,
 * validators on some answers only) and some hostile input (a DTD with an external entity, script in
 * agenda text, an off-site document link, a redirect to another host, a 403 document).
 *
 * Several sites share one server under path prefixes: /council (the normal one), /forbidden (403
 * everywhere), /switched-off (an HTML page where the service should be), /hostile (XXE attempt),
 * /bomb (nested entities, "billion laughs") and /broken (malformed XML). It listens on 127.0.0.1, port 0, and closes itself after a spell
 * with no requests, so a test that forgets it cannot hang the run.
 */

export interface SiteDocument {
  attachmentId: number;
  title: string;
  /** Relative or absolute, as the site writes it. */
  url: string;
  publicationDate: string;
  restricted?: boolean;
}

export interface SiteItem {
  id: number;
  number: string;
  title: string;
  agendaText: string;
  restricted?: boolean;
  documents: SiteDocument[];
}

export interface SiteMeeting {
  id: number;
  committeeId: number;
  /** YYYY-MM-DD; written dd/mm/yyyy in the XML. */
  date: string;
  time: string;
  location: string;
  status: string;
  validators: 'etag' | 'last-modified' | 'none';
  /** Answer GetMeeting for this meeting with hostile XML instead (bad-input tests). */
  hostile?: 'xxe' | 'bomb';
  items: SiteItem[];
  attendees: { memberId: number; name: string; role: string }[];
}

export interface RequestRecord {
  path: string;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
  status: number;
}

/** Faults a site can have for one meeting or one document while the rest answer well. */
export interface SiteFaults {
  /** GetMeeting for these Modern.gov meeting ids answers HTTP 500 (withdrawn, misconfigured, overloaded). */
  meetingErrors: Set<number>;
  /** These attachments promise their full length, send half and then the connection is cut. */
  cutDocuments: Set<number>;
  /** These attachments trickle a few bytes at a time, far slower than any deadline allows. */
  dripDocuments: Set<number>;
  /** These attachments arrive with bytes before `%PDF-` (a server banner, a BOM), as pdf.js still opens. */
  junkBeforeHeader: Set<number>;
  /** These attachments lose their `%PDF-` header line altogether. */
  headerless: Set<number>;
}

export interface ModernGovTestSite {
  /** http://127.0.0.1:<port>/council */
  url: string;
  origin: string;
  siteUrl(name: 'council' | 'forbidden' | 'switched-off' | 'hostile' | 'bomb' | 'broken'): string;
  meetings: SiteMeeting[];
  requests: RequestRecord[];
  faults: SiteFaults;
  /**
   * Adds a meeting of the committee `daysFromToday` away whose items carry copies of the soon
   * meeting's papers under new attachment ids (so faults can be set on them alone).
   */
  addMeeting(daysFromToday: number): SiteMeeting;
  /** The Modern.gov ids of the three meetings: soon, recent (with the hostile items), far ahead. */
  ids: { committee: number; soon: number; recent: number; farAhead: number };
  /** Publishes the "to follow" item 7 report of the soon meeting as a supplement. */
  publishSupplement(): Promise<SiteDocument>;
  /** Republishes a document: new bytes (the revised pack's pages) and a later publication date. */
  republishDocument(attachmentId: number): Promise<void>;
  close(): Promise<void>;
}

export interface ModernGovSiteOptions {
  /** The built sample packs (dist/sample-packs). */
  samplePackDir: string;
  /** Meeting dates are set relative to this day (YYYY-MM-DD), so the default window finds them. */
  today: string;
  idleMs?: number;
}

const committeeId = 101;
const ids = { committee: committeeId, soon: 1001, recent: 1002, farAhead: 1003 };

interface Manifest {
  packs: { file: string; meeting: { date: string } | null; revisions?: unknown; language: string; items: { number: number; title: string; pdfPages: { from: number; to: number } | null; status: string }[] }[];
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** The site's habit: an apostrophe in a title arrives as "&amp;#39;" (encoded twice). */
const doubleEncode = (s: string) => escapeXml(s.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
const ukDate = (iso: string) => iso.split('-').reverse().join('/');
const shift = (iso: string, days: number) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
};

/** A DTD with an external entity (XXE): a parser that expands it would read the machine's files. */
const xxeXml = (root: string, body: (entity: string) => string) =>
  `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lol">]>\n<${root}>${body('&xxe;&lol;')}</${root}>`;

/** "Billion laughs": ten levels of ten-fold entities, a few hundred bytes that expand to gigabytes. */
const bombXml = (root: string, body: (entity: string) => string) => {
  const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
  return `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY lol0 "lol">${levels}]>\n<${root}>${body('&lol10;')}</${root}>`;
};
const hostileCommittees = (entity: string) => `<committee><committeeid>1</committeeid><committeetitle>${entity}</committeetitle></committee>`;
const hostileMeeting = (id: number) => (entity: string) => `<meetingid>${id}</meetingid><committeeid>${committeeId}</committeeid><committeetitle>${entity}</committeetitle>`;

async function cut(source: Uint8Array, from: number, to: number): Promise<Uint8Array> {
  const src = await PDFDocument.load(source);
  const out = await PDFDocument.create();
  const pages = await out.copyPages(src, Array.from({ length: to - from + 1 }, (_, i) => from - 1 + i));
  for (const p of pages) out.addPage(p);
  out.setCreationDate(new Date(Date.UTC(2022, 0, 7)));
  out.setModificationDate(new Date(Date.UTC(2022, 0, 7)));
  return out.save();
}

export async function startModernGovSite(options: ModernGovSiteOptions): Promise<ModernGovTestSite> {
  const manifest = JSON.parse(fs.readFileSync(path.join(options.samplePackDir, 'manifest.json'), 'utf8')) as Manifest;
  const pick = (predicate: (p: Manifest['packs'][number]) => boolean) => {
    const pack = manifest.packs.find(predicate);
    if (!pack) throw new Error('sample pack missing; run the build');
    return { ...pack, bytes: fs.readFileSync(path.join(options.samplePackDir, pack.file)) };
  };
  const jan = pick((p) => p.meeting?.date === '2022-01-17' && !p.revisions && p.language === 'en-GB');
  const janRevised = pick((p) => p.meeting?.date === '2022-01-17' && p.revisions !== undefined);
  const nov = pick((p) => p.meeting?.date === '2019-11-05');

  const pdfs = new Map<number, Uint8Array>();
  let nextAttachment = 5000;
  const documentsFor = async (pack: typeof jan, number: number, date: string, form: 'documents' | 'convert'): Promise<SiteDocument[]> => {
    const item = pack.items.find((i) => i.number === number);
    if (!item?.pdfPages) return [];
    const attachmentId = nextAttachment++;
    pdfs.set(attachmentId, await cut(pack.bytes, item.pdfPages.from, item.pdfPages.to));
    const url = form === 'documents' ? `documents/s${attachmentId}/Report%20item%20${number}.pdf` : `mgConvert2PDF.aspx?ID=${attachmentId}`;
    return [{ attachmentId, title: `Report: ${item.title}`, url, publicationDate: `${ukDate(date)} 16:22:05` }];
  };
  const published = shift(options.today, -7);

  const soonItems: SiteItem[] = [];
  for (const item of jan.items) {
    soonItems.push({
      id: 20000 + item.number,
      number: String(item.number),
      title: item.title,
      agendaText: item.number === 5 ? '<p>The Panel is asked to consider the <strong>draft budget</strong> &amp;#39;as published&amp;#39;.</p>' : '   ',
      documents: await documentsFor(jan, item.number, published, item.number % 2 === 0 ? 'documents' : 'convert'),
    });
  }
  const recentItems: SiteItem[] = [];
  for (const item of nov.items) {
    const base: SiteItem = { id: 30000 + item.number, number: String(item.number), title: item.title, agendaText: '', documents: await documentsFor(nov, item.number, published, 'documents') };
    if (item.number === 1) {
      // Hostile agenda text: must never run in Chamber's window.
      base.agendaText = '<p onclick="window.__mgScriptRan = true">Apologies received.</p><script>window.__mgScriptRan = true</script><img src="x" onerror="window.__mgScriptRan = true">';
    }
    if (item.number === 2) base.documents.push({ attachmentId: 7001, title: 'Redirected paper', url: 'redirect/elsewhere.pdf', publicationDate: ukDate(published) });
    if (item.number === 3) base.documents.push({ attachmentId: 7002, title: 'Off-site paper', url: 'https://evil.example/steal.pdf', publicationDate: ukDate(published) });
    if (item.number === 4) base.documents.push({ attachmentId: 7003, title: 'Refused paper', url: 'documents/s7003/refused.pdf', publicationDate: ukDate(published) });
    recentItems.push(base);
  }
  const attendees = [
    { memberId: 11, name: 'Cllr Tom Wells', role: 'Chairman' },
    { memberId: 12, name: 'Cllr Alastair Adams', role: 'Vice-Chairman' },
    { memberId: 13, name: 'Cllr Lynn Denham', role: 'Committee Member' },
  ];
  const meetings: SiteMeeting[] = [
    { id: ids.soon, committeeId, date: shift(options.today, 14), time: '10.00 am', location: 'Council Chamber, County Hall, Worcester', status: 'Confirmed', validators: 'etag', items: soonItems, attendees },
    { id: ids.recent, committeeId, date: shift(options.today, -10), time: '2.30 pm', location: 'Council Chamber, County Hall, Worcester', status: 'Confirmed', validators: 'last-modified', items: recentItems, attendees },
    {
      id: ids.farAhead,
      committeeId,
      date: shift(options.today, 200),
      time: '10.00 am',
      location: 'County Hall',
      status: 'Confirmed',
      validators: 'none',
      items: [{ id: 40001, number: '1', title: 'Apologies and Welcome', agendaText: '', documents: [] }],
      attendees: [],
    },
  ];

  const lastModified = new Date(Date.UTC(2022, 0, 7, 16, 22, 5)).toUTCString();
  const committeesXml = `<?xml version="1.0" encoding="utf-8"?>
<committees>
  <committee><committeeid>${committeeId}</committeeid><committeetitle>Corporate and Communities Overview and Scrutiny Panel</committeetitle><committeeexpired>False</committeeexpired><committeedeleted>False</committeedeleted></committee>
  <committee><committeeid>102</committeeid><committeetitle>${doubleEncode("Children's Services & Families Panel")}</committeetitle><committeeexpired>  </committeeexpired><committeedeleted>False</committeedeleted></committee>
  <committee><committeeid>103</committeeid><committeetitle>Abolished Board</committeetitle><committeeexpired>True</committeeexpired><committeedeleted>False</committeedeleted></committee>
</committees>`;

  const meetingsXml = (committee: number, from: string | null, to: string | null) => {
    const rows = meetings
      .filter((m) => m.committeeId === committee)
      .filter((m) => (from === null || m.date >= from) && (to === null || m.date <= to))
      .map((m) => `  <meeting><meetingid>${m.id}</meetingid><meetingdate>${ukDate(m.date)}</meetingdate><meetingtime>${m.time}</meetingtime><meetingstatus>${m.status}</meetingstatus></meeting>`);
    return `<?xml version="1.0" encoding="utf-8"?>\n<meetings>\n${rows.join('\n') || '   '}\n</meetings>`;
  };

  const meetingXml = (m: SiteMeeting) => `<?xml version="1.0" encoding="utf-8"?>
<meeting>
  <meetingid>${m.id}</meetingid>
  <committeeid>${m.committeeId}</committeeid>
  <committeetitle>Corporate and Communities Overview and Scrutiny Panel</committeetitle>
  <meetingdate>${ukDate(m.date)}</meetingdate>
  <meetingtime>${m.time}</meetingtime>
  <meetinglocation>${escapeXml(m.location)}</meetinglocation>
  <meetingstatus>${m.status}</meetingstatus>
  <agendaitems>
${m.items
  .map(
    (i) => `    <agendaitem>
      <agendaitemid>${i.id}</agendaitemid>
      <agendaitemnumber>${i.number}</agendaitemnumber>
      <fulldisplaynumberformat>${i.number}.</fulldisplaynumberformat>
      <agendaitemtitle>${doubleEncode(i.title)}</agendaitemtitle>
      <agendatext>${escapeXml(i.agendaText)}</agendatext>
      <isrestricted>${i.restricted ? 'True' : 'False'}</isrestricted>
      <declarationcount>0</declarationcount>
      <linkeddocuments>${i.documents.length === 0 ? '\n        \n      ' : ''}
${i.documents
  .map(
    (d) => `        <linkeddoc><attachmentid>${d.attachmentId}</attachmentid><title>${doubleEncode(d.title)}</title><url>${escapeXml(/^[a-z][a-z0-9+.-]*:/i.test(d.url) ? d.url : `${siteBase('council')}/${d.url}`)}</url><publicationdate>${d.publicationDate}</publicationdate><isrestricted>${d.restricted ? 'True' : 'False'}</isrestricted></linkeddoc>`,
  )
  .join('\n')}
      </linkeddocuments>
    </agendaitem>`,
  )
  .join('\n')}
  </agendaitems>
  <attendees>
${m.attendees.map((a) => `    <attendee><memberid>${a.memberId}</memberid><name>${escapeXml(a.name)}</name><roledescription>${a.role}</roledescription><attendance>Expected</attendance><politicalparty>  </politicalparty></attendee>`).join('\n')}
  </attendees>
</meeting>`;

  const requests: RequestRecord[] = [];
  const faults: SiteFaults = { meetingErrors: new Set(), cutDocuments: new Set(), dripDocuments: new Set(), junkBeforeHeader: new Set(), headerless: new Set() };
  const drips = new Set<NodeJS.Timeout>();
  let origin = '';
  const siteBase = (name: string) => `${origin}/${name}`;
  const idleMs = options.idleMs ?? 120_000;
  // Assigned once the server listens; requests before that cannot arrive.
  const timer: { idle: NodeJS.Timeout | undefined } = { idle: undefined };

  const server = http.createServer((req, res) => {
    timer.idle?.refresh();
    const url = new URL(req.url ?? '/', origin || 'http://127.0.0.1');
    const record: RequestRecord = {
      path: url.pathname + url.search,
      ifNoneMatch: req.headers['if-none-match'] ?? null,
      ifModifiedSince: req.headers['if-modified-since'] ?? null,
      status: 200,
    };
    requests.push(record);
    const send = (status: number, body: string | Uint8Array, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    const xml = (body: string, validators: SiteMeeting['validators'] = 'none') => {
      const headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8' };
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      if (validators === 'etag') {
        headers.etag = etag;
        if (req.headers['if-none-match'] === etag) return send(304, '', { etag });
      }
      if (validators === 'last-modified') {
        // Changes to this meeting bump the stamp (the body's hash decides).
        const stamp = new Date(Date.parse(lastModified) + parseInt(etag.slice(1, 7), 16) * 1000).toUTCString();
        headers['last-modified'] = stamp;
        if (req.headers['if-modified-since'] === stamp) return send(304, '', { 'last-modified': stamp });
      }
      return send(200, body, headers);
    };
    const [, site = '', ...rest] = url.pathname.split('/');
    const route = rest.join('/');
    if (site === 'forbidden') return send(403, '<html><body>Forbidden</body></html>', { 'content-type': 'text/html' });
    if (site === 'switched-off') {
      return send(200, '<!DOCTYPE html><html><body><h1>This web service has been disabled by the site administrator.</h1></body></html>', { 'content-type': 'text/html; charset=utf-8' });
    }
    if (site === 'hostile') return xml(xxeXml('committees', hostileCommittees));
    if (site === 'bomb') return xml(bombXml('committees', hostileCommittees));
    if (site === 'broken') return xml('<?xml version="1.0"?><committees><committee><committeeid>1</committee>');
    if (site === 'elsewhere') return send(200, pdfs.values().next().value ?? '', { 'content-type': 'application/pdf' });
    if (site !== 'council') return send(404, 'Not found');

    if (route === 'mgWebService.asmx/GetCommittees') return xml(committeesXml);
    if (route === 'mgWebService.asmx/GetMeetings') {
      const parse = (v: string | null) => (v && /^\d{2}\/\d{2}\/\d{4}$/.test(v) ? v.split('/').reverse().join('-') : null);
      // As the real service: a range it cannot read (ISO dates) is silently ignored.
      return xml(meetingsXml(Number(url.searchParams.get('lCommitteeId')), parse(url.searchParams.get('sFromDate')), parse(url.searchParams.get('sToDate'))));
    }
    if (route === 'mgWebService.asmx/GetMeeting') {
      const meeting = meetings.find((m) => m.id === Number(url.searchParams.get('lMeetingId')));
      if (meeting && faults.meetingErrors.has(meeting.id)) return send(500, '<html><body>Server Error in Application</body></html>', { 'content-type': 'text/html' });
      if (meeting?.hostile) return xml((meeting.hostile === 'xxe' ? xxeXml : bombXml)('meeting', hostileMeeting(meeting.id)));
      return meeting ? xml(meetingXml(meeting), meeting.validators) : xml('<?xml version="1.0"?><meeting>  </meeting>');
    }
    if (route === 'redirect/elsewhere.pdf') {
      // Another host (localhost is not 127.0.0.1 to the same-origin rule).
      return send(302, '', { location: `${origin.replace('127.0.0.1', 'localhost')}/elsewhere/x.pdf` });
    }
    const id = Number(/^documents\/s(\d+)\//.exec(route)?.[1] ?? (route === 'mgConvert2PDF.aspx' ? url.searchParams.get('ID') : NaN));
    if (id === 7003) return send(403, 'Forbidden', { 'content-type': 'text/html' });
    const bytes = pdfs.get(id);
    if (!bytes) return send(404, 'Not found');
    const headers: Record<string, string> = { 'content-type': 'application/pdf' };
    if (faults.junkBeforeHeader.has(id)) return send(200, Buffer.concat([junkBeforeHeader, bytes]), headers);
    if (faults.headerless.has(id)) return send(200, withoutHeaderLine(bytes), headers);
    if (faults.cutDocuments.has(id)) {
      record.status = 200;
      res.writeHead(200, { ...headers, 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
      return;
    }
    if (faults.dripDocuments.has(id)) {
      record.status = 200;
      res.writeHead(200, { ...headers, 'content-length': String(bytes.length) });
      let sent = 0;
      const drip = setInterval(() => {
        if (sent >= bytes.length) return;
        res.write(bytes.subarray(sent, sent + 16));
        sent += 16;
      }, 250);
      drips.add(drip);
      res.on('close', () => {
        clearInterval(drip);
        drips.delete(drip);
      });
      return;
    }
    if (id % 2 === 0) {
      const etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`;
      headers.etag = etag;
      if (req.headers['if-none-match'] === etag) return send(304, '', { etag });
    }
    return send(200, bytes, headers);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.unref();
  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(timer.idle);
      for (const drip of drips) clearInterval(drip);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  timer.idle = setTimeout(() => void close(), idleMs);
  timer.idle.unref();

  const soon = () => {
    const m = meetings.find((x) => x.id === ids.soon);
    if (!m) throw new Error('no soon meeting');
    return m;
  };
  return {
    url: siteBase('council'),
    origin,
    siteUrl: (name) => siteBase(name),
    meetings,
    requests,
    faults,
    addMeeting: (daysFromToday) => {
      const id = 1100 + meetings.length;
      const items = soon().items.map((item, position) => ({
        ...item,
        id: 50000 + id * 100 + position,
        documents: item.documents.map((d) => {
          const attachmentId = nextAttachment++;
          const copy = pdfs.get(d.attachmentId);
          if (copy) pdfs.set(attachmentId, copy);
          return { ...d, attachmentId, url: `documents/s${attachmentId}/Report.pdf` };
        }),
      }));
      const meeting: SiteMeeting = { ...soon(), id, date: shift(options.today, daysFromToday), validators: 'none', items };
      meetings.push(meeting);
      return meeting;
    },
    ids,
    publishSupplement: async () => {
      const item = soon().items.find((i) => i.number === '7');
      const pages = janRevised.items.find((i) => i.number === 7)?.pdfPages;
      if (!item || !pages) throw new Error('no item 7');
      const attachmentId = nextAttachment++;
      const doc: SiteDocument = { attachmentId, title: 'Supplement: Annual Update on Energy Purchasing', url: `documents/s${attachmentId}/Supplement.pdf`, publicationDate: `${ukDate(shift(options.today, -1))} 09:00:00` };
      pdfs.set(attachmentId, await cut(janRevised.bytes, pages.from, pages.to));
      item.documents.push(doc);
      return doc;
    },
    republishDocument: async (attachmentId) => {
      for (const m of meetings) {
        for (const item of m.items) {
          const doc = item.documents.find((d) => d.attachmentId === attachmentId);
          const pages = janRevised.items.find((i) => String(i.number) === item.number)?.pdfPages;
          if (!doc || !pages) continue;
          doc.publicationDate = `${ukDate(shift(options.today, -1))} 10:00:00`;
          pdfs.set(attachmentId, await cut(janRevised.bytes, pages.from, pages.to));
        }
      }
    },
    close,
  };
}

/** 600 bytes ahead of the header: within the 1 KiB where pdf.js looks for it. */
export const junkBeforeHeader = Buffer.from(`HTTP banner left in the body by a proxy\r\n${'-'.repeat(559)}\r\n`, 'latin1');

/** The file from its second line on: no `%PDF-` anywhere in its first KiB. */
function withoutHeaderLine(bytes: Uint8Array): Buffer {
  const body = Buffer.from(bytes);
  return body.subarray(body.indexOf(0x0a) + 1);
}
