/**
 * Suggests interests a member may need to declare, by comparing their register of interests with
 * each agenda item's title and report text ("Your registered interest in West Mercia Energy may
 * relate to item 7"). Suggestions are prompts for the member: nothing here declares anything, and
 * the output type is not a declaration.
 *
 * Matching is deliberately plain so a member can see why something was suggested: case-insensitive
 * whole words, accents ignored, simple plural folding ("companies" = "company"), stop words and
 * generic words ("council", "county", "ltd", "trust", ...) ignored. Evidence, strongest first:
 *
 *   a whole registered name of two or more words (organisation, place or keyword)   0.9
 *   two or more consecutive words of the description                                 0.7
 *   a registered name of one word ("Acme", "Worcester")                              0.5
 *   any other single word of the register entry ("energy")                           0.25
 *
 * Each is worth its full weight in the item's title and 60% of it in the report text only, and an
 * item's score combines the evidence as independent chances (1 - Π(1 - w)), so it stays within 0..1
 * and more evidence only ever raises it. One shared word scores at most 0.25; the whole of "West
 * Mercia Energy" in a title scores 0.9.
 *
 * Pure TypeScript, linear in the length of the texts.
 */
import type { InterestSuggestion, RegisteredInterest } from './schema';

export interface AgendaItemText {
  /** As printed: "7", "5a". */
  readonly number: string;
  readonly title: string;
  /** The item's report text; empty when the papers are "to follow". */
  readonly text: string;
}

export interface SuggestOptions {
  /** Suggestions scoring below this are dropped. Defaults to `defaultMinSuggestionScore`. */
  readonly minScore?: number;
  /**
   * Words that mean nothing for this council's agendas, typically its own area ("Worcestershire"):
   * every report mentions it, so it must not suggest anything.
   */
  readonly genericWords?: readonly string[];
}

/**
 * At or above this, the UI may present a suggestion as likely rather than possible: a whole name in
 * the title (0.9), or a whole name in the report text (0.54) backed by more of the register entry.
 */
export const strongSuggestionScore = 0.75;
/** Just under one shared word in a title (0.25); one word found only in report text (0.15) is dropped. */
export const defaultMinSuggestionScore = 0.2;

const WEIGHT = { name: 0.9, run: 0.7, oneWordName: 0.5, word: 0.25 } as const;
const TEXT_ONLY = 0.6;

/* ------------------------------------------------------------------------------------------- */
/* Words                                                                                        */
/* ------------------------------------------------------------------------------------------- */

/** English glue words: never evidence of anything. */
const STOP_WORDS = [
  'a', 'about', 'above', 'after', 'against', 'all', 'also', 'am', 'an', 'and', 'any', 'are', 'as', 'at',
  'be', 'been', 'before', 'being', 'below', 'between', 'both', 'but', 'by', 'can', 'could', 'did', 'do',
  'does', 'during', 'each', 'etc', 'few', 'for', 'from', 'further', 'had', 'has', 'have', 'having', 'he',
  'her', 'here', 'hers', 'him', 'his', 'how', 'i', 'if', 'in', 'including', 'into', 'is', 'it', 'its',
  'may', 'me', 'more', 'most', 'my', 'no', 'nor', 'not', 'of', 'off', 'on', 'once', 'only', 'or', 'other',
  'our', 'ours', 'out', 'over', 'own', 'per', 're', 'same', 'shall', 'she', 'should', 'so', 'some', 'such',
  'than', 'that', 'the', 'their', 'theirs', 'them', 'then', 'there', 'these', 'they', 'this', 'those',
  'through', 'to', 'too', 'under', 'until', 'up', 'upon', 'very', 'via', 'was', 'we', 'were', 'what',
  'when', 'where', 'which', 'while', 'who', 'whom', 'why', 'will', 'with', 'within', 'would', 'you', 'your',
];

/**
 * Words in the names of organisations and places that say what sort of body or road it is, not
 * which: "Acme Ltd" and "Acme Holdings" are both "Acme", and "council" is on every agenda. Also the
 * vocabulary of agendas themselves ("committee", "report", "update"), which would otherwise tie a
 * "Joint Committee" to every committee.
 */
