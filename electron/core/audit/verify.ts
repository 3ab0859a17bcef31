import type { AuditReport } from '../../../shared/api/contracts/audit';
import type { Db } from '../db/database';
import { auditHash } from '../db/functions';
import { auditSources, type AuditSource } from '../db/migrations/0008_audit_chain';

interface ChainRow {
  seq: number;
  source: AuditSource;
  source_id: number;
  entry_hash: string;
  chain_hash: string;
}

const sources = Object.keys(auditSources) as AuditSource[];

/**
 * Walks the audit chain (migration 0008) in order, recomputing each entry's hash from the history
 * row as it stands now and each link from the one before. Stops at the first problem, because after
 * a break every later link is suspect too. This proves the local history has not been altered by
 * anything short of rewriting the whole chain with the data key in hand.
 */
export function verifyAuditChain(db: Db): AuditReport {
  const current = new Map<AuditSource, Map<number, string>>();
  for (const source of sources) {
    const rows = db.prepare<[], { id: number; entry: string }>(`SELECT h.id AS id, ${auditSources[source]('h')} AS entry FROM ${source} h`).all();
    current.set(source, new Map(rows.map((r) => [r.id, r.entry])));
  }
  const chain = db.prepare<[], ChainRow>('SELECT seq, source, source_id, entry_hash, chain_hash FROM audit_chain ORDER BY seq').all();

  let previous = '';
  for (const row of chain) {
    const fail = (kind: NonNullable<AuditReport['problem']>['kind']): AuditReport => ({
      ok: false,
      entries: chain.length,
      problem: { kind, seq: row.seq, source: row.source, sourceId: row.source_id },
    });
    const entries = current.get(row.source);
    const entry = entries?.get(row.source_id);
    if (entry === undefined) return fail('deleted');
    if (auditHash(entry) !== row.entry_hash) return fail('edited');
    if (auditHash(previous + row.entry_hash) !== row.chain_hash) return fail('chain-broken');
    entries?.delete(row.source_id);
    previous = row.chain_hash;
  }

  for (const source of sources) {
    const left = current.get(source);
    const [orphan] = left ? [...left.keys()].sort((a, b) => a - b) : [];
    if (orphan !== undefined) return { ok: false, entries: chain.length, problem: { kind: 'unchained', seq: null, source, sourceId: orphan } };
  }

  // AUTOINCREMENT never reuses a number, so a sequence past the last entry means entries were cut
  // off the end of the chain, which no link could show.
  const issued = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_chain'").get()?.seq ?? 0;
  const last = chain.at(-1);
  if (issued > (last?.seq ?? 0)) {
    return { ok: false, entries: chain.length, problem: { kind: 'truncated', seq: issued, source: last?.source ?? 'declaration_history', sourceId: last?.source_id ?? 0 } };
  }
  return { ok: true, entries: chain.length, problem: null };
}
