/**
 * Lays minutes out once, in the chosen language, as a flat list of blocks (headings, paragraphs,
 * lists, tables, the signature line) that the Word, PDF and HTML renderers each turn into their
 * own format. Keeping the order and wording here means the three formats cannot drift apart, and
 * a gap in the data becomes a visible block rather than a crash in one of them.
 */
import type { Gap, MinuteItem, MinutesDeclaration, MinutesDocument, MinutesVote } from './model';
import { declarationsItem } from './model';
import type { TextRun } from './richText';
import { memberName } from '../domain/memberTitle';

export const minutesLanguages = ['en-GB', 'cy'] as const;
export type MinutesLanguage = (typeof minutesLanguages)[number];

/** Looks up a `minutes.*` phrase (key without the prefix; `dates.*` from the root) and fills its {{placeholders}}. */
export type Phrase = (key: string, values?: Record<string, string | number>) => string;

export type Tone = 'normal' | 'meta' | 'resolution' | 'gap' | 'status' | 'council';

export type LayoutBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; minuteNumber?: number }
  | { kind: 'paragraph'; runs: TextRun[]; tone: Tone }
  | { kind: 'list'; ordered: boolean; items: TextRun[][] }
  | { kind: 'table'; caption: string; headers: string[]; rows: string[][] }
  | { kind: 'signature'; lines: string[] };

export interface MinutesLayout {
  language: MinutesLanguage;
  /** The document's title (for metadata and the HTML <title>). */
  title: string;
  /** Running header: the council's name and the committee. */
  header: string;
  /** "Page {{page}} of {{pages}}" with the placeholders left for the renderer's page counter. */
  pageLabel: string;
  blocks: LayoutBlock[];
}

const text = (value: string, tone: Tone = 'normal'): LayoutBlock => ({ kind: 'paragraph', runs: [{ text: value }], tone });

/**
 * "Monday 17 January 2022" / "Dydd Llun 17 Ionawr 2022" from the locale files' `dates.*` names, not
 * Intl: Electron's ICU has no Welsh, and minutes must read the same whichever process made them.
 */
export function formatMinutesDate(isoDate: string, t: Phrase): string {
  const [year = 1970, month = 1, day = 1] = isoDate.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return t('dates.pattern.full', { weekday: t(`dates.weekdays.${weekday}`), day, month: t(`dates.months.${month}`), year });
}

/** Every member's name with the title of the minutes' language ("Cyng." in Welsh, "Cllr" in English). */
function titled(doc: MinutesDocument, language: MinutesLanguage): MinutesDocument {
  const n = (name: string) => memberName(name, language);
  const declarations = (list: readonly MinutesDeclaration[]) => list.map((d) => ({ ...d, memberName: n(d.memberName) }));
  return {
    ...doc,
    present: doc.present.map((p) => ({ ...p, name: n(p.name) })),
    apologies: doc.apologies.map((a) => ({ ...a, name: n(a.name) })),
    substitutes: doc.substitutes.map((s) => ({ ...s, name: n(s.name), forName: n(s.forName) })),
    alsoInAttendance: doc.alsoInAttendance.map((a) => ({ ...a, name: n(a.name) })),
    declarations: declarations(doc.declarations),
    items: doc.items.map((item) => ({
      ...item,
      declarations: declarations(item.declarations),
      vote: item.vote?.recorded
        ? { ...item.vote, recorded: { for: item.vote.recorded.for.map(n), against: item.vote.recorded.against.map(n), abstain: item.vote.recorded.abstain.map(n) } }
        : item.vote,
    })),
  };
}

