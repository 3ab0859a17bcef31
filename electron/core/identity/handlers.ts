import type { identityOperations } from '../../../shared/api/contracts/identity';
import type { Handlers } from '../dispatcher';
import type { ActingMember } from './identity';

export type IdentityHandlers = Pick<Handlers, keyof typeof identityOperations>;

/** The handlers for who is acting (shared/api/contracts/identity.ts). */
export function identityHandlers(acting: ActingMember): IdentityHandlers {
  return {
    getIdentity: () => acting.current(),
    chooseMember: ({ memberId, via }) => acting.choose(memberId, via),
    listActingMemberChoices: () => acting.history(),
  };
}