const GENERIC_WORDS = [
  // legal forms
  'limited', 'ltd', 'plc', 'llp', 'llc', 'inc', 'co', 'company', 'companies', 'cic', 'holding', 'holdings',
  'group', 'trust', 'trustees', 'foundation', 'association', 'society', 'charity', 'charitable', 'incorporated',
  'partnership', 'enterprise', 'enterprises', 'service', 'services', 'uk', 'gb', 'united', 'kingdom',
  'international', 'national', 'british', 'england', 'english',
  // local government
  'council', 'councils', 'county', 'district', 'borough', 'city', 'parish', 'town', 'authority', 'local',
  'government', 'cabinet', 'committee', 'joint', 'board', 'panel', 'scrutiny', 'overview', 'department',
  'directorate', 'office', 'division', 'ward', 'member', 'members', 'councillor', 'councillors', 'cllr',
  'chairman', 'chair', 'party', 'whip',
  // agenda vocabulary
  'agenda', 'item', 'items', 'report', 'reports', 'minute', 'minutes', 'meeting', 'meetings', 'update',
  'annual', 'appendix', 'page', 'pages', 'summary', 'background', 'paper', 'papers', 'contact', 'point',
  'points', 'information', 'supporting', 'purpose', 'arrangement', 'arrangements', 'declaration',
  'declarations', 'interest', 'interests', 'apologies', 'welcome', 'confirmation', 'previous', 'programme',
  'work', 'public', 'participation', 'general', 'new', 'year', 'years', 'month', 'months', 'january',
  'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  // addresses
  'street', 'road', 'lane', 'avenue', 'close', 'drive', 'way', 'place', 'house', 'hall', 'building',
  'centre', 'center', 'unit', 'high', 'north', 'south', 'east', 'west', 'upper', 'lower', 'great', 'little',
];

/**
 * How registers describe an interest rather than what it is about: "Employed as a procurement
 * officer by ..." is about the organisation, not about employment. Only dropped from the register
 * entry's own description, never from agenda text.
 */
const DESCRIPTION_FILLER = [
  'employed', 'employee', 'employment', 'employer', 'job', 'role', 'post', 'position', 'occupation',
  'profession', 'trade', 'vocation', 'self', 'retired', 'officer', 'manager', 'director', 'directorship',
  'secretary', 'treasurer', 'trustee', 'governor', 'volunteer', 'worker', 'staff', 'consultant', 'adviser',
  'advisor', 'owner', 'proprietor', 'partner', 'spouse', 'wife', 'husband', 'civil', 'shareholder',
  'shareholding', 'share', 'shares', 'securities', 'security', 'stock', 'holder', 'nominal', 'value',
  'capital', 'issued', 'beneficial', 'land', 'property', 'properties', 'home', 'residence', 'residential',
  'dwelling', 'freehold', 'leasehold', 'lease', 'leases', 'licence', 'license', 'licences', 'tenancy',
  'tenant', 'landlord', 'occupy', 'occupation', 'contract', 'contracts', 'contractor', 'supply', 'goods',
  'works', 'sponsorship', 'sponsor', 'sponsored', 'election', 'expenses', 'donation', 'donations',
  'registered', 'registrable', 'pecuniary', 'disclosable', 'payment', 'paid', 'unpaid', 'part', 'full',
  'time', 'held', 'hold', 'holds', 'own', 'owned', 'owns', 'known', 'named',
];

