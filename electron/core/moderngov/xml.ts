import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { parseUkDate, parseUkDateTime, parseUkTime } from './calendar';
import { ModernGovError } from './errors';

/**
 * Modern.gov's XML turned into checked records. The parser never expands entities and a document
 * carrying a DTD is refused before parsing (no external entities, no entity bombs); the five XML
 * entities and character references are decoded here instead, twice over where the site has
 * double-encoded them ("&amp;#39;"). Whitespace-only elements count as empty.
 */

const listTags = new Set(['committee', 'meeting', 'agendaitem', 'linkeddoc', 'attendee']);

const parser = new XMLParser({
  ignoreAttributes: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => listTags.has(name),
});

type Node = Record<string, unknown>;

/** Parses an answer of the web service, refusing DTDs and malformed XML. */
export function parseServiceXml(xml: string): Node {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new ModernGovError('MODERNGOV_BAD_XML', 'The site sent XML with a document type declaration; Chamber refuses it (it could read local files or expand without end).');
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ModernGovError('MODERNGOV_BAD_XML', `The site sent malformed XML (${valid.err.msg}, line ${valid.err.line}).`);
  const parsed: unknown = parser.parse(xml);
  if (!isNode(parsed)) throw new ModernGovError('MODERNGOV_BAD_XML', 'The site sent an empty answer.');
  return parsed;
}

const xmlEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeOnce(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return xmlEntities[name.toLowerCase()] ?? whole;
  });
}

/** Plain text fields: decode until stable (at most twice more than XML requires). */
export function decodeText(raw: string): string {
  let text = raw;
  for (let i = 0; i < 3; i++) {
    const next = decodeOnce(text);
    if (next === text) break;
    text = next;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * HTML fields (agendatext): one XML decode gives the HTML; an entity the site encoded once more
 * ("&amp;#39;" inside the HTML) is folded back to a single entity for the HTML parser to read.
 */
export function decodeHtml(raw: string): string {
  return decodeOnce(raw)
    .replace(/&amp;(#x[0-9a-f]+|#\d+|[a-z]+);/gi, '&$1;')
    .trim();
}

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const asNodes = (v: unknown): Node[] => (Array.isArray(v) ? v.filter(isNode) : isNode(v) ? [v] : []);

/** The raw text of a child element; '' for missing, whitespace-only or element-only content. */
function raw(node: Node, key: string): string {
  const v = node[key];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}
const text = (node: Node, key: string) => decodeText(raw(node, key));
const flag = (node: Node, key: string) => /^(true|1|yes)$/i.test(text(node, key));

/** Finds elements named `tag` anywhere below a node (the service's wrappers vary between versions). */
function findAll(node: Node, tag: string): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === tag) out.push(...asNodes(value));
    else for (const child of asNodes(value)) out.push(...findAll(child, tag));
  }
  return out;
}

const positiveId = z.coerce.number().int().positive();

export const MgCommittee = z.object({ id: positiveId, title: z.string().min(1).max(300) });
export type MgCommittee = z.infer<typeof MgCommittee>;

export const MgMeetingSummary = z.object({ id: positiveId, committeeId: positiveId.nullable(), date: z.string(), startTime: z.string().nullable(), status: z.string() });
export type MgMeetingSummary = z.infer<typeof MgMeetingSummary>;

export const MgDocument = z.object({
  attachmentId: positiveId,
  title: z.string().min(1).max(500),
  url: z.string().min(1).max(2000),
  publishedAt: z.string().nullable(),
  restricted: z.boolean(),
});
export type MgDocument = z.infer<typeof MgDocument>;

export const MgItem = z.object({
  id: positiveId,
  number: z.string().max(20),
  title: z.string().min(1).max(1000),
  agendaHtml: z.string().max(1_000_000),
  restricted: z.boolean(),
  declarationCount: z.number().int().nonnegative(),
  documents: z.array(MgDocument),
});
export type MgItem = z.infer<typeof MgItem>;

export const MgAttendee = z.object({ memberId: z.string(), name: z.string().min(1), role: z.string(), attendance: z.string(), party: z.string() });
export type MgAttendee = z.infer<typeof MgAttendee>;

export const MgMeeting = z.object({
  id: positiveId,
  committeeId: positiveId.nullable(),
  committeeTitle: z.string(),
  date: z.string(),
  startTime: z.string().nullable(),
  venue: z.string(),
  status: z.string(),
  items: z.array(MgItem),
  attendees: z.array(MgAttendee),
});
export type MgMeeting = z.infer<typeof MgMeeting>;

function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ModernGovError('MODERNGOV_BAD_XML', `The site sent a ${what} Chamber cannot read (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).`);
  }
  return result.data;
}

