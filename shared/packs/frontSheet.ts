/**
 * The meeting a front sheet names: committee, date, start time and venue, whether set as
 * Worcestershire does (committee heading, then "Monday, 17 January 2022, 10.00 am, venue") or as
 * labelled lines ("Committee:", "Date:", "Time:", "Venue:"/"Place:").
 */
import { WEEKDAY, findDate } from './dates';
import { joinWrapped, tidyTitle, type Line } from './lines';
import { MEMBER_PREFIX_RE } from './membership';
import { isNoise } from './pageFooters';
import { SUFFIX, findStartTime } from './times';

export interface MeetingFields {
  committee: string | null;
  date: string | null;
  startTime: string | null;
  venue: string | null;
}

/**
 * A field label, in one language or both as bilingual sheets print it ("Dyddiad / Date:").
 * Non-capturing, so it can sit inside other patterns.
 */
function label(words: string): string {
  return String.raw`(?:${words})(?:\s*\/\s*(?:${words}))?`;
}

const DATE_WORDS = 'date|dyddiad|when|pryd';
const TIME_WORDS = 'start time|amser dechrau|time|amser';
const VENUE_WORDS = 'venue|place|location|where|lleoliad|man cyfarfod';

/** What may come before the meeting date on its line: a label, a weekday, a start time. */
const DATE_LEAD_RE = new RegExp(
  String.raw`^\s*(${label(DATE_WORDS)}\s*:?\s*)?(((on|ar)\s+)?(${WEEKDAY})\.?,?\s*)?((at\s+)?\d{1,2}([.:]\d{2})?\s*(${SUFFIX})?\s*(on|,)?\s*)?$`,
  'iu',
);
/** A committee name and then the weekday on the date's line: "… Scrutiny Panel Monday, 17 January 2022". */
const COMMITTEE_LEAD_RE = new RegExp(String.raw`^(.*\S)\s*[,–—-]?\s+(?:${WEEKDAY}),?\s*$`, 'iu');
/** Lines that carry a date which is not the meeting's. */
const NOT_MEETING_DATE_RE = /\b(date of (issue|publication)|issued|published|dyddiad cyhoeddi|cyhoeddwyd|in this case|yn yr achos hwn|no later than|erbyn)\b/i;
const COMMITTEE_NOISE_RE = /^(agenda|rhaglen|public document pack|supplementary|atodol|notice of (a )?meeting|hysbysiad|summons|wysiad|agenda item|eitem agenda|page \d+)\b/i;
/** Words that name a committee; a council's own name ("Worcestershire County Council") is not one. */
export const COMMITTEE_ONLY_RE = /\b(committee|sub-committee|panel|board|cabinet|forum|commission|scrutiny|pwyllgor|is-bwyllgor|bwrdd|fforwm|comisiwn)\b/i;
const COMMITTEE_WORD_RE = /\b(committee|sub-committee|panel|board|cabinet|council|forum|commission|assembly|scrutiny|pwyllgor|is-bwyllgor|bwrdd|cyngor|fforwm|comisiwn)\b/i;
const CONNECTOR_END_RE = /(\b(and|of|for|the|on|in|to|with|a|ac|ar|y|yr|o|i|&)|[,&-])$/i;
const VENUE_LABEL_RE = new RegExp(String.raw`^(${label(VENUE_WORDS)})\s*:\s*(.+)$`, 'i');
const TIME_LABEL_RE = new RegExp(String.raw`^${label(TIME_WORDS)}\s*:`, 'i');
const COMMITTEE_LABEL_RE = /^(committee|meeting|pwyllgor|cyfarfod)\s*:\s*(.+)$/i;
/** A label line that is not the committee's name ("Date:", "Time:", "Contact:" …). */
const FIELD_LABEL_RE = new RegExp(String.raw`^${label(`${DATE_WORDS}|${TIME_WORDS}|${VENUE_WORDS}|contact|cyswllt|membership|aelodaeth|quorum|cworwm`)}\s*:`, 'i');
const NOT_VENUE_RE = /^(membership|aelodaeth|councillors|cynghorwyr|members|agenda|rhaglen|all (county )?councillors|gwahoddir|item|this document|find out more|cllr|cyng|contact|cyswllt|quorum)\b/i;