export function layoutMinutes(original: MinutesDocument, language: MinutesLanguage, t: Phrase): MinutesLayout {
  const doc = titled(original, language);
  const blocks: LayoutBlock[] = [];
  const date = formatMinutesDate(doc.date, t);
  const gap = (g: Gap): LayoutBlock => text(t('document.gap', { text: t(`gaps.${g.code}`, { item: g.itemNumber ?? '' }) }), 'gap');

  // The council's name above the title, as on its own minutes.
  if (doc.councilName !== '') blocks.push(text(doc.councilName, 'council'));
  blocks.push({ kind: 'heading', level: 1, text: `${t('document.title')}: ${doc.committee}` });
  blocks.push(text(t('document.held', { date, time: doc.startTime, venue: doc.venue || '—' }), 'meta'));
  blocks.push(text(statusLine(doc, t), 'status'));

  const gaps = [...doc.gaps, ...doc.items.flatMap((i) => i.gaps)];
  if (gaps.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: t('document.gapsHeading') });
    blocks.push({ kind: 'list', ordered: false, items: gaps.map((g) => [{ text: t(`gaps.${g.code}`, { item: g.itemNumber ?? '' }) }]) });
  }

  blocks.push(...attendance(doc, t, gap));

  const declarationsAt = declarationsItem(doc);
  if (!declarationsAt) {
    blocks.push({ kind: 'heading', level: 2, text: t('declarations.heading') });
    blocks.push(...declarationTable(doc.declarations, t));
  }

  for (const item of doc.items) blocks.push(...minute(item, item === declarationsAt ? doc.declarations : null, t, gap));

  const ended = doc.endTime ? text(t('document.ended', { time: doc.endTime })) : gap({ code: 'no-end-time' });
  blocks.push(ended);
  blocks.push({ kind: 'signature', lines: [t('document.signature'), t('document.signatureDate')] });

  if (doc.corrections.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: t('document.corrections') });
    blocks.push({
      kind: 'list',
      ordered: true,
      items: doc.corrections.map((c) => [
        { text: c.minuteNumber === undefined ? `${formatMinutesDate(c.at.slice(0, 10), t)}: ${c.text}` : t('document.correctionMinute', { at: formatMinutesDate(c.at.slice(0, 10), t), minute: c.minuteNumber, text: c.text }) },
      ]),
    });
  }

  return {
    language,
    title: `${t('document.title')}: ${doc.committee}, ${date}`,
    header: doc.councilName === '' ? doc.committee : `${doc.councilName} — ${doc.committee}`,
    pageLabel: t('document.page', { page: '{{page}}', pages: '{{pages}}' }),
    blocks,
  };
}

function statusLine(doc: MinutesDocument, t: Phrase): string {
  if ((doc.status === 'approved' || doc.status === 'locked') && doc.approval) {
    const values = { committee: doc.approval.committee, date: formatMinutesDate(doc.approval.meetingDate, t) };
    return doc.approval.minuteNumber === undefined ? t('document.approved', values) : t('document.approvedMinute', { ...values, minute: doc.approval.minuteNumber });
  }
  return doc.status === 'circulated' ? t('document.circulated') : t('document.draft');
}

function attendance(doc: MinutesDocument, t: Phrase, gap: (g: Gap) => LayoutBlock): LayoutBlock[] {
  const out: LayoutBlock[] = [];
  const names = (list: string[]): LayoutBlock => (list.length === 0 ? text(t('document.none')) : { kind: 'list', ordered: false, items: list.map((n) => [{ text: n }]) });
  out.push({ kind: 'heading', level: 2, text: t('attendance.present') });
  for (const g of doc.gaps.filter((g) => g.code === 'no-attendance' || g.code === 'no-chair')) out.push(gap(g));
  out.push(
    names(
      doc.present.map((p) => (p.role === 'chair' ? t('attendance.chair', { name: p.name }) : p.role === 'vice-chair' ? t('attendance.viceChair', { name: p.name }) : p.name)),
    ),
  );
  out.push({ kind: 'heading', level: 2, text: t('attendance.apologies') });
  out.push(names(doc.apologies.map((a) => a.name)));
  out.push({ kind: 'heading', level: 2, text: t('attendance.substitutes') });
  out.push(names(doc.substitutes.map((s) => t('attendance.substituteFor', { name: s.name, for: s.forName }))));
  out.push({ kind: 'heading', level: 2, text: t('attendance.alsoInAttendance') });
  out.push(names(doc.alsoInAttendance.map((a) => (a.description ? `${a.name}, ${a.description}` : a.name))));
  return out;
}

function declarationTable(declarations: readonly MinutesDeclaration[], t: Phrase, caption = t('declarations.caption')): LayoutBlock[] {
  if (declarations.length === 0) return [text(t('declarations.noneMade'))];
  return [
    {
      kind: 'table',
      caption,
      headers: [t('declarations.member'), t('declarations.item'), t('declarations.kind'), t('declarations.nature'), t('declarations.action')],
      rows: declarations.map((d) => {
        const nature = d.nature === null ? t('declarations.withheld') : d.nature;
        return [
          d.memberName,
          d.itemTitle ? `${d.itemNumber} ${d.itemTitle}` : d.itemNumber,
          t(`declarations.kinds.${d.kind}`),
          d.part ? t('declarations.part', { nature, part: d.part }) : nature,
          t(`declarations.actions.${d.action}`, { reference: d.dispensationReference ?? '' }),
        ];
      }),
    },
  ];
}

