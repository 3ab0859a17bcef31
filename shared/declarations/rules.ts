/**
 * The council's rules for declarations of interest, from the "DISCLOSING INTERESTS" guidance that
 * opens every seed agenda pack and DESIGN.md:
 *
 * - a declaration relates to specific business: exactly one agenda item, never "all items";
 * - the member must disclose both the existence and the nature: "as noted/recorded" is insufficient;
 * - with a DPI "you must not participate and you must withdraw", unless a dispensation was granted;
 * - a sensitive interest is declared without its nature;
 * - a party whip is declared with its subject.
 *
 * Pure functions over plain data, so the core (before it writes), the renderer (as the member types)
 * and the command line give the same answers. Issues carry stable codes the UI translates
 * (`declarations.<code>`); messages are English for logs and the command line.
 */
import { type FieldIssue, issuesFromZod } from '../result';
import {
  type Declaration,
  type DeclarationAction,
  DeclarationDraft,
  type DeclarationScope,
  type DeclaredAt,
  type InterestKind,
  declarationLimits,
} from './schema';

/** Every code `validateDeclaration` can give besides zod's structural ones (invalid_type, ...). */
export const declarationIssueCodes = [
  'item_required',
  'item_unknown',
  'blanket_declaration',
  'nature_required',
  'nature_insufficient',
  'nature_must_be_withheld',
  'action_required',
  'action_not_applicable',
  'dpi_must_withdraw',
  'dispensation_reference_required',
  'public_speaking_not_allowed',
  'part_required',
  'too_long',
] as const;
export type DeclarationIssueCode = (typeof declarationIssueCodes)[number];

export interface DeclarationContext {
  /** The meeting's agenda item numbers as printed ("1", "2", ..., "5a"). */
  readonly agendaItemNumbers: readonly string[];
  /**
   * Whether members of the public may speak on the item (public participation). When `false`,
   * `spoke-as-public-then-withdrew` is refused; when unknown the chair's confirmation is the check.
   */
  readonly publicMaySpeak?: boolean;
}

export type DeclarationValidation = { ok: true; value: Declaration } | { ok: false; issues: FieldIssue[] };

/**
 * Checks a draft against the rules and returns the normalised declaration, or every issue at once
 * (so a form can show them together). Accepts `unknown` because drafts arrive across the API
 * boundary; a typed `DeclarationDraft` or an already validated `Declaration` is accepted too, and
 * validating a `Declaration` again returns it unchanged.
 *
 * Normalisations: text trimmed with runs of white space collapsed; item numbers spelt as on the
 * agenda ("Item 7" → "7", "5A" → "5a"); blank `dispensationReference` dropped; a DPI without a
 * dispensation and without an action becomes `withdrew` (the only lawful action, so nothing is
 * guessed); a DPI with a dispensation reference and action `remained` becomes
 * `remained-with-dispensation` (the same fact, named as the minutes need it).
 */
export function validateDeclaration(draft: unknown, context: DeclarationContext): DeclarationValidation {
  const parsed = DeclarationDraft.safeParse(draft);
  const listedItems = multipleItemsGiven(draft);
  if (!parsed.success) {
    const structural = issuesFromZod(parsed.error).filter((i) => !(listedItems && i.path[0] === 'itemNumber'));
    return { ok: false, issues: listedItems ? [blanket(['itemNumber']), ...structural] : structural };
  }
  const d = parsed.data;
  const issues: FieldIssue[] = [];
  const agenda = agendaIndex(context.agendaItemNumbers);

  const itemNumber = resolveItem(d.itemNumber, agenda, ['itemNumber'], issues);
  const declaredAt = resolveDeclaredAt(d.declaredAt, agenda, issues);
  const scope = resolveScope(d.scope, issues);
  const nature = resolveNature(d.kind, d.nature, issues);

  const reference = collapse(d.dispensationReference ?? '');
  if (reference.length > declarationLimits.dispensationReference) {
    issues.push(tooLong(['dispensationReference'], declarationLimits.dispensationReference));
  }
  const action = resolveAction(d.kind, d.action, reference.length > 0, context, issues);

  if (issues.length > 0 || itemNumber === null || declaredAt === null || scope === null || action === null) {
    return { ok: false, issues };
  }
  const value: Declaration = {
    memberId: d.memberId,
    meetingId: d.meetingId,
    itemNumber,
    kind: d.kind,
    nature,
    natureWithheld: d.kind === 'sensitive',
    action,
    ...(reference.length > 0 ? { dispensationReference: reference } : {}),
    declaredAt,
    scope,
    preDeclared: d.preDeclared,
    confirmedByChair: d.confirmedByChair,
  };
  return { ok: true, value };
}

/**
 * A pre-declaration (entered by the member before the meeting) is not part of the record until the
 * chair confirms it at the declarations item; declarations made in the meeting are on the record.
 */
