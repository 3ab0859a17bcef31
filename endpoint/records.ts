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

/** Several records locked as `lockRecord` locks one, in key order (so two batches cannot deadlock on them). */
export async function lockRecords(client: pg.PoolClient, keys: readonly { entity: string; id: string }[]): Promise<StoredRecord[]> {
  if (keys.length === 0) return [];
  const result = await client.query<RecordRow>(
    `SELECT * FROM records WHERE (entity, id) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY entity, id FOR UPDATE`,
    [keys.map((k) => k.entity), keys.map((k) => k.id)],
  );
  return result.rows.map(stored);
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

/** One write of a batch: `previous` is the state it builds on, as read or as an earlier write of the batch left it. */
export interface RecordWrite {
  previous: StoredRecord | null;
  next: StoredRecord;
  operation: 'create' | 'update' | 'delete';
}

const recordColumns = 'entity text, id text, version bigint, deleted boolean, data jsonb, owner_id text, committee_id text, private boolean, restricted boolean, council_id text';

function recordRow(r: StoredRecord) {
  return { entity: r.entity, id: r.id, version: r.version, deleted: r.deleted, data: r.deleted ? null : r.data, owner_id: r.ownerId, committee_id: r.committeeId, private: r.private, restricted: r.restricted, council_id: r.councilId };
}

type ChangeRow = ReturnType<typeof recordRow> & { operation: string; hidden_from: string | null };

/** Answers to store beside the writes, in the same statement (endpoint/sync.ts). */
export interface AnswerRows {
  clientId: string;
  userId: string;
  answers: readonly { mutationId: string }[];
}

/**
 * The same as `writeRecord` for each write in turn, in one statement however many there are (two
 * when records already in the log are written again): each record's last state, and the change log
 * exactly as those writes one by one would leave it (a record written twice keeps only its latest
 * entries, after the tombstone a narrowing owes its previous audience), in the same order. Records
 * are inserted, never upserted: one created meanwhile by another push fails the insert (23505), and
 * the caller decides again against it. `answers` go in with them, each unless one is already
 * stored; returns how many were stored.
 */
export async function writeRecords(client: pg.PoolClient, writes: readonly RecordWrite[], answers?: AnswerRows): Promise<number> {
  const keyed = (r: { entity: string; id: string }): string => JSON.stringify([r.entity, r.id]);
  const first = new Map<string, RecordWrite>();
  const latest = new Map<string, StoredRecord>();
  const compacted = new Map<string, StoredRecord>();
  for (const w of writes) {
    const key = keyed(w.next);
    if (!first.has(key)) first.set(key, w);
    latest.set(key, w.next);
    if (w.previous) compacted.set(key, w.next);
  }
  // In key order, as `lockRecords` locks: two pushes creating the same records wait for each other rather than deadlock.
  const lastStates = (existing: boolean): ReturnType<typeof recordRow>[] =>
    [...first]
      .filter(([, w]) => (w.previous !== null) === existing)
      .map(([key]) => key)
      .sort()
      .flatMap((key) => {
        const last = latest.get(key);
        return last ? [recordRow(last)] : [];
      });

  // What the log holds for each record, as compaction sees it: the rows already there, then the batch's own.
  const logged = new Map<string, { open: boolean; unrestricted: boolean; row?: ChangeRow }[]>();
  if (compacted.size > 0) {
    const records = [...compacted.values()];
    const removed = await client.query<{ entity: string; id: string; open: boolean; unrestricted: boolean }>(
      `DELETE FROM changes WHERE (entity, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       RETURNING entity, id, NOT private AS open, NOT private AND NOT restricted AS unrestricted`,
      [records.map((r) => r.entity), records.map((r) => r.id)],
    );
    for (const r of removed.rows) logged.set(keyed(r), [...(logged.get(keyed(r)) ?? []), { open: r.open, unrestricted: r.unrestricted }]);
  }
  const log: ChangeRow[] = [];
  const dropped = new Set<ChangeRow>();
  const append = (key: string, row: ChangeRow): void => {
    log.push(row);
    logged.set(key, [...(logged.get(key) ?? []), { open: !row.private, unrestricted: !row.private && !row.restricted, row }]);
  };
  for (const w of writes) {
    const key = keyed(w.next);
    const row: ChangeRow = { ...recordRow(w.next), operation: w.operation, hidden_from: null };
    if (w.previous) {
      // As `compact` does: this record's earlier entries go, and a narrowed audience gets its tombstone first.
      const removed = logged.get(key) ?? [];
      for (const r of removed) if (r.row) dropped.add(r.row);
      logged.delete(key);
      const wasOpen = removed.some((r) => r.open);
      const wasUnrestricted = removed.some((r) => r.unrestricted);
      const open = !w.next.private;
      const unrestricted = open && !w.next.restricted;
      if ((wasOpen && !open) || (wasUnrestricted && !unrestricted)) {
        append(key, { ...row, operation: 'delete', deleted: true, data: null, private: false, restricted: !wasUnrestricted, hidden_from: w.next.ownerId });
      }
    }
    append(key, row);
  }

  // One statement, one round trip: the parts are data-modifying CTEs over their own JSON parameter.
  const parts: string[] = [];
  const values: unknown[] = [];
  const part = (sql: (param: string) => string, rows: unknown[]): void => {
    if (rows.length === 0) return;
    values.push(JSON.stringify(rows));
    parts.push(sql(`$${values.length}::jsonb`));
  };
  part(
    (rows) => `INSERT INTO records (entity, id, version, deleted, data, owner_id, committee_id, private, restricted, council_id)
       SELECT entity, id, version, deleted, data, owner_id, committee_id, private, restricted, council_id FROM jsonb_to_recordset(${rows}) AS r(${recordColumns})`,
    lastStates(false),
  );
  part(
    (rows) => `UPDATE records SET version = r.version, deleted = r.deleted, data = r.data, owner_id = r.owner_id, committee_id = r.committee_id, private = r.private, restricted = r.restricted, updated_at = now()
         FROM jsonb_to_recordset(${rows}) AS r(${recordColumns}) WHERE records.entity = r.entity AND records.id = r.id AND records.council_id = r.council_id`,
    lastStates(true),
  );
  part(
    (rows) => `INSERT INTO changes (entity, id, version, operation, deleted, data, owner_id, committee_id, private, restricted, hidden_from, council_id)
       SELECT entity, id, version, operation, deleted, data, owner_id, committee_id, private, restricted, hidden_from, council_id
         FROM jsonb_to_recordset(${rows}) AS r(${recordColumns}, operation text, hidden_from text, ord integer) ORDER BY ord`,
    log.filter((row) => !dropped.has(row)).map((row, ord) => ({ ...row, ord })),
  );
  let stored = '';
  if (answers && answers.answers.length > 0) {
    values.push(answers.clientId, answers.userId);
    const [clientId, userId] = [`$${values.length - 1}`, `$${values.length}`];
    part(
      // A concurrent push of the same mutation holds its answer row until it commits: this waits for it.
      (rows) => `INSERT INTO applied_mutations (client_id, mutation_id, user_id, result)
         SELECT ${clientId}, mutation_id, ${userId}, result FROM jsonb_to_recordset(${rows}) AS r(mutation_id text, result jsonb) ORDER BY mutation_id
         ON CONFLICT DO NOTHING RETURNING 1`,
      answers.answers.map((result) => ({ mutation_id: result.mutationId, result })),
    );
    stored = `(SELECT count(*) FROM w${parts.length - 1})`;
  }
  if (parts.length === 0) return 0;
  const result = await client.query<{ stored: string }>(`WITH ${parts.map((sql, i) => `w${i} AS (${sql})`).join(', ')} SELECT ${stored || '0'} AS stored`, values);
  return Number(result.rows[0]?.stored ?? 0);
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
