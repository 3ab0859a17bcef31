import type { Db } from '../db/database';
import { entityDefinition, type EntityDefinition } from '../../../shared/sync/register';
import { asRecordData, type RecordData } from './merge';
import type { ApplyContext, ApplyOutcome, LocalHooks } from './localRecord';
import { syncedAnnotation } from '../annotations/repository';
import { syncedPanelComment } from '../meeting/panelComments';
import { syncedNarrative } from '../minutes/repository';
import { syncedCorrection } from '../minutes/corrections';
import { syncedSpeakingTurn } from '../meeting/speakingTurns';
import { syncedDocument } from './packDownloads';

export type { ApplyOutcome } from './localRecord';

/**
 * Writes records that came from the endpoint into the local tables. Deliberately NOT through the
 * DomainWriter: a change that came from the server must not go back to it as a new outbox row.
 *
 * Which table and key each entity has is the register's (`device`, `key`); a field lands in the
 * column of its snake_case name. The hooks below are the few repositories' additions to that rule,
 * each declared next to the repository that owns the table.
 */
const hooks: Readonly<Record<string, LocalHooks>> = {
  annotation: syncedAnnotation,
  panel_comment: syncedPanelComment,
  minute_narrative: syncedNarrative,
  minute_correction: syncedCorrection,
  speaking_turn: syncedSpeakingTurn,
  meeting_document: syncedDocument,
};

interface TableRule {
  table: string;
  /** Primary key columns, in payload (camelCase) names. */
  key: readonly string[];
  hooks: LocalHooks;
}

/** The hooks a repository declares for a wire entity (none: plain field → column). */
export const localHooksOf = (wire: string): LocalHooks => hooks[wire] ?? {};

/** Entities given hooks here (each must be one the register gives a device table). */
export const hookedEntities: readonly string[] = Object.keys(hooks);

const ruleOf = (definition: EntityDefinition | undefined): TableRule | null =>
  definition?.device ? { table: definition.device.table, key: definition.key, hooks: localHooksOf(definition.wire) } : null;

/** Records inserted once and never updated or removed on any device. */
export const isAppendOnly = (entity: string): boolean => entityDefinition(entity)?.conflict === 'insert-only';

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function columnValue(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

export class LocalApplier {
  private readonly columnsOf = new Map<string, Set<string>>();

  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  private tableColumns(table: string): Set<string> {
    let found = this.columnsOf.get(table);
    if (!found) {
      found = new Set(this.db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name));
      this.columnsOf.set(table, found);
    }
    return found;
  }

  /**
   * Applies one record in its own savepoint of the caller's transaction. 'waiting' means the local
   * table cannot hold it yet (its meeting is not on this device); the shadow keeps it for later.
   */
  apply(entity: string, id: string, deleted: boolean, data: unknown): ApplyOutcome {
    const rule = ruleOf(entityDefinition(entity));
    if (!rule) return 'waiting';
    if (rule.hooks.store) return rule.hooks.store(deleted, data, this.context());
    const record = asRecordData(data);
    const columns = this.tableColumns(rule.table);
    if (deleted) {
      // An append-only record is never removed; the endpoint never deletes one either.
      if (!rule.hooks.insertOnce) this.remove(rule, columns, id);
      return 'applied';
    }
    if (!record) return 'waiting';
    if (typeof record.meetingId === 'string' && this.db.prepare('SELECT 1 FROM meetings WHERE id = ?').get(record.meetingId) === undefined) return 'waiting';
    try {
      return this.db.transaction((): ApplyOutcome => {
        if (rule.hooks.insertOnce) return rule.hooks.insertOnce(id, record, this.context());
        this.upsert(rule, columns, record);
        return 'applied';
      })();
    } catch {
      // A row the local schema refuses (a pack not downloaded yet, a rule this device's version
      // does not know): kept in the shadow and retried after the next pack download.
      return 'waiting';
    }
  }

  private remove(rule: TableRule, columns: Set<string>, id: string): void {
    const keyColumns = rule.key.map(snake);
    const keyValues = rule.key.length === 1 ? [id] : id.split(':');
    if (keyValues.length !== keyColumns.length) return;
    const where = keyColumns.map((c) => `${c} = ?`).join(' AND ');
    if (columns.has('deleted_at')) this.db.prepare(`UPDATE ${rule.table} SET deleted_at = coalesce(deleted_at, ?) WHERE ${where}`).run(this.now(), ...keyValues);
    else this.db.prepare(`DELETE FROM ${rule.table} WHERE ${where}`).run(...keyValues);
  }

  private upsert(rule: TableRule, columns: Set<string>, record: RecordData): void {
    const row: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record)) {
      const column = snake(field);
      const converted = columnValue(value);
      if (columns.has(column) && converted !== undefined) row[column] = converted;
    }
    Object.assign(row, rule.hooks.columns?.(record, this.db) ?? {});
    const now = this.now();
    for (const stamp of ['created_at', 'updated_at']) if (columns.has(stamp) && row[stamp] == null) row[stamp] = now;
    for (const memberColumn of ['member_id', 'substitute_for', 'created_by', 'agreed_by', 'updated_by']) {
      if (columns.has(memberColumn) && typeof row[memberColumn] === 'string') this.ensureMember(row[memberColumn]);
    }
    // The local edit counter stays this device's own; the server version lives in the shadow.
    const names = Object.keys(row).filter((c) => c !== 'version');
    const keyColumns = rule.key.map(snake);
    const updates = names.filter((c) => !keyColumns.includes(c));
    // Only a row that differs is rewritten: a record pulled back unchanged (this device's own push,
    // locked minutes) must not trip the update triggers that guard the legal record.
    const differs = updates.map((c) => `${c} IS NOT excluded.${c}`).join(' OR ');
    const sql = `INSERT INTO ${rule.table} (${names.join(', ')}) VALUES (${names.map((c) => `@${c}`).join(', ')})
      ON CONFLICT (${keyColumns.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.map((c) => `${c} = excluded.${c}`).join(', ')} WHERE ${differs}` : 'NOTHING'}`;
    this.db.prepare(sql).run(Object.fromEntries(names.map((c) => [c, row[c]])));
    rule.hooks.after?.(record, { ...this.context(), now });
  }

  private context(): ApplyContext {
    return { db: this.db, now: this.now(), ensureMember: (id) => this.ensureMember(id) };
  }

  /** Members referenced by a synced record but not yet known here: a placeholder row until the register arrives. */
  private ensureMember(id: string): void {
    this.db.prepare('INSERT INTO members (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING').run(id, id, this.now());
  }
}
