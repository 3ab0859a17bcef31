import type { Db } from '../db/database';
import { MeetingDocument } from '../../../shared/sync/wire';
import { asRecordData, type RecordData } from './merge';
import { mergeCommentState } from '../repositories/panelComments';
import * as Y from 'yjs';
import { narrativeDoc, narrativeOf } from '../minutes/narrativeDoc';
import { receiveCorrection } from '../minutes/corrections';
import { SyncedMinutesCorrection } from '../../../shared/minutes/record';

/**
 * Writes records that came from the endpoint into the local tables. Deliberately NOT through the
 * DomainWriter: a change that came from the server must not go back to it as a new outbox row.
 */
interface TableRule {
  table: string;
  /** Primary key columns, in payload (camelCase) names. */
  key: string[];
  /** Extra columns from the payload that do not follow the camelCase → snake_case rule. */
  columns?: (data: RecordData, db: Db) => Record<string, unknown>;
  /** Runs after the row is written, in the same savepoint: state kept outside the row itself. */
  after?: (data: RecordData, context: ApplyContext) => void;
  /**
   * Append-only records: written by this instead of the upsert, once, and never updated or deleted
   * (a tombstone is ignored). 'waiting' keeps the record in the shadow to be retried.
   */
  insertOnce?: (id: string, data: RecordData, context: ApplyContext) => ApplyOutcome;
}

interface ApplyContext {
  db: Db;
  now: string;
  ensureMember: (id: string) => void;
}

/** A correction to approved minutes, inserted once by its sync id (electron/core/minutes/corrections.ts). */
const correction: TableRule['insertOnce'] = (id, data, { db, now, ensureMember }) => {
  const parsed = SyncedMinutesCorrection.safeParse(data);
  if (!parsed.success) throw new Error(`A minute correction this device cannot read: ${parsed.error.message}`);
  ensureMember(parsed.data.recordedBy);
  return receiveCorrection(db, id, parsed.data, now);
};

/** The draft's wording travels as one Yjs state; only what this device lacks is stored. */
const commentText: TableRule['after'] = (data, { db, now, ensureMember }) => {
  if (typeof data.textYjs !== 'string' || typeof data.id !== 'string') return;
  const editor = typeof data.editedBy === 'string' ? data.editedBy : typeof data.createdBy === 'string' ? data.createdBy : null;
  if (editor === null) throw new Error('A panel comment without its author');
  ensureMember(editor);
  mergeCommentState(db, now, data.id, editor, Buffer.from(data.textYjs, 'base64'));
};

const annotationColumns = (data: RecordData, db: Db): Record<string, unknown> => {
  const quote = asRecordData(data.quote);
  // Pack ids are local to each device's import; the record lands on this device's newest pack of the meeting.
  const known = typeof data.packId === 'string' && db.prepare('SELECT 1 FROM packs WHERE id = ?').get(data.packId) !== undefined;
  const newest = db.prepare<[unknown], { id: string }>('SELECT id FROM packs WHERE meeting_id = ? ORDER BY version DESC LIMIT 1').get(data.meetingId);
  return {
    quote_exact: quote?.exact ?? null,
    quote_prefix: quote?.prefix ?? null,
    quote_suffix: quote?.suffix ?? null,
    text_start: quote?.start ?? null,
    text_end: quote?.end ?? null,
    pack_id: known ? data.packId : (newest?.id ?? null),
  };
};

/** The narrative merged with this device's copy; its JSON is what the minutes and exports read. */
const narrativeColumns = (data: RecordData, db: Db): Record<string, unknown> => {
  if (typeof data.narrativeYjs !== 'string') throw new Error('A minute narrative without its document');
  const held = db
    .prepare<[unknown, unknown], { yjs_state: Buffer | null }>('SELECT yjs_state FROM minute_narratives WHERE meeting_id = ? AND item_number = ?')
    .get(data.meetingId, data.itemNumber);
  const doc = narrativeDoc(held?.yjs_state ?? null);
  Y.applyUpdate(doc, Buffer.from(data.narrativeYjs, 'base64'));
  return { narrative: JSON.stringify(narrativeOf(doc)), yjs_state: Buffer.from(Y.encodeStateAsUpdate(doc)) };
};