export function awaitsChairConfirmation(declaration: Pick<Declaration, 'preDeclared' | 'confirmedByChair'>): boolean {
  return declaration.preDeclared && !declaration.confirmedByChair;
}

/* ------------------------------------------------------------------------------------------- */
/* Nature                                                                                       */
/* ------------------------------------------------------------------------------------------- */

/**
 * Words that say only that an interest exists or where it is written down. A nature made of nothing
 * else ("As noted.", "as previously declared", "See register", "My interest is recorded in the
 * register of interests", "Pecuniary interest", "n/a") does not disclose the nature, which the
 * guidance calls insufficient. Checking what is left, rather than listing phrases, catches the
 * endless variants of the same non-answer; one substantive word ("Employed by West Mercia Energy",
 * "Governor of a school in the division") is enough to pass.
 */
const NON_DISCLOSING_WORDS = new Set([
  // reference to somewhere else
  'as', 'noted', 'note', 'recorded', 'record', 'records', 'registered', 'register', 'registers', 'declared',
  'declare', 'declaring', 'disclosed', 'previously', 'previous', 'prior', 'before', 'earlier', 'already',
  'above', 'below', 'per', 'see', 'refer', 'same', 'stated', 'listed', 'set', 'out', 'detailed', 'shown',
  'entered', 'minuted', 'minutes', 'usual', 'standing', 'existing', 'ditto', 'form', 'website', 'published',
  'online', 'code', 'conduct', 'again',
  // the kind of interest restated instead of its nature
  'interest', 'interests', 'declaration', 'declarations', 'dpi', 'dpis', 'pecuniary', 'disclosable',
  'registrable', 'non', 'other', 'personal', 'prejudicial', 'sensitive', 'general',
  // no answer at all
  'n', 'a', 'na', 'none', 'nil', 'nothing', 'tbc', 'tba', 'etc', 'yes', 'no',
  // glue
  'the', 'an', 'my', 'our', 'his', 'her', 'their', 'its', 'in', 'on', 'at', 'of', 'to', 'for', 'with', 'by',
  'from', 'and', 'or', 'is', 'are', 'was', 'were', 'be', 'been', 'it', 'this', 'that', 'i', 'have', 'has',
  'had', 'which', 'item', 'items', 'agenda', 'meeting', 'meetings', 'member', 'members', 'councillor', 'cllr',
]);

function resolveNature(kind: InterestKind, raw: string | null | undefined, issues: FieldIssue[]): string | null {
  const nature = collapse(raw ?? '');
  if (kind === 'sensitive') {
    // Withheld by law (Localism Act 2011 s.32): refuse it rather than drop it silently, so the
    // member knows it was not stored and nothing they typed can reach the endpoint or the minutes.
    if (nature.length > 0) {
      issues.push(issue(['nature'], 'nature_must_be_withheld', 'The nature of a sensitive interest is withheld: leave it blank'));
    }
    return null;
  }
  if (nature.length === 0) {
    issues.push(issue(['nature'], 'nature_required', 'State the nature of the interest'));
    return null;
  }
  if (nature.length > declarationLimits.nature) {
    issues.push(tooLong(['nature'], declarationLimits.nature));
    return null;
  }
  if (!words(nature).some((w) => !NON_DISCLOSING_WORDS.has(w))) {
    issues.push(
      issue(['nature'], 'nature_insufficient', "Say what the interest is: 'as noted' or 'as recorded' is insufficient"),
    );
    return null;
  }
  return nature;
}

/* ------------------------------------------------------------------------------------------- */
/* Action                                                                                       */
/* ------------------------------------------------------------------------------------------- */

/**
 * Dispensations and speaking as a member of the public are provisions about interests; a party
 * whip is not an interest, so a whipped member stays, abstains or leaves.
 */
const PARTY_WHIP_ACTIONS: ReadonlySet<DeclarationAction> = new Set(['remained', 'remained-did-not-vote', 'withdrew']);