function fold(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

const foldAll = (list: readonly string[]): Set<string> => new Set(list.map((w) => fold(w.toLowerCase())));
const STOP = foldAll(STOP_WORDS);
const GENERIC = foldAll(GENERIC_WORDS);
const FILLER = foldAll(DESCRIPTION_FILLER);

interface Word {
  /** Lower-case, accent-free, plural-folded. */
  readonly key: string;
  /** As written, for `matchedTerms`. */
  readonly original: string;
}

/**
 * Whole words of `text`. Possessives go first so "Council's" is "council"; other apostrophes are
 * dropped so "O'Brien" is one word. Digits alone ("2022", "12") are dates and page numbers, and one
 * letter is nothing, so neither is a word here.
 */
function wordsOf(text: string): Word[] {
  const prepared = text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/['’]s\b/giu, '').replace(/['’]/gu, '');
  const out: Word[] = [];
  for (const match of prepared.matchAll(/[\p{L}\p{N}]+/gu)) {
    const original = match[0];
    if (original.length < 2 || /^\p{N}+$/u.test(original)) continue;
    out.push({ key: fold(original.toLowerCase()), original });
  }
  return out;
}

/* ------------------------------------------------------------------------------------------- */
/* Agenda text                                                                                  */
/* ------------------------------------------------------------------------------------------- */

/** The significant words of a title or report in order, and where each occurs. */
interface TextIndex {
  readonly stream: readonly string[];
  readonly positions: ReadonlyMap<string, readonly number[]>;
}

function indexText(text: string, ignore: (key: string) => boolean): TextIndex {
  // Ignored words are removed rather than kept as gaps, so "West Mercia Energy Joint Committee"
  // still contains "West Mercia Energy Ltd" once "ltd", "joint" and "committee" are gone.
  const stream = wordsOf(text)
    .map((w) => w.key)
    .filter((k) => !ignore(k));
  const positions = new Map<string, number[]>();
  stream.forEach((key, i) => {
    const list = positions.get(key);
    if (list) list.push(i);
    else positions.set(key, [i]);
  });
  return { stream, positions };
}

/** Length of the longest run of `words` starting at `from` found consecutively in `index`. */
function longestRunAt(index: TextIndex, words: readonly (string | null)[], from: number): number {
  const first = words[from];
  if (first === null || first === undefined) return 0;
  let best = 0;
  for (const p of index.positions.get(first) ?? []) {
    let k = 1;
    while (from + k < words.length && words[from + k] !== null && index.stream[p + k] === words[from + k]) k++;
    if (k > best) best = k;
  }
  return best;
}

function containsPhrase(index: TextIndex, words: readonly string[]): boolean {
  return words.length > 0 && longestRunAt(index, words, 0) === words.length;
}

/* ------------------------------------------------------------------------------------------- */
/* Register entries                                                                             */
/* ------------------------------------------------------------------------------------------- */

interface Name {
  readonly label: string;
  readonly words: readonly string[];
}

/** What one register entry offers to match, prepared once for all items. */
interface Terms {
  /** Organisation, place and keywords: matched whole. */
  readonly names: readonly Name[];
  /** The description's significant words in order, `null` where a name or filler word broke it. */
  readonly description: readonly (string | null)[];
  readonly descriptionOriginals: readonly string[];
  /** Every single word that may count on its own, with the spelling to show. */
  readonly singles: ReadonlyMap<string, string>;
}

function termsOf(interest: RegisteredInterest, ignore: (key: string) => boolean): Terms {
  const named = [interest.organisation, interest.place, ...(interest.keywords ?? [])].filter(
    (t): t is string => t !== undefined && t.trim().length > 0,
  );
  const names: Name[] = [];
  const singles = new Map<string, string>();
  const inNames = new Set<string>();
  for (const label of named) {
    const ws = wordsOf(label).filter((w) => !ignore(w.key));
    if (ws.length === 0) continue;
    names.push({ label: label.trim(), words: ws.map((w) => w.key) });
    for (const w of ws) {
      inNames.add(w.key);
      // The words of a longer name count one by one only when the whole name is absent (see below).
      if (ws.length > 1 && !singles.has(w.key)) singles.set(w.key, w.original);
    }
  }
  const description: (string | null)[] = [];
  const descriptionOriginals: string[] = [];
  for (const w of wordsOf(interest.description)) {
    if (ignore(w.key) || FILLER.has(w.key) || inNames.has(w.key)) {
      // The names already speak for their own words; a break stops a run spanning two phrases.
      if (description.length > 0 && description[description.length - 1] !== null) {
        description.push(null);
        descriptionOriginals.push('');
      }
      continue;
    }
    description.push(w.key);
    descriptionOriginals.push(w.original);
    if (!singles.has(w.key)) singles.set(w.key, w.original);
  }
  return { names, description, descriptionOriginals, singles };
}