function minute(item: MinuteItem, declarations: readonly MinutesDeclaration[] | null, t: Phrase, gap: (g: Gap) => LayoutBlock): LayoutBlock[] {
  const out: LayoutBlock[] = [{ kind: 'heading', level: 2, text: `${item.minuteNumber} ${item.title}`, minuteNumber: item.minuteNumber }];
  out.push(text(t('document.agendaItem', { number: item.itemNumber }), 'meta'));
  if (item.partTwo) out.push(text(t('document.partTwo'), 'status'));
  if (declarations) out.push(...declarationTable(declarations, t));

  for (const block of item.narrative) {
    out.push(block.type === 'paragraph' ? { kind: 'paragraph', runs: block.runs, tone: 'normal' } : { kind: 'list', ordered: block.ordered, items: block.items });
  }

  if (item.declarations.length > 0) {
    out.push({ kind: 'heading', level: 3, text: t('declarations.duringItem') });
    out.push(...declarationTable(item.declarations, t, t('declarations.duringItem')));
  }

  const outcome = item.outcome;
  if (outcome) {
    const words = outcome.resolution?.trim();
    if ((outcome.kind === 'resolved' || outcome.kind === 'agreed') && words) {
      out.push({ kind: 'paragraph', runs: [{ text: t(`outcome.${outcome.kind}`), bold: true }, { text: ` ${words}` }], tone: 'resolution' });
    } else if (outcome.kind === 'agreed') out.push(text(t('outcome.agreedPlain'), 'resolution'));
    else if (outcome.kind !== 'resolved') out.push(text(t(`outcome.${outcome.kind}`), 'resolution'));
  }
  if (item.vote) out.push(...voteTables(item.vote, t));

  if (item.panelComments.length > 0) {
    out.push({ kind: 'heading', level: 3, text: t('comments.heading') });
    for (const comment of item.panelComments) {
      if (comment.title.trim() !== '') out.push({ kind: 'paragraph', runs: [{ text: comment.title, bold: true }], tone: 'normal' });
      for (const line of comment.text.split(/\n{2,}/)) if (line.trim() !== '') out.push(text(line.trim()));
    }
  }
  if (item.actions.length > 0) {
    out.push({ kind: 'heading', level: 3, text: t('actions.heading') });
    out.push({
      kind: 'table',
      caption: t('actions.caption'),
      headers: [t('actions.action'), t('actions.owner'), t('actions.due')],
      rows: item.actions.map((a) => [a.text, a.owner, a.dueDate ? formatMinutesDate(a.dueDate, t) : t('actions.noDue')]),
    });
  }
  if (item.speakers && item.speakers.length > 0) {
    const length = (seconds: number) => t('speakers.duration', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
    out.push({ kind: 'heading', level: 3, text: t('speakers.heading') });
    out.push({
      kind: 'table',
      caption: t('speakers.caption'),
      headers: [t('speakers.speaker'), t('speakers.spoke'), t('speakers.limit')],
      rows: item.speakers.map((s) => [
        s.name,
        s.overSeconds > 0 ? t('speakers.over', { spoke: length(s.seconds), over: length(s.overSeconds) }) : length(s.seconds),
        s.limitSeconds === undefined ? t('speakers.noLimit') : length(s.limitSeconds),
      ]),
    });
  }
  for (const g of item.gaps) out.push(gap(g));
  return out;
}

function voteTables(vote: MinutesVote, t: Phrase): LayoutBlock[] {
  const out: LayoutBlock[] = [
    { kind: 'heading', level: 3, text: t('votes.heading') },
    { kind: 'table', caption: t('votes.caption'), headers: [t('votes.for'), t('votes.against'), t('votes.abstain')], rows: [[String(vote.for), String(vote.against), String(vote.abstain)]] },
  ];
  if (vote.recorded) {
    const rows = (['for', 'against', 'abstain'] as const).flatMap((side) => (vote.recorded?.[side] ?? []).map((name) => [name, t(`votes.${side}`)]));
    out.push({ kind: 'table', caption: t('votes.recordedCaption'), headers: [t('votes.member'), t('votes.vote')], rows });
  }
  return out;
}