function committeeBefore(lines: readonly Line[], dateLine: number): string | null {
  const candidates: Line[] = [];
  for (let i = 0; i < dateLine; i += 1) {
    const line = lines[i];
    if (line && !COMMITTEE_NOISE_RE.test(line.text) && !isNoise(line) && !FIELD_LABEL_RE.test(line.text) && !/^(agenda|rhaglen)$/i.test(line.text)) candidates.push(line);
  }
  if (candidates.length === 0) return null;
  // Prefer the line naming a committee (not the council's name above it); join its wrapped lines.
  const isCouncilName = (text: string): boolean => /\bcouncil$|^cyngor\b/i.test(text) && !COMMITTEE_ONLY_RE.test(text);
  let at = candidates.findIndex((l) => COMMITTEE_WORD_RE.test(l.text) && !isCouncilName(l.text));
  if (at < 0) at = Math.max(0, candidates.length - 1);
  while (at > 0 && CONNECTOR_END_RE.test(candidates[at - 1]?.text ?? '') && !isCouncilName(candidates[at - 1]?.text ?? '')) at -= 1;
  const parts: string[] = [];
  for (let i = at; i < candidates.length && parts.length < 4; i += 1) {
    const line = candidates[i];
    if (!line) break;
    if (parts.length > 0 && !CONNECTOR_END_RE.test(parts[parts.length - 1] ?? '') && !/^\p{Ll}/u.test(line.text)) break;
    parts.push(line.text);
  }
  const committee = tidyTitle(joinWrapped(parts));
  return committee.length > 0 && committee.length <= 200 ? committee : null;
}

/** Could `line` be the end of a venue that wrapped from the date line? */
function looksLikeVenueTail(line: Line): boolean {
  return (
    line.text.length <= 80 &&
    !NOT_VENUE_RE.test(line.text) &&
    !COMMITTEE_ONLY_RE.test(line.text) &&
    !findDate(line.text) &&
    !MEMBER_PREFIX_RE.test(` ${line.text}`) &&
    !FIELD_LABEL_RE.test(line.text) &&
    !/[.!?:]$/.test(line.text)
  );
}

/** Set like the date line, in the same type, directly under it (needs the extractor's geometry). */
function continuesLine(line: Line, next: Line): boolean {
  if (line.bold !== true || next.bold !== true) return false;
  if (line.height === undefined || next.height === undefined || line.y === undefined || next.y === undefined) return false;
  return Math.abs(line.height - next.height) < 0.5 && next.y - line.y < line.height * 2;
}

function venueAfter(lines: readonly Line[], at: number, rest: string): string | null {
  const venue = tidyTitle(rest.replace(/^[\s,;:–—-]*(at|in|yn)\s+/i, ''));
  const line = lines[at];
  const following = lines[at + 1];
  if (venue.length > 0) {
    // The date line wrapped: "…, Neuadd y Sir," + "Caerwrangon".
    if (line && following && looksLikeVenueTail(following)) {
      if (/,\s*$/.test(rest)) return tidyTitle(`${venue}, ${following.text}`);
      if (continuesLine(line, following) && following.text.split(' ').length <= 4 && /^\p{Lu}/u.test(following.text)) {
        return tidyTitle(`${venue} ${following.text}`);
      }
    }
    return venue;
  }
  // The venue on a line of its own under the date (and time).
  for (let next = at + 1; next < Math.min(lines.length, at + 3); next += 1) {
    const candidate = lines[next];
    if (!candidate) break;
    if (findStartTime(candidate.text) && candidate.text.length < 20) continue;
    if (TIME_LABEL_RE.test(candidate.text)) continue;
    if (NOT_VENUE_RE.test(candidate.text) || (FIELD_LABEL_RE.test(candidate.text) && !VENUE_LABEL_RE.test(candidate.text))) return null;
    if (findDate(candidate.text) || candidate.text.length > 100 || /[.!?]$/.test(candidate.text)) return null;
    return tidyTitle(candidate.text.replace(VENUE_LABEL_RE, '$2')) || null;
  }
  return null;
}