interface Evidence {
  readonly label: string;
  readonly weight: number;
}

function evidenceFor(terms: Terms, title: TextIndex, text: TextIndex): Evidence[] {
  const found: Evidence[] = [];
  const covered = new Set<string>();
  const where = (has: (index: TextIndex) => boolean): number => (has(title) ? 1 : has(text) ? TEXT_ONLY : 0);

  for (const name of terms.names) {
    const at = where((index) => containsPhrase(index, name.words));
    if (at === 0) continue;
    found.push({ label: name.label, weight: (name.words.length > 1 ? WEIGHT.name : WEIGHT.oneWordName) * at });
    name.words.forEach((w) => covered.add(w));
  }

  for (const [index, at] of [[title, 1], [text, TEXT_ONLY]] as const) {
    let i = 0;
    while (i < terms.description.length) {
      const run = longestRunAt(index, terms.description, i);
      if (run >= 2) {
        const keys = terms.description.slice(i, i + run).filter((k): k is string => k !== null);
        if (keys.some((k) => !covered.has(k))) {
          found.push({ label: terms.descriptionOriginals.slice(i, i + run).join(' '), weight: WEIGHT.run * at });
          keys.forEach((k) => covered.add(k));
        }
        i += run;
      } else {
        i++;
      }
    }
  }

  for (const [key, original] of terms.singles) {
    if (covered.has(key)) continue;
    const at = where((index) => index.positions.has(key));
    if (at > 0) found.push({ label: original, weight: WEIGHT.word * at });
  }
  return found;
}

/* ------------------------------------------------------------------------------------------- */
/* Entry point                                                                                  */
/* ------------------------------------------------------------------------------------------- */

/**
 * One suggestion per register entry and item whose evidence reaches `minScore`, strongest first
 * (ties in agenda order, then by member, then register order, so the list is stable).
 */
export function suggestInterests(
  register: readonly RegisteredInterest[],
  items: readonly AgendaItemText[],
  options: SuggestOptions = {},
): InterestSuggestion[] {
  const minScore = options.minScore ?? defaultMinSuggestionScore;
  const extra = foldAll((options.genericWords ?? []).flatMap((w) => wordsOf(w).map((x) => x.original)));
  const ignore = (key: string): boolean => STOP.has(key) || GENERIC.has(key) || extra.has(key);

  const indexed = items.map((item, order) => ({
    item,
    order,
    title: indexText(item.title, ignore),
    text: indexText(item.text, ignore),
  }));

  const ranked: Array<{ suggestion: InterestSuggestion; order: number; entry: number }> = [];
  register.forEach((interest, entry) => {
    const terms = termsOf(interest, ignore);
    for (const { item, order, title, text } of indexed) {
      const evidence = evidenceFor(terms, title, text);
      if (evidence.length === 0) continue;
      const score = round(1 - evidence.reduce((miss, e) => miss * (1 - e.weight), 1));
      if (score < minScore) continue;
      const matchedTerms = [...evidence].sort((a, b) => b.weight - a.weight).map((e) => e.label);
      ranked.push({
        suggestion: {
          memberId: interest.memberId,
          itemNumber: item.number,
          category: interest.category,
          interestDescription: interest.description,
          matchedTerms: [...new Set(matchedTerms)],
          score,
        },
        order,
        entry,
      });
    }
  });

  ranked.sort(
    (a, b) =>
      b.suggestion.score - a.suggestion.score ||
      a.order - b.order ||
      compare(a.suggestion.memberId, b.suggestion.memberId) ||
      a.entry - b.entry,
  );
  return ranked.map((r) => r.suggestion);
}

function round(score: number): number {
  return Math.min(1, Math.max(0, Math.round(score * 100) / 100));
}

/** Code-point order, not locale order, so results do not depend on where Chamber runs. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