function date(node: Node, key: string, what: string): string {
  const value = parseUkDate(text(node, key));
  if (!value) throw new ModernGovError('MODERNGOV_BAD_XML', `The site sent a ${what} without a dd/mm/yyyy date ("${text(node, key)}").`);
  return value;
}

const optionalId = (node: Node, key: string) => (text(node, key) === '' ? null : text(node, key));

export function readCommittees(xml: string): MgCommittee[] {
  const root = parseServiceXml(xml);
  return findAll(root, 'committee')
    .filter((c) => !flag(c, 'committeeexpired') && !flag(c, 'committeedeleted'))
    .map((c) => checked(MgCommittee, { id: text(c, 'committeeid'), title: text(c, 'committeetitle') }, 'committee'));
}

export function readMeetings(xml: string): MgMeetingSummary[] {
  const root = parseServiceXml(xml);
  return findAll(root, 'meeting').map((m) =>
    checked(
      MgMeetingSummary,
      {
        id: text(m, 'meetingid'),
        committeeId: optionalId(m, 'committeeid'),
        date: date(m, 'meetingdate', 'meeting'),
        startTime: parseUkTime(text(m, 'meetingtime')),
        status: text(m, 'meetingstatus'),
      },
      'meeting',
    ),
  );
}

export function readMeeting(xml: string): MgMeeting {
  const root = parseServiceXml(xml);
  const meeting = findAll(root, 'meeting')[0] ?? findAll(root, 'getmeeting')[0] ?? Object.values(root).find(isNode);
  if (!meeting || text(meeting, 'meetingid') === '') throw new ModernGovError('MODERNGOV_BAD_XML', 'The site sent no meeting.');
  const items = findAll(meeting, 'agendaitem').map((item) =>
    checked(
      MgItem,
      {
        id: text(item, 'agendaitemid'),
        number: text(item, 'fulldisplaynumberformat').replace(/\.$/, '') || text(item, 'agendaitemnumber'),
        title: text(item, 'agendaitemtitle'),
        agendaHtml: decodeHtml(raw(item, 'agendatext')),
        restricted: flag(item, 'isrestricted'),
        declarationCount: Number(text(item, 'declarationcount')) || 0,
        documents: findAll(item, 'linkeddoc').map((doc) => ({
          attachmentId: text(doc, 'attachmentid'),
          title: text(doc, 'title'),
          url: text(doc, 'url'),
          publishedAt: parseUkDateTime(text(doc, 'publicationdate')),
          restricted: flag(doc, 'isrestricted'),
        })),
      },
      'agenda item',
    ),
  );
  const attendees = findAll(meeting, 'attendee')
    .filter((a) => text(a, 'name') !== '')
    .map((a) =>
      checked(
        MgAttendee,
        { memberId: text(a, 'memberid'), name: text(a, 'name'), role: text(a, 'roledescription'), attendance: text(a, 'attendance'), party: text(a, 'politicalparty') },
        'attendee',
      ),
    );
  return checked(
    MgMeeting,
    {
      id: text(meeting, 'meetingid'),
      committeeId: optionalId(meeting, 'committeeid'),
      committeeTitle: text(meeting, 'committeetitle'),
      date: date(meeting, 'meetingdate', 'meeting'),
      startTime: parseUkTime(text(meeting, 'meetingtime')),
      venue: text(meeting, 'meetinglocation') || text(meeting, 'location'),
      status: text(meeting, 'meetingstatus'),
      items,
      attendees,
    },
    'meeting',
  );
}
