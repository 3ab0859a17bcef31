/**
 * Declarations of interest and the register of interests (DESIGN.md, "Declaration of interest" and
 * "Register of interests"; the seed packs' "DISCLOSING INTERESTS" guidance is the rule set).
 *
 * This file holds the shapes only. The council's rules (nature must be stated, one item per
 * declaration, a DPI without a dispensation means withdrawal, ...) need the meeting's agenda, so
 * they live in `rules.ts`; `validateDeclaration` there is the one way to turn a `DeclarationDraft`
 * into a `Declaration`. Pure TypeScript: no Node, DOM or Electron.
 */
import { z } from 'zod';
import { ItemNumber, MeetingId, MemberId } from '../vocabulary';

/* ------------------------------------------------------------------------------------------- */
/* Kinds and actions                                                                            */
/* ------------------------------------------------------------------------------------------- */

/**
 * - `dpi`: disclosable pecuniary interest (Localism Act 2011 s.30; registrable, criminal to take part).
 * - `other-registrable`: registrable under the council's code but not a DPI.
 * - `non-registrable`: a pecuniary interest in, or close connection with, the business that need
 *   not be registered but must be declared ("other disclosable interests" in the guidance).
 * - `sensitive`: the monitoring officer agreed that disclosing the nature could expose the member
 *   or a connected person to violence or intimidation (s.32): existence declared, nature withheld.
 * - `party-whip`: not an interest; scrutiny procedure rules require a member to declare a party whip
 *   on an item, and the nature is the whip's subject.
 */
export const interestKinds = ['dpi', 'other-registrable', 'non-registrable', 'sensitive', 'party-whip'] as const;
export const InterestKind = z.enum(interestKinds);
export type InterestKind = z.infer<typeof InterestKind>;

/**
 * What the member did about the item:
 * - `withdrew`: left the room for the item (what a DPI requires without a dispensation);
 * - `remained-did-not-vote`: stayed, may have spoken, did not vote;
 * - `remained-with-dispensation`: took part under a dispensation, whose reference must be given;
 * - `spoke-as-public-then-withdrew`: spoke as a member of the public could (where the public may
 *   speak on the item), then withdrew;
 * - `remained`: took full part, for interests that do not require withdrawal.
 */
export const declarationActions = [
  'withdrew',
  'remained-did-not-vote',
  'remained-with-dispensation',
  'spoke-as-public-then-withdrew',
  'remained',
] as const;
export const DeclarationAction = z.enum(declarationActions);
export type DeclarationAction = z.infer<typeof DeclarationAction>;

/* ------------------------------------------------------------------------------------------- */
/* Declaration                                                                                  */
/* ------------------------------------------------------------------------------------------- */

/** Members have no schema of their own yet, so their id is an opaque, non-empty string. */

/**
 * A draft's item number: deliberately looser than the vocabulary's `ItemNumber` (blank allowed) so
 * that `validateDeclaration` answers a missing item with the council's own code, not zod's.
 */
export const AgendaItemNumber = z.string().max(50);

/** When the interest was declared: at the declarations item, or when it arose during item N. */
export const DeclaredAt = z.discriminatedUnion('when', [
  z.object({ when: z.literal('declarations-item') }),
  z.object({ when: z.literal('during-item'), itemNumber: AgendaItemNumber }),
]);
export type DeclaredAt = z.infer<typeof DeclaredAt>;

/** Whether the declaration covers the whole item or a named part of it ("the street lighting contract"). */
export const DeclarationScope = z.discriminatedUnion('whole', [
  z.object({ whole: z.literal(true) }),
  z.object({ whole: z.literal(false), part: z.string().max(1000) }),
]);
export type DeclarationScope = z.infer<typeof DeclarationScope>;

/**
 * A declaration as the member or clerk typed it. Only the types are checked here; the text fields
 * are deliberately loose (blank allowed, `nature` and `action` optional) so that `validateDeclaration`
 * can answer with the council's own codes ("nature_required", "dpi_must_withdraw", ...) instead of
 * zod's generic ones. Unknown keys are dropped, so a validated `Declaration` is also a valid draft.
 */
