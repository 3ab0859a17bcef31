import type { Db } from '../db/database';
import type { Change } from '../../../shared/sync/wire';
import { appVersion } from '../../../node/version';
import { parsePulledChange, type CheckedChange, type QuarantineCode } from './pulledChange';

export interface QuarantinedChange {
  entity: string;
  entityId: string;
  version: number;
  deleted: boolean;
  /** Exactly as pulled (JSON text), or null for a tombstone. */
  payload: string | null;
  ownerId: string | null;
  reasonCode: QuarantineCode;
  reason: string;
  appVersion: string;
  receivedAt: string;
}

interface Row {
  entity: string;
  entity_id: string;
  version: number;
  deleted: number;
  payload: string | null;
  owner_id: string | null;
  reason_code: QuarantineCode;
  reason: string;
  app_version: string;
  received_at: string;
}

/** Applies one checked change to the local tables and its shadow; throws when it cannot. */
export type LandChange = (change: CheckedChange) => void;

const why = (error: unknown): string => (error instanceof Error && error.message.length > 0 ? error.message : String(error)).slice(0, 500);

/**
 * Pulled changes this device could not validate or apply (migration 0016), one per record. Each
 * change is tried in its own savepoint of the page's transaction, so a bad one is set aside here
 * and the rest of the page, and the cursor, go on. A newer version of the record that applies
 * replaces it; an upgraded app tries again, since it may know what this one did not.
 */
export class Quarantine {
  constructor(
    private readonly db: Db,
    private readonly now: () => string,
    private readonly version: string = appVersion,
  ) {}

  /** Checks and applies `change`; answers whether it landed (false: it is quarantined). */
  receive(change: Change, land: LandChange): boolean {
    const checked = parsePulledChange(change);
    if (!checked.ok) {
      this.hold(change, checked.code, checked.reason);
      return false;
    }
    try {
      // A nested transaction is a SAVEPOINT: a failure here undoes this change alone.
      this.db.transaction(() => land(checked.change))();
    } catch (error) {
      this.hold(change, 'not-applied', why(error));
      return false;
    }
    this.db.prepare('DELETE FROM sync_quarantine WHERE entity = ? AND entity_id = ? AND version <= ?').run(change.entity, change.id, change.version);
    return true;
  }

  /** Sets a change aside without trying it: a conflict's server copy that failed its checks. */
  setAside(change: Change, code: QuarantineCode, reason: string): void {
    this.hold(change, code, reason);
  }

  private hold(change: Change, code: QuarantineCode, reason: string): void {
    let payload: string | null;
    try {
      payload = change.deleted ? null : JSON.stringify(change.data ?? null);
    } catch (error) {
      payload = `(could not be written out: ${why(error)})`;
    }
    this.db
      .prepare(
        `INSERT INTO sync_quarantine (entity, entity_id, version, deleted, payload, owner_id, reason_code, reason, app_version, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (entity, entity_id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted, payload = excluded.payload, owner_id = excluded.owner_id,
           reason_code = excluded.reason_code, reason = excluded.reason, app_version = excluded.app_version, received_at = excluded.received_at
         WHERE excluded.version >= sync_quarantine.version`,
      )
      .run(change.entity, change.id, change.version, change.deleted ? 1 : 0, payload, change.ownerId ?? null, code, reason, this.version, this.now());
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sync_quarantine').get()?.n ?? 0;
  }

  list(): QuarantinedChange[] {
    return this.db
      .prepare<[], Row>('SELECT * FROM sync_quarantine ORDER BY received_at, entity, entity_id')
      .all()
      .map((r) => ({ entity: r.entity, entityId: r.entity_id, version: r.version, deleted: r.deleted === 1, payload: r.payload, ownerId: r.owner_id, reasonCode: r.reason_code, reason: r.reason, appVersion: r.app_version, receivedAt: r.received_at }));
  }

  /**
   * After an upgrade: what an older version set aside is tried again. What a newer copy of the
   * same record has overtaken (`shadowVersion`) is dropped; what still fails stays, marked as tried
   * by this version so it is not tried again at every sync.
   */
  retryAfterUpgrade(land: LandChange, shadowVersion: (entity: string, id: string) => number | null): { landed: number; held: number } {
    const rows = this.db.prepare<[string], Row>('SELECT * FROM sync_quarantine WHERE app_version <> ? ORDER BY received_at').all(this.version);
    let landed = 0;
    let overtaken = 0;
    this.db.transaction(() => {
      for (const row of rows) {
        if ((shadowVersion(row.entity, row.entity_id) ?? -1) > row.version) {
          this.db.prepare('DELETE FROM sync_quarantine WHERE entity = ? AND entity_id = ?').run(row.entity, row.entity_id);
          overtaken += 1;
          continue;
        }
        let data: unknown;
        try {
          data = row.payload === null ? null : (JSON.parse(row.payload) as unknown);
        } catch {
          this.db.prepare('UPDATE sync_quarantine SET app_version = ? WHERE entity = ? AND entity_id = ?').run(this.version, row.entity, row.entity_id);
          continue;
        }
        const change: Change = { entity: row.entity, id: row.entity_id, version: row.version, deleted: row.deleted === 1, data, ownerId: row.owner_id, operation: row.deleted === 1 ? 'delete' : 'update' };
        if (this.receive(change, land)) landed += 1;
      }
    })();
    return { landed, held: rows.length - landed - overtaken };
  }
}
