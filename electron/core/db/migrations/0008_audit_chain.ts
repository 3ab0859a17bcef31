import type { Migration } from '../migration';

/**
 * The canonical text of one history entry, hashed into the audit chain. `row` is the alias the
 * columns are read from (NEW in a trigger). `chamber audit verify` recomputes entries with the same
 * expressions, so editing any column of a landed entry changes its hash.
 */
export const auditSources = {
  declaration_history: (row: string) =>
    `json_array('declaration_history', ${row}.id, ${row}.declaration_id, ${row}.actor_member_id, ${row}.at, ${row}.change)`,
  meeting_history: (row: string) =>
    `json_array('meeting_history', ${row}.id, ${row}.meeting_id, ${row}.entity, ${row}.entity_id, ${row}.actor_member_id, ${row}.at, ${row}.op, ${row}.change)`,
  minutes_history: (row: string) =>
    `json_array('minutes_history', ${row}.id, ${row}.meeting_id, ${row}.actor_member_id, ${row}.at, ${row}.op, ${row}.change)`,
} as const;
export type AuditSource = keyof typeof auditSources;

const lastChainHash = `coalesce((SELECT chain_hash FROM audit_chain ORDER BY seq DESC LIMIT 1), '')`;

const chainTrigger = (source: AuditSource) => `
    CREATE TRIGGER ${source}_chain AFTER INSERT ON ${source} BEGIN
      INSERT INTO audit_chain (source, source_id, entry_hash, chain_hash)
      VALUES ('${source}', NEW.id, chamber_sha256(${auditSources[source]('NEW')}),
              chamber_sha256(${lastChainHash} || chamber_sha256(${auditSources[source]('NEW')})));
    END;`;

/**
 * One hash chain over the three append-only histories (declarations, the running meeting, minutes)
 * rather than a chain per table: a single chain fixes the order of everything recorded, so an entry
 * cannot be dropped from one table without breaking the links of entries in the others. The chain is
 * kept by triggers, so no code path can write history without extending it; the hashing function is
 * registered by the database module on every connection.
 *
 * Existing entries are chained in the order they were recorded (time, then table, then id).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'audit_chain',
  sql: `
    CREATE TABLE audit_chain (
      seq        INTEGER PRIMARY KEY AUTOINCREMENT,
      source     TEXT NOT NULL CHECK (source IN ('declaration_history', 'meeting_history', 'minutes_history')),
      source_id  INTEGER NOT NULL,
      entry_hash TEXT NOT NULL CHECK (length(entry_hash) = 64),
      chain_hash TEXT NOT NULL CHECK (length(chain_hash) = 64),
      UNIQUE (source, source_id)
    ) STRICT;
    CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain BEGIN
      SELECT RAISE(ABORT, 'audit_chain is append-only');
    END;
    CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain BEGIN
      SELECT RAISE(ABORT, 'audit_chain is append-only');
    END;

    WITH RECURSIVE
      entries AS MATERIALIZED (
        SELECT row_number() OVER (ORDER BY at, source, id) AS n, source, id, chamber_sha256(entry) AS entry_hash FROM (
          SELECT 'declaration_history' AS source, h.id, h.at, ${auditSources.declaration_history('h')} AS entry FROM declaration_history h
          UNION ALL
          SELECT 'meeting_history', h.id, h.at, ${auditSources.meeting_history('h')} FROM meeting_history h
          UNION ALL
          SELECT 'minutes_history', h.id, h.at, ${auditSources.minutes_history('h')} FROM minutes_history h
        )
      ),
      chain (n, source, id, entry_hash, chain_hash) AS (
        SELECT n, source, id, entry_hash, chamber_sha256(entry_hash) FROM entries WHERE n = 1
        UNION ALL
        SELECT e.n, e.source, e.id, e.entry_hash, chamber_sha256(c.chain_hash || e.entry_hash) FROM entries e JOIN chain c ON e.n = c.n + 1
      )
    INSERT INTO audit_chain (source, source_id, entry_hash, chain_hash) SELECT source, id, entry_hash, chain_hash FROM chain ORDER BY n;
${chainTrigger('declaration_history')}
${chainTrigger('meeting_history')}
${chainTrigger('minutes_history')}
  `,
};
