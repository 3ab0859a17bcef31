import type { ActingMemberChoice, Identity } from '../../../shared/api/contracts/identity';
import type { Db } from '../db/database';
import { CoreError } from '../errors';

/** device_settings key of the member this device was chosen to be used by (cleared by a wipe). */
export const actingMemberKey = 'acting_member';

/**
 * The one place that knows who is acting. The signed-in user always wins, because the endpoint
 * knows them by the device token; before sign-in it is the member explicitly chosen for this
 * device, and failing that one stable local member per device.
 */
export class ActingMember {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  private signedInUser(): { id: string; name: string | null } | null {
    const row = this.db
      .prepare<[], { id: string | null; name: string | null }>("SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.name') AS name FROM sync_state WHERE key = 'user'")
      .get();
    return row?.id ? { id: row.id, name: row.name } : null;
  }

  private setting(key: string): string | undefined {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM device_settings WHERE key = ?').get(key)?.value;
  }

  id(): string {
    return this.signedInUser()?.id ?? this.setting(actingMemberKey) ?? `local-${this.setting('client_id') ?? 'device'}`;
  }

  current(): Identity {
    const user = this.signedInUser();
    if (user) return { memberId: user.id, memberName: user.name ?? this.nameOf(user.id), source: 'signed-in', canChoose: false };
    const chosen = this.setting(actingMemberKey);
    const memberId = this.id();
    return { memberId, memberName: this.nameOf(memberId), source: chosen ? 'chosen' : 'device', canChoose: true };
  }

  /** The explicit choice of who uses this device; the session decides once signed in. */
  choose(memberId: string, via: 'app' | 'cli'): Identity {
    const user = this.signedInUser();
    if (user) {
      if (user.id === memberId) return this.current();
      throw new CoreError('IDENTITY_SIGNED_IN', `This device is signed in as ${user.id}; sign out before choosing someone else`, [
        { path: ['memberId'], code: 'IDENTITY_SIGNED_IN', message: 'Only the signed-in member can act on a signed-in device' },
      ]);
    }
    const previous = this.id();
    if (previous === memberId && this.setting(actingMemberKey) === memberId) return this.current();
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO device_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(actingMemberKey, memberId);
      this.db
        .prepare('INSERT INTO acting_member_history (member_id, previous_member_id, via, at) VALUES (?, ?, ?, ?)')
        .run(memberId, previous, via, this.clock().toISOString());
    })();
    return this.current();
  }

  history(): ActingMemberChoice[] {
    return this.db
      .prepare<[], { memberId: string; previousMemberId: string | null; via: 'app' | 'cli'; at: string }>(
        'SELECT member_id AS memberId, previous_member_id AS previousMemberId, via, at FROM acting_member_history ORDER BY id',
      )
      .all();
  }

  /** Refuses a call that claims to act as someone other than the acting member. */
  check(claimed: unknown): void {
    if (claimed === undefined) return;
    const acting = this.id();
    if (claimed !== acting) {
      throw new CoreError('NOT_ACTING_MEMBER', `This device acts as ${acting}, not ${typeof claimed === 'string' ? claimed.slice(0, 100) : 'that member'}`, [
        { path: ['actingMemberId'], code: 'NOT_ACTING_MEMBER', message: 'Must be the member this device acts as (getIdentity)' },
      ]);
    }
  }

  /** A member's name as this device knows it (as the council wrote it, title and all). */
  nameOf(memberId: string): string | null {
    return this.db.prepare<[string], { name: string }>('SELECT name FROM members WHERE id = ?').get(memberId)?.name ?? null;
  }
}
