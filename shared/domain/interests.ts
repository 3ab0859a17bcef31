/**
 * Members, their roles at a meeting, stored declarations and register entries, as the API returns
 * them. The declaration and register shapes themselves (and their rules) are in shared/declarations.
 */
import { z } from 'zod';
import { Declaration, RegisteredInterest } from '../declarations/schema';
import { MemberId } from '../vocabulary';

export const Member = z.object({
  id: MemberId,
  name: z.string().trim().min(1).max(200),
});
export type Member = z.infer<typeof Member>;

export const meetingRoles = ['chair', 'vice-chair', 'member', 'co-opted', 'substitute', 'clerk', 'officer', 'cabinet-member'] as const;
export const MeetingRoleName = z.enum(meetingRoles);
export type MeetingRoleName = z.infer<typeof MeetingRoleName>;

/** Roles that may record declarations for anyone at the meeting and confirm pre-declarations. */
export const presidingRoles: readonly MeetingRoleName[] = ['chair', 'vice-chair', 'clerk'];

export const MeetingRole = z.object({
  meetingId: z.uuid(),
  memberId: MemberId,
  memberName: z.string(),
  role: MeetingRoleName,
});
export type MeetingRole = z.infer<typeof MeetingRole>;

export const DeclarationId = z.uuid();

/** A declaration as stored: the validated declaration plus its identity and sync bookkeeping. */
export const StoredDeclaration = Declaration.extend({
  id: DeclarationId,
  /** Set when the declaration was taken back; it stays, with its history. */
  withdrawnAt: z.string().nullable(),
  version: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredDeclaration = z.infer<typeof StoredDeclaration>;

export const declarationChanges = ['record', 'update', 'confirm', 'withdraw'] as const;

export const DeclarationHistoryEntry = z.object({
  id: z.number().int().positive(),
  declarationId: DeclarationId,
  actorMemberId: MemberId,
  at: z.string(),
  change: z.object({
    op: z.enum(declarationChanges),
    before: StoredDeclaration.nullable(),
    after: StoredDeclaration,
  }),
});
export type DeclarationHistoryEntry = z.infer<typeof DeclarationHistoryEntry>;

export const StoredRegisteredInterest = RegisteredInterest.extend({
  id: z.uuid(),
  version: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredRegisteredInterest = z.infer<typeof StoredRegisteredInterest>;
