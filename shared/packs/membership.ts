/**
 * The membership on a front sheet: "Councillors: Cllr A (Chairman), Cllr B (Vice Chairman), … and
 * Cllr X", Welsh "Cyng", or a list of plain names under "Membership:" with the chair's role in
 * brackets, one per line or comma-separated.
 */
import type { PackMember } from '../domain/pack';
import { findDate } from './dates';
import { clean, joinWrapped, type Line } from './lines';

const MEMBER_PREFIX = String.raw`(?:County\s+)?(?:Councillors?|Cllrs?|Cynghorydd|Cynghorwyr|Cyng)\.?`;
export const MEMBER_PREFIX_RE = new RegExp(String.raw`(?:^|[\s,(])${MEMBER_PREFIX}\s`, 'i');
const MEMBER_PREFIXES_RE = new RegExp(MEMBER_PREFIX_RE.source, 'gi');
const LABEL_WORDS = 'membership|aelodaeth|councillors|cynghorwyr|members|aelodau';
const MEMBERSHIP_LABEL_RE = new RegExp(String.raw`^(?:${LABEL_WORDS})\b\s*:?`, 'i');
/** The whole label, bilingual or not: "Membership:", "Aelodaeth / Membership:". */
const FULL_LABEL_RE = new RegExp(String.raw`^(?:${LABEL_WORDS})(?:\s*\/\s*(?:${LABEL_WORDS}))?\s*:\s*`, 'i');
const STOP_MEMBERS_RE =
  /^(agenda|rhaglen|items?\b|item no|rhif|substitutes?|dirprwy|also (invited|in attendance)|officers?|swyddogion|notes?\b|date\b|dyddiad|contact|cyswllt|venue|time\b|public document pack|quorum|cworwm|enquiries|ymholiadau|part\s+(i|1|one)\b)/i;
/** A plain name as a list prints it: two to five capitalised words, initials allowed. */
const PLAIN_NAME_RE = /^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+)?(?:\p{Lu}[\p{L}'’-]*\.?\s+){0,4}\p{Lu}[\p{L}'’-]+$/u;

function roleOf(text: string): PackMember['role'] {
  if (/\b(vice[\s-]*chair(man|woman|person)?|deputy[\s-]*chair(man|woman|person)?|is[\s-]*gadeirydd)\b/i.test(text)) return 'vice-chair';
  if (/\b(chair(man|woman|person)?|cadeirydd|convenor)\b/i.test(text)) return 'chair';
  return 'member';
}

/** "Cllr Mike Rouse (Chairman), Cllr James Stanley (Vice Chairman), Cllr … and Cllr X". */
export function parseMembers(text: string): PackMember[] {
  const body = clean(text).replace(/^(membership|aelodaeth)\s*:?\s*/i, '').replace(FULL_LABEL_RE, '');
  const parts = body.split(new RegExp(String.raw`\s*[,;]\s*|\s+(?:and|a|ac|&)\s+(?=${MEMBER_PREFIX}\s)|\s+(?=${MEMBER_PREFIX}\s)|\s+(?:and|ac|&)\s+(?=\p{Lu})(?![^()]*\))`, 'iu'));
  const members: PackMember[] = [];
  for (const raw of parts) {
    const part = clean(raw);
    if (part.length === 0) continue;
    const roleText = [...part.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? '').join(' ');
    const dashRole = /\s[-–—]\s*((vice[\s-]*)?chair(man|woman|person)?|(is-)?gadeirydd)$/i.exec(part);
    const role = roleOf(`${roleText} ${dashRole?.[1] ?? ''}`);
    let name = part.replace(/\([^)]*\)/g, ' ');
    if (dashRole) name = name.slice(0, name.length - dashRole[0].length);
    name = clean(name.replace(new RegExp(String.raw`^${MEMBER_PREFIX}\s+`, 'i'), '').replace(/^(and|a|ac|&)\s+/, '').replace(/[.,;:]+$/, ''));
    if (!/^\p{Lu}/u.test(name) || name.length > 60) continue;
    members.push({ name, role });
  }
  return members;
}

/** A "Membership:" label naming members without "Cllr": the rest of its line and the lines under it, each part a plain name. */
function plainNames(first: string, lines: readonly Line[], from: number, isStop: (line: Line) => boolean): PackMember[] {
  const members: PackMember[] = [];
  for (let i = from - 1; i < lines.length && members.length < 60; i += 1) {
    const line = i < from ? null : lines[i];
    const text = line ? line.text : first;
    if (i >= from && (!line || isStop(line) || STOP_MEMBERS_RE.test(text) || findDate(text))) break;
    if (text.length === 0) continue;
    const parts = text.split(/\s*[,;]\s*|\s+(?:and|ac|&)\s+/).map(clean).filter((p) => p.length > 0);
    const read = parts.map((part) => ({ name: clean(part.replace(/\([^)]*\)/g, ' ')), role: roleOf([...part.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? '').join(' ')) }));
    if (read.length === 0 || read.some((m) => !PLAIN_NAME_RE.test(m.name) || m.name.length > 60)) break;
    members.push(...read);
  }
  return members;
}

export function findMembers(lines: readonly Line[], isStop: (line: Line) => boolean): PackMember[] {
  let start = -1;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line) continue;
    const labelled = MEMBERSHIP_LABEL_RE.test(line.text);
    const prefixes = line.text.match(MEMBER_PREFIXES_RE)?.length ?? 0;
    if (labelled && prefixes > 0) {
      start = i;
      break;
    }
    if (labelled && MEMBER_PREFIX_RE.test(` ${lines[i + 1]?.text ?? ''}`)) {
      start = i + 1;
      break;
    }
    if (prefixes >= 2) {
      start = i;
      break;
    }
    if (labelled && FULL_LABEL_RE.test(line.text)) {
      const names = plainNames(line.text.replace(FULL_LABEL_RE, ''), lines, i + 1, isStop);
      if (names.length > 0) return names;
    }
  }
  if (start < 0) return [];
  const parts: string[] = [];
  const first = lines[start];
  const blockBold = first?.bold;
  for (let i = start; i < lines.length && parts.length < 40; i += 1) {
    const line = lines[i];
    if (!line) break;
    if (i > start) {
      if (STOP_MEMBERS_RE.test(line.text) || isStop(line) || findDate(line.text)) break;
      const hasPrefix = MEMBER_PREFIX_RE.test(` ${line.text}`);
      if (!hasPrefix) {
        if (line.text.length > 80 || /[.!?]$/.test(parts[parts.length - 1] ?? '')) break;
        if (blockBold === false && line.bold === true) break;
      }
    }
    parts.push(line.text);
  }
  return parseMembers(joinWrapped(parts));
}
