import type pg from 'pg';

/**
 * A long history in the change log, written set-based (a million rows in seconds, where pushing them
 * would take the best part of an hour): open, Part II and private changes spread over `committees`,
 * in statements of 10,000 so they carry many transaction ids, as real history does. The rows belong
 * to no record, so no pull compacts them; they are only there to be skipped.
 */
export async function fillChangeLog(pool: pg.Pool, count: number, committees: readonly string[], owner = 'someone-else'): Promise<void> {
  const batch = 10_000;
  for (let from = 1; from <= count; from += batch) {
    await pool.query(
      `INSERT INTO changes (entity, id, version, operation, deleted, data, owner_id, committee_id, private, restricted)
       SELECT 'history', 'history-' || g, 1, 'create', false, jsonb_build_object('n', g), $4, ($3::text[])[1 + g % cardinality($3::text[])], g % 3 = 0, g % 7 = 0
         FROM generate_series($1::bigint, $2::bigint) g`,
      [from, Math.min(count, from + batch - 1), committees, owner],
    );
  }
}
