import { presidingRoles, type MeetingRoleName } from '../../../shared/domain/interests';
import type { PackMember } from '../../../shared/domain/pack';
import { presidingUserRoles, User } from '../../../shared/sync/wire';
import type { Db } from '../db/database';
import { derivedUuid } from '../db/derivedId';
import type { DomainTransaction } from '../repositories/domainWriter';

const honorific = /^(cllr\.?|councillor|cyng\.?|cynghorydd)\s+/i;

/** "Cllr Mike Rouse" on file and "Mike Rouse" on the front sheet are the same person. */
export function comparableName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').replace(honorific, '').toLowerCase();
}

/** A member named by the council gets the same id on every device that reads the same name. */
export function publishedMemberId(name: string): string {
  return derivedUuid('member', comparableName(name));
}

/**
 * The membership the council published (a pack's front sheet, a Modern.gov meeting's attendees)
 * becomes the meeting's members and roles. A name already known is the same person; a role the
 * chair or clerk already set at this meeting is kept, since a correction made in the app must not
 * be undone by the next republished pack. Runs inside the import's transaction.
 *
 * Every device that imports the pack derives the same roles itself, so they need not travel; only
 * when the device's acting member presides at the meeting are they queued for sync, since the
 * endpoint takes roles from its chair or clerk alone and would refuse anyone else's.
 */
export function adoptPublishedMembership(db: Db, tx: DomainTransaction, meetingId: string, members: readonly PackMember[], actingMemberId: string | null): number {
  const known = new Map(db.prepare<[], { id: string; name: string }>('SELECT id, name FROM members').all().map((m) => [comparableName(m.name), m.id]));
  const insertMember = db.prepare('INSERT INTO members (id, name, created_at) VALUES (?, ?, ?)');
  const memberById = db.prepare<[string], { name: string }>('SELECT name FROM members WHERE id = ?');
  const roleOf = db.prepare<[string, string], { role: MeetingRoleName }>('SELECT role FROM meeting_roles WHERE meeting_id = ? AND member_id = ?');
  const insertRole = db.prepare('INSERT INTO meeting_roles (meeting_id, member_id, role) VALUES (?, ?, ?)');
  const derived: { memberId: string; role: MeetingRoleName }[] = [];
  for (const { name, role } of members) {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (clean === '' || clean.length > 200) continue;
    let id = known.get(comparableName(clean));
    if (id === undefined) {
      id = publishedMemberId(clean);
      // Another device that read the same front sheet may already have synced this member's role
      // here, leaving a placeholder row under the same derived id (named by its id): that is the
      // same person, so it takes the published name instead of a second insert.
      const placeholder = memberById.get(id);
      if (placeholder) {
        if (placeholder.name === id) db.prepare('UPDATE members SET name = ? WHERE id = ?').run(clean, id);
      } else {
        insertMember.run(id, clean, tx.now);
        tx.recordEntity('member', { id, name: clean }, 'create');
      }
      known.set(comparableName(clean), id);
    }
    if (roleOf.get(meetingId, id)) continue;
    insertRole.run(meetingId, id, role);
    derived.push({ memberId: id, role });
  }
  if (actingMemberId !== null && presidesAt(db, meetingId, actingMemberId)) {
    for (const { memberId, role } of derived) tx.recordEntity('meeting_role', { meetingId, memberId, role }, 'create');
  }
  return derived.length;
}

/**
 * The acting member presides at the meeting by its roles as they now stand (the pack's own front
 * sheet may be what makes them chair) and, once signed in, by the endpoint's account too: a
 * councillor the pack names vice-chair presides here but not there, which the endpoint decides.
 */
function presidesAt(db: Db, meetingId: string, memberId: string): boolean {
  const role = db.prepare<[string, string], { role: MeetingRoleName }>('SELECT role FROM meeting_roles WHERE meeting_id = ? AND member_id = ?').get(meetingId, memberId)?.role;
  if (role === undefined || !presidingRoles.includes(role)) return false;
  const stored = db.prepare<[], { value: string }>("SELECT value FROM sync_state WHERE key = 'user'").get();
  if (stored === undefined) return true;
  const user = User.safeParse(JSON.parse(stored.value));
  if (!user.success || user.data.id !== memberId) return false;
  const committee = db.prepare<[string], { committee: string }>('SELECT committee FROM meetings WHERE id = ?').get(meetingId)?.committee;
  return presidingUserRoles.includes(user.data.role) && committee !== undefined && user.data.committees.includes(committee);
}

/** After every new pack version: the membership its front sheet (or Modern.gov) gave, kept in meeting_members. */
export function membershipImportHook(db: Db, actingMemberId: () => string) {
  return ({ meetingId }: { meetingId: string }, tx: DomainTransaction): void => {
    const members = db.prepare<[string], PackMember>('SELECT name, role FROM meeting_members WHERE meeting_id = ? ORDER BY position').all(meetingId);
    adoptPublishedMembership(db, tx, meetingId, members, actingMemberId());
  };
}
