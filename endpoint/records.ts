import type pg from 'pg';
import type { ServerRecord } from '../shared/sync/wire';

export interface StoredRecord {
  entity: string;
  id: string;
  version: number;
  deleted: boolean;
  data: unknown;
  ownerId: string | null;
  committeeId: string | null;
  /** The council that owns it; never changes once written. */
  councilId: string;
  private: boolean;
  restricted: boolean;
}

interface RecordRow {
  entity: string;
  id: string;
  version: string;
  deleted: boolean;
  data: unknown;
  owner_id: string | null;
  committee_id: string | null;
  council_id: string;
  private: boolean;
  restricted: boolean;
}

export function wireRecord(record: StoredRecord): ServerRecord {
  return { entity: record.entity, id: record.id, version: record.version, deleted: record.deleted, data: record.deleted ? null : record.data, ownerId: record.ownerId };
}

/** The record locked for the rest of the transaction, so version checks and writes cannot interleave. */
export async function lockRecord(client: pg.PoolClient, entity: string, id: string): Promise<StoredRecord | null> {
  const result = await client.query<RecordRow>('SELECT * FROM records WHERE entity = $1 AND id = $2 FOR UPDATE', [entity, id]);
  const row = result.rows[0];
  return row ? stored(row) : null;
}

/**
 * The live records of one agenda item whose restriction is not yet `restricted`, locked like
 * `lockRecord`: what must be written again when the item goes into (or out of) private session.
 */
export async function lockItemRecords(client: pg.PoolClient, entity: string, itemField: string, meetingId: string, itemNumber: string, restricted: boolean): Promise<StoredRecord[]> {
  const result = await client.query<RecordRow>(
    `SELECT * FROM records WHERE entity = $1 AND NOT deleted AND restricted <> $5 AND data->>'meetingId' = $3 AND data->>$2 = $4 ORDER BY id FOR UPDATE`,
    [entity, itemField, meetingId, itemNumber, restricted],
  );
  return result.rows.map(stored);
}

function stored(row: RecordRow): StoredRecord {
  return {
    entity: row.entity,
    id: row.id,
    version: Number(row.version),
    deleted: row.deleted,
    data: row.data,
    ownerId: row.owner_id,
    committeeId: row.committee_id,
    councilId: row.council_id,
    private: row.private,
    restricted: row.restricted,
  };
}

/**
 * Writes the record's new state and its change-log entry in the caller's transaction: the only way
 * anything enters the sync feed. `previous` is the locked row (null for a new record).
 */
export async function writeRecord(client: pg.PoolClient, previous: StoredRecord | null, next: Omit<StoredRecord, 'version'>, operation: 'create' | 'update' | 'delete'): Promise<StoredRecord> {
  const version = (previous?.version ?? 0) + 1;
  const data = next.deleted ? null : JSON.stringify(next.data);
  const values = [next.entity, next.id, version, next.deleted, data, next.ownerId, next.committeeId, next.private, next.restricted, next.councilId];
  if (previous) {
    // The council in the WHERE: a record is rewritten only by its own council, or not at all.
    const updated = await client.query(
      `UPDATE records SET version = $3, deleted = $4, data = $5, owner_id = $6, committee_id = $7, private = $8, restricted = $9, updated_at = now()
        WHERE entity = $1 AND id = $2 AND council_id = $10`,
      values,
    );
    if (updated.rowCount !== 1) throw new Error(`${next.entity} ${next.id} is not this council's to change`);
  } else {
    await client.query(
      `INSERT INTO records (entity, id, version, deleted, data, owner_id, committee_id, private, restricted, council_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      values,
    );
  }
  if (previous) await compact(client, next, version);
  await client.query(
    `INSERT INTO changes (entity, id, version, operation, deleted, data, owner_id, committee_id, private, restricted, council_id)
     VALUES ($1, $2, $3, $11, $4, $5, $6, $7, $8, $9, $10)`,
    [...values, operation],
  );
  return { ...next, version };
}

/**
 * The change log keeps only each record's latest state, so a new device never replays text that
 * has since been un-shared, restricted or deleted. When the record's audience narrows (shared →
 * private, open → Part II, or deleted after either), everyone the older entries reached gets a
 * tombstone, written before the new state: their copy goes, and what the new state shows them (if
 * anything) follows. The owner receives the record itself, not that tombstone.
 */
async function compact(client: pg.PoolClient, next: Omit<StoredRecord, 'version'>, version: number): Promise<void> {
  const removed = await client.query<{ open: boolean; unrestricted: boolean }>(
    'DELETE FROM changes WHERE entity = $1 AND id = $2 RETURNING NOT private AS open, NOT private AND NOT restricted AS unrestricted',
    [next.entity, next.id],
  );
  const wasOpen = removed.rows.some((r) => r.open);
  const wasUnrestricted = removed.rows.some((r) => r.unrestricted);
  const open = !next.private;
  const unrestricted = open && !next.restricted;
  if ((wasOpen && !open) || (wasUnrestricted && !unrestricted)) {
    await client.query(
      `INSERT INTO changes (entity, id, version, operation, deleted, data, owner_id, committee_id, private, restricted, hidden_from, council_id)
       VALUES ($1, $2, $3, 'delete', true, NULL, $4, $5, false, $6, $4, $7)`,
      [next.entity, next.id, version, next.ownerId, next.committeeId, !wasUnrestricted, next.councilId],
    );
  }
}

/** Runs `work` in a transaction on its own connection. */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
