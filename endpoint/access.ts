import type { Principal } from './accounts';
import { presidingUserRoles } from '../shared/sync/wire';

/**
 * Who may see what, within the caller's council (`inCouncil` settles that first). Clerks and
 * admins serve every committee of their council; everyone else sees the committees they are a
 * member of. Restricted (Part II) papers additionally exclude officers, who attend only
 * the items they report on: by their role, or by their membership of that committee.
 */
export function seesCommittee(principal: Principal, committeeId: string | null): boolean {
  return committeeId === null || principal.role === 'admin' || principal.role === 'clerk' || principal.committees.includes(committeeId);
}

export function seesRestricted(principal: Principal, committeeId: string | null): boolean {
  return seesCommittee(principal, committeeId) && principal.role !== 'officer' && (committeeId === null || !principal.officerIn.includes(committeeId));
}

/**
 * Chair or clerk of THAT committee (clerks and admins serve every committee): records outcomes,
 * minutes and others' declarations. A chair elsewhere who only sits on this committee does not.
 */
export function presides(principal: Principal, committeeId: string | null): boolean {
  if (principal.role === 'clerk' || principal.role === 'admin') return true;
  return presidingUserRoles.includes(principal.role) && committeeId !== null && principal.presidesIn.includes(committeeId);
}

export function publishes(principal: Principal): boolean {
  return principal.role === 'clerk' || principal.role === 'admin';
}

/** Whether the caller's pull must read every committee's audience (they serve them all). */
export function servesEveryCommittee(principal: Principal): boolean {
  return principal.role === 'admin' || principal.role === 'clerk';
}

/**
 * Whether something owned by `councilId` is the caller's council's at all. Every other rule here
 * is about committees within one council; this one comes first wherever a stored row is judged.
 */
export function inCouncil(principal: Principal, councilId: string | null): boolean {
  return councilId === principal.councilId;
}

/**
 * The same rules as the change-log audience keys (endpoint migrations 6 and 7) the caller is in:
 * their own private records, their council's council-wide business, and each committee they see,
 * with Part II business only where they may read it. `every` is their council's whole committee
 * list, needed only for those who serve every committee.
 */
export function audiencesOf(principal: Principal, every: readonly string[] = []): string[] {
  const committees = [null, ...new Set([...principal.committees, ...(servesEveryCommittee(principal) ? every : [])])];
  return [
    `owner:${principal.userId}`,
    ...committees.flatMap((id) => {
      const key = id === null ? `council:${principal.councilId}` : `committee:${id}`;
      return seesRestricted(principal, id) ? [key, `${key}:restricted`] : [key];
    }),
  ];
}
