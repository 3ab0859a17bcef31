/**
 * Who is acting (issue 17.6). The core decides: the signed-in member, or before sign-in the member
 * this device was explicitly set to be used by (else the device's own local member). Callers never
 * say who they are; an `actingMemberId` in an input must equal this (else NOT_ACTING_MEMBER).
 */
import { z } from 'zod';
import { operation } from '../operation';
import { MemberId } from '../../vocabulary';

export const IdentitySource = z.enum(['signed-in', 'chosen', 'device']);
export type IdentitySource = z.infer<typeof IdentitySource>;

export const Identity = z.object({
  memberId: MemberId,
  /** The member's name where Chamber knows it (the member register, or the signed-in user). */
  memberName: z.string().nullable(),
  source: IdentitySource,
  /** Whether chooseMember is open: only before sign-in (after it, the session decides). */
  canChoose: z.boolean(),
});
export type Identity = z.infer<typeof Identity>;

export const ActingMemberChoice = z.object({
  memberId: MemberId,
  previousMemberId: MemberId.nullable(),
  via: z.enum(['app', 'cli']),
  at: z.string(),
});
export type ActingMemberChoice = z.infer<typeof ActingMemberChoice>;

export const identityOperations = {
  getIdentity: operation({
    summary: 'Who is acting on this device: the signed-in member, or the member this device is used by',
    input: z.object({}).strict(),
    output: Identity,
  }),
  chooseMember: operation({
    summary: 'Say who uses this device (before sign-in); recorded in the acting member history',
    input: z.object({ memberId: MemberId, via: z.enum(['app', 'cli']).default('app') }).strict(),
    output: Identity,
  }),
  listActingMemberChoices: operation({
    summary: 'Every choice of who uses this device, oldest first (append-only)',
    input: z.object({}).strict(),
    output: z.array(ActingMemberChoice),
  }),
};