/** "Venue: …" that wraps onto a second line without a label of its own. */
function labelledVenue(lines: readonly Line[]): string | null {
  for (let i = 0; i < lines.length; i += 1) {
    const labelled = VENUE_LABEL_RE.exec(lines[i]?.text ?? '');
    if (!labelled) continue;
    const parts = [labelled[2] ?? ''];
    const next = lines[i + 1];
    if (next && /,$/.test(parts[0] ?? '') && looksLikeVenueTail(next)) parts.push(next.text);
    return tidyTitle(joinWrapped(parts)) || null;
  }
  return null;
}

function labelledTime(lines: readonly Line[]): string | null {
  for (const line of lines) {
    if (!TIME_LABEL_RE.test(line.text)) continue;
    const time = findStartTime(line.text.replace(TIME_LABEL_RE, ''), true)?.value ?? null;
    if (time) return time;
  }
  return null;
}

function labelledCommittee(lines: readonly Line[]): string | null {
  for (const line of lines) {
    const m = COMMITTEE_LABEL_RE.exec(line.text);
    if (m && COMMITTEE_WORD_RE.test(m[2] ?? '')) return tidyTitle(m[2] ?? '') || null;
  }
  return null;
}

/** The meeting's date, time, venue and committee from one block of front-sheet lines. */
export function readMeeting(lines: readonly Line[]): MeetingFields {
  const fields: MeetingFields = { committee: null, date: null, startTime: null, venue: null };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line || NOT_MEETING_DATE_RE.test(line.text)) continue;
    const date = findDate(line.text);
    if (!date) continue;
    // The meeting's date opens its line ("Monday, 17 January 2022, …", "Date: …"), not a sentence,
    // unless the committee's name comes first on the same line.
    const lead = line.text.slice(0, date.start);
    let committeeLead: string | null = null;
    if (!DATE_LEAD_RE.test(lead)) {
      const named = COMMITTEE_LEAD_RE.exec(lead)?.[1] ?? '';
      if (!COMMITTEE_ONLY_RE.test(named) || named.length > 200) continue;
      committeeLead = named;
    }
    let dateLine = i;
    fields.date = date.value;
    const after = line.text.slice(date.end);
    let time = findStartTime(after);
    let restStart = date.end + (time ? time.end : 0);
    if (!time) {
      const before = findStartTime(line.text.slice(0, date.start));
      if (before) time = before;
      restStart = date.end;
    }
    if (!time) {
      // "Time: 10.00 am" or the time alone on the next line.
      for (let j = i + 1; j < Math.min(lines.length, i + 3) && !time; j += 1) {
        const next = lines[j];
        const labelled = next !== undefined && TIME_LABEL_RE.test(next.text);
        if (next && (next.text.length <= 30 || labelled)) time = findStartTime(next.text, labelled);
        if (time) dateLine = j;
      }
    }
    fields.startTime = time?.value ?? null;
    const rest = dateLine === i ? line.text.slice(restStart) : '';
    fields.venue = venueAfter(lines, dateLine, rest.replace(/^[\s,;:–—-]+/, ''));
    fields.committee = committeeLead ? tidyTitle(committeeLead) : committeeBefore(lines, i);
    break;
  }
  fields.venue = labelledVenue(lines) ?? fields.venue;
  fields.startTime ??= labelledTime(lines);
  fields.committee = labelledCommittee(lines) ?? fields.committee;
  return fields;
}