function resolveAction(
  kind: InterestKind,
  raw: DeclarationAction | undefined,
  hasReference: boolean,
  context: DeclarationContext,
  issues: FieldIssue[],
): DeclarationAction | null {
  let action = raw;
  if (kind === 'dpi' && !hasReference) {
    // "You must not participate and you must withdraw": the law leaves one action, so it is the default.
    if (action === undefined) action = 'withdrew';
    if (action === 'remained' || action === 'remained-did-not-vote' || action === 'remained-with-dispensation') {
      issues.push(
        issue(['action'], 'dpi_must_withdraw', 'A member with a disclosable pecuniary interest must withdraw unless a dispensation was granted'),
      );
    }
  }
  if (kind === 'dpi' && hasReference && action === 'remained') action = 'remained-with-dispensation';
  if (action === undefined) {
    // For every other case more than one action is lawful (a non-DPI interest may still require
    // withdrawal if it would prejudice judgement): the member says which, Chamber does not guess.
    issues.push(issue(['action'], 'action_required', 'Say whether the member withdrew or remained'));
    return null;
  }
  if (kind === 'party-whip' && !PARTY_WHIP_ACTIONS.has(action)) {
    issues.push(issue(['action'], 'action_not_applicable', 'A party whip is not an interest: the member remained, abstained or withdrew'));
  }
  if (action === 'remained-with-dispensation' && !hasReference && kind !== 'party-whip') {
    issues.push(issue(['dispensationReference'], 'dispensation_reference_required', 'Give the reference of the dispensation'));
  }
  if (action === 'spoke-as-public-then-withdrew' && context.publicMaySpeak === false) {
    issues.push(
      issue(['action'], 'public_speaking_not_allowed', 'Members of the public may not speak on this item, so neither may the member'),
    );
  }
  return action;
}

/* ------------------------------------------------------------------------------------------- */
/* Agenda items                                                                                 */
/* ------------------------------------------------------------------------------------------- */

/** Agenda numbers by comparison key, so "Item 5A" finds "5a" and the agenda's spelling is kept. */
function agendaIndex(numbers: readonly string[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const n of numbers) {
    const spelt = collapse(n);
    if (spelt.length > 0 && !index.has(itemKey(spelt))) index.set(itemKey(spelt), spelt);
  }
  return index;
}

function itemKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/^(agenda\s+)?items?\b\s*/, '')
    .replace(/^(no\.?|number|#)\s*/, '')
    .replace(/[\s()]/g, '')
    .replace(/\.$/, '');
}

/**
 * "All items", "*", "any item", "general" or more than one item number ("5, 6", "5-7", "5 and 8"):
 * the guidance says declarations must relate to specific business, so each item is its own
 * declaration.
 */
function isBlanket(text: string): boolean {
  if (text.includes('*')) return true;
  if (/\b(all|every|each|any|whole|entire|general|various|several|multiple|both)\b/i.test(text)) return true;
  return (text.match(/\d+[a-z]?/gi) ?? []).length > 1;
}

function resolveItem(raw: string, agenda: Map<string, string>, path: FieldIssue['path'], issues: FieldIssue[]): string | null {
  const text = collapse(raw);
  if (text.length === 0) {
    issues.push(issue(path, 'item_required', 'Choose the agenda item the declaration relates to'));
    return null;
  }
  // An exact agenda number wins even if it looks odd, so a printed "5-1" is never called a blanket.
  const known = agenda.get(itemKey(text));
  if (known !== undefined) return known;
  if (isBlanket(text)) {
    issues.push(blanket(path));
  } else {
    issues.push(issue(path, 'item_unknown', `There is no item ${text} on this agenda`));
  }
  return null;
}

/** An array of item numbers reaches the schema as a type error; say what it means instead. */
function multipleItemsGiven(draft: unknown): boolean {
  if (typeof draft !== 'object' || draft === null) return false;
  const item: unknown = (draft as { itemNumber?: unknown }).itemNumber;
  return Array.isArray(item) && item.length > 1;
}

function resolveDeclaredAt(raw: DeclaredAt, agenda: Map<string, string>, issues: FieldIssue[]): DeclaredAt | null {
  if (raw.when === 'declarations-item') return { when: 'declarations-item' };
  // A late declaration may name an earlier item than the one under way, so any agenda item is allowed.
  const itemNumber = resolveItem(raw.itemNumber, agenda, ['declaredAt', 'itemNumber'], issues);
  return itemNumber === null ? null : { when: 'during-item', itemNumber };
}

function resolveScope(raw: DeclarationScope, issues: FieldIssue[]): DeclarationScope | null {
  if (raw.whole) return { whole: true };
  const part = collapse(raw.part);
  if (part.length === 0) {
    issues.push(issue(['scope', 'part'], 'part_required', 'Name the part of the item the declaration covers'));
    return null;
  }
  if (part.length > declarationLimits.part) {
    issues.push(tooLong(['scope', 'part'], declarationLimits.part));
    return null;
  }
  return { whole: false, part };
}

/* ------------------------------------------------------------------------------------------- */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------- */

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lower-case words with accents and punctuation gone, so "AS NOTED!!" and "as noted" compare equal. */
function words(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function issue(path: FieldIssue['path'], code: DeclarationIssueCode, message: string): FieldIssue {
  return { path: [...path], code, message };
}

function blanket(path: FieldIssue['path']): FieldIssue {
  return issue(path, 'blanket_declaration', 'Declarations relate to one agenda item each: declare for each item separately');
}

function tooLong(path: FieldIssue['path'], max: number): FieldIssue {
  return issue(path, 'too_long', `At most ${max} characters`);
}
