import { z } from 'zod';
import { DeclarationDraft, InterestSuggestion, RegisteredInterest } from '../../declarations/schema';
import { DeclarationHistoryEntry, DeclarationId, StoredDeclaration, StoredRegisteredInterest } from '../../domain/interests';
import { MeetingId, MemberId } from '../../vocabulary';
import { operation } from '../operation';

/**
 * Declarations of interest and each member's register of interests. `actingMemberId` is who is
 * using Chamber: a member acts for themselves; the meeting's chair, vice-chair or clerk may act for
 * anyone (else FORBIDDEN).
 */
export const declarationOperations = {
  recordDeclaration: operation({
    summary: 'Record a declaration of interest, or change one (declarationId); checked against the rules (DECLARATION_INVALID)',
    input: z.object({ actingMemberId: MemberId, declarationId: DeclarationId.optional(), declaration: DeclarationDraft }).strict(),
    output: StoredDeclaration,
  }),
  listDeclarations: operation({
    summary: "A meeting's declarations in agenda order, withdrawn ones included (withdrawnAt)",
    input: z.object({ meetingId: MeetingId }).strict(),
    output: z.array(StoredDeclaration),
  }),
  confirmDeclaration: operation({
    summary: 'The chair, vice-chair or clerk confirms a (pre-)declaration',
    input: z.object({ actingMemberId: MemberId, declarationId: DeclarationId }).strict(),
    output: StoredDeclaration,
  }),
  withdrawDeclaration: operation({
    summary: 'Take a declaration back (kept, with its history)',
    input: z.object({ actingMemberId: MemberId, declarationId: DeclarationId }).strict(),
    output: StoredDeclaration,
  }),
  getDeclarationHistory: operation({
    summary: 'Every change to a declaration, oldest first (append-only)',
    input: z.object({ declarationId: DeclarationId }).strict(),
    output: z.array(DeclarationHistoryEntry),
  }),
  listRegisteredInterests: operation({
    summary: "A member's register of interests",
    input: z.object({ memberId: MemberId }).strict(),
    output: z.array(StoredRegisteredInterest),
  }),
  saveRegisteredInterest: operation({
    summary: "Add an entry to a member's register, or change one (id); members keep their own, clerks anyone's",
    input: z.object({ actingMemberId: MemberId, id: z.uuid().optional(), interest: RegisteredInterest }).strict(),
    output: StoredRegisteredInterest,
  }),
  deleteRegisteredInterest: operation({
    summary: "Remove an entry from a member's register",
    input: z.object({ actingMemberId: MemberId, id: z.uuid() }).strict(),
    output: z.object({}),
  }),
  importRegisteredInterests: operation({
    summary: 'Import register entries from JSON (an array of registered interests), all or nothing',
    input: z.object({ actingMemberId: MemberId, json: z.string().min(1).max(2_000_000) }).strict(),
    output: z.object({ created: z.number().int().nonnegative(), updated: z.number().int().nonnegative() }),
  }),
  suggestInterests: operation({
    summary: "Registered interests that may relate to items of the meeting's latest pack (prompts only)",
    input: z.object({ meetingId: MeetingId, memberId: MemberId.optional() }).strict(),
    output: z.array(InterestSuggestion),
  }),
  importRegisteredInterestsCsv: operation({
    summary: 'Import register entries from CSV (memberId, category, description, organisation, place, keywords; a header row), all or nothing',
    input: z.object({ actingMemberId: MemberId, csv: z.string().min(1).max(2_000_000) }).strict(),
    output: z.object({ created: z.number().int().nonnegative(), updated: z.number().int().nonnegative() }),
  }),
};