export const DeclarationDraft = z.object({
  memberId: MemberId,
  meetingId: MeetingId,
  /** Exactly one agenda item; "all items", "*" or "5, 6" are refused as blanket declarations. */
  itemNumber: AgendaItemNumber,
  kind: InterestKind,
  /** Required (and specific) for every kind except `sensitive`, where it must be left blank. */
  nature: z.string().max(10_000).nullable().optional(),
  /** Optional only because a DPI without a dispensation has one lawful action: it becomes `withdrew`. */
  action: DeclarationAction.optional(),
  dispensationReference: z.string().max(1000).optional(),
  declaredAt: DeclaredAt,
  scope: DeclarationScope,
  /** Entered by the member before the meeting... */
  preDeclared: z.boolean(),
  /** ...and confirmed by the chair at the declarations item (or when the member declares it). */
  confirmedByChair: z.boolean(),
});
export type DeclarationDraft = z.infer<typeof DeclarationDraft>;

/** Limits on the normalised text, in characters. */
export const declarationLimits = { nature: 1000, part: 200, dispensationReference: 100 } as const;

/**
 * A declaration that passed the rules, normalised: text trimmed with runs of spaces collapsed, the
 * item number spelt as on the agenda, `action` always present.
 *
 * Sensitive interests: `nature` is `null` and `natureWithheld` is `true`, and for no other kind. We
 * store a flag rather than a stock phrase ("sensitive interest, nature withheld") because the
 * record syncs to the council endpoint and feeds published minutes: a null can never leak what the
 * member typed, and the minutes wording is translated (English/Welsh) from the flag, not copied
 * from stored English text.
 */
export const Declaration = z.object({
  memberId: MemberId,
  meetingId: MeetingId,
  itemNumber: ItemNumber,
  kind: InterestKind,
  nature: z.string().min(1).max(declarationLimits.nature).nullable(),
  natureWithheld: z.boolean(),
  action: DeclarationAction,
  dispensationReference: z.string().min(1).max(declarationLimits.dispensationReference).optional(),
  declaredAt: z.discriminatedUnion('when', [
    z.object({ when: z.literal('declarations-item') }),
    z.object({ when: z.literal('during-item'), itemNumber: ItemNumber }),
  ]),
  scope: z.discriminatedUnion('whole', [
    z.object({ whole: z.literal(true) }),
    z.object({ whole: z.literal(false), part: z.string().min(1).max(declarationLimits.part) }),
  ]),
  preDeclared: z.boolean(),
  confirmedByChair: z.boolean(),
});
export type Declaration = z.infer<typeof Declaration>;

/* ------------------------------------------------------------------------------------------- */
/* Register of interests                                                                        */
/* ------------------------------------------------------------------------------------------- */

/**
 * The registrable categories: the DPI categories of the Relevant Authorities (Disclosable Pecuniary
 * Interests) Regulations 2012 plus the council's other registrable interests.
 */
export const registerCategories = [
  'employment',
  'sponsorship',
  'contracts',
  'land',
  'licences',
  'corporate-tenancies',
  'securities',
  'other-registrable',
] as const;
export const RegisterCategory = z.enum(registerCategories);
export type RegisterCategory = z.infer<typeof RegisterCategory>;

const registerText = (max: number) => z.string().trim().min(1).max(max);

/** One entry in a member's register; `organisation`, `place` and `keywords` sharpen suggestions. */
export const RegisteredInterest = z.object({
  memberId: MemberId,
  category: RegisterCategory,
  /** As entered in the register, e.g. "Employed as a procurement officer by West Mercia Energy". */
  description: registerText(500),
  /** The body concerned ("West Mercia Energy"); matched as a whole name. */
  organisation: registerText(200).optional(),
  /** Where, for land, licences and tenancies ("Barbourne, Worcester"). */
  place: registerText(200).optional(),
  /** Extra words or names the member wants matched ("street lighting"). */
  keywords: z.array(registerText(100)).max(20).optional(),
});
export type RegisteredInterest = z.infer<typeof RegisteredInterest>;

/**
 * A possible interest for the member to consider. Only ever a prompt ("Your registered interest in
 * West Mercia Energy may relate to item 7"): nothing is declared unless the member declares it.
 */
export const InterestSuggestion = z.object({
  memberId: MemberId,
  itemNumber: z.string().min(1),
  category: RegisterCategory,
  interestDescription: z.string(),
  /** The registered terms found in the item, as the register spells them. */
  matchedTerms: z.array(z.string()),
  /** 0 to 1; see `strongSuggestionScore` in suggestions.ts. */
  score: z.number().min(0).max(1),
});
export type InterestSuggestion = z.infer<typeof InterestSuggestion>;