/** Server entity name → local table. Entities not listed are kept only as shadows. */
export const tableRules: Record<string, TableRule> = {
  // Published meetings arrive through the feed; their packs follow as documents (packDownloads.ts).
  meeting: { table: 'meetings', key: ['id'] },
  // The endpoint's register: a placeholder made for an unknown id (ensureMember) gets its name.
  member: { table: 'members', key: ['id'] },
  annotation: { table: 'annotations', key: ['id'], columns: annotationColumns },
  question: { table: 'questions', key: ['id'] },
  declaration: { table: 'declarations', key: ['id'] },
  registered_interest: { table: 'registered_interests', key: ['id'] },
  outcome: { table: 'outcomes', key: ['id'] },
  attendance: { table: 'attendance', key: ['meetingId', 'memberId'] },
  meeting_role: { table: 'meeting_roles', key: ['meetingId', 'memberId'] },
  action: { table: 'actions', key: ['id'] },
  // The live agenda: the chair's device moves on, members' devices follow.
  agenda_progress: { table: 'agenda_progress', key: ['meetingId', 'itemNumber'] },
  meeting_live: { table: 'meeting_live', key: ['meetingId'] },
  panel_comment: { table: 'panel_comments', key: ['id'], after: commentText },
  // Minutes: the workflow record (the schema's triggers still refuse a step out of order or a change
  // to locked minutes) and each item's narrative, merged as Yjs.
  minute: { table: 'minutes', key: ['meetingId'] },
  minute_narrative: { table: 'minute_narratives', key: ['meetingId', 'itemNumber'], columns: narrativeColumns },
  // Corrections after approval: append-only, so each lands once and waits for the approval.
  minute_correction: { table: 'minute_corrections', key: ['syncId'], insertOnce: correction },
};

/** Records inserted once and never updated or removed on any device. */
export const isAppendOnly = (entity: string): boolean => tableRules[entity]?.insertOnce !== undefined;

/**
 * Records that wait for another record rather than for their meeting's pack, by the entity they
 * wait for: retried as soon as a pull brings records of that entity (engine.ts).
 */
// A narrative needs its minutes too: the endpoint's change log compacts each record to its latest
// version, so minutes started and then written in reach a device after the narrative written in them.
export const waitsFor: Record<string, readonly string[]> = { minute_correction: ['minute'], minute_narrative: ['minute'] };

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function columnValue(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

export type ApplyOutcome = 'applied' | 'waiting';

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
    if (entity === 'meeting_document') return this.noteDocument(deleted, data);
    const rule = tableRules[entity];
    if (!rule) return 'waiting';
    const record = asRecordData(data);
    const columns = this.tableColumns(rule.table);
    if (deleted) {
      // An append-only record is never removed; the endpoint never deletes one either.
      if (!rule.insertOnce) this.remove(rule, columns, id);
      return 'applied';
    }
    if (!record) return 'waiting';
    if (typeof record.meetingId === 'string' && this.db.prepare('SELECT 1 FROM meetings WHERE id = ?').get(record.meetingId) === undefined) return 'waiting';
    try {
      return this.db.transaction((): ApplyOutcome => {
        if (rule.insertOnce) return rule.insertOnce(id, record, this.context());
        this.upsert(rule, columns, record);
        return 'applied';
      })();
    } catch {
      // A row the local schema refuses (a pack not downloaded yet, a rule this device's version
      // does not know): kept in the shadow and retried after the next pack download.
      return 'waiting';
    }
  }

  /** A published document: remembered for the pack download, which fetches and imports it. */
  private noteDocument(deleted: boolean, data: unknown): ApplyOutcome {
    const parsed = MeetingDocument.safeParse(data);
    if (deleted || !parsed.success) return 'applied';
    const d = parsed.data;
    this.db
      .prepare(
        `INSERT INTO sync_documents (document_id, meeting_id, sha256, size, restricted, kind) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (document_id) DO NOTHING`,
      )
      .run(d.id, d.meetingId, d.sha256, d.size, d.restricted ? 1 : 0, d.kind);
    return 'applied';
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
    Object.assign(row, rule.columns?.(record, this.db) ?? {});
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
    rule.after?.(record, { ...this.context(), now });
  }

  private context(): ApplyContext {
    return { db: this.db, now: this.now(), ensureMember: (id) => this.ensureMember(id) };
  }

  /** Members referenced by a synced record but not yet known here: a placeholder row until the register arrives. */
  private ensureMember(id: string): void {
    this.db.prepare('INSERT INTO members (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING').run(id, id, this.now());
  }
}
