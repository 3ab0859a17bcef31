import type { Principal } from './accounts';
import { presidingUserRoles } from '../shared/sync/wire';

/**
 * Who may see what. Clerks and admins serve every committee; everyone else sees the committees
 * they are a member of. Restricted (Part II) papers additionally exclude officers, who attend only
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

/** The same rules as SQL over a row's (private, owner_id, committee_id, restricted), for pull. */
export function visibilitySql(principal: Principal, first: number): { sql: string; params: unknown[] } {
  const wide = principal.role === 'admin' || principal.role === 'clerk';
  return {
    sql: `(CASE WHEN private THEN owner_id = $${first}
                ELSE ($${first + 1} OR committee_id IS NULL OR committee_id = ANY($${first + 2}::text[]))
                     AND (NOT restricted OR ($${first + 3} AND NOT coalesce(committee_id = ANY($${first + 4}::text[]), false)))
                     AND (hidden_from IS NULL OR hidden_from <> $${first}) END)`,
    params: [principal.userId, wide, principal.committees, principal.role !== 'officer', principal.officerIn],
  };
}
