import { randomUUID } from 'node:crypto';
import { validateOutcome } from '../../../shared/meeting/outcomes';
import type { ActionDraft, MeetingHistoryEntry, OutcomeDraft, StoredAction, StoredOutcome, Vote } from '../../../shared/meeting/schema';
import type { Db } from '../db/database';
import { derivedUuid } from '../db/derivedId';
import { CoreError } from '../errors';
import { itemEntitlements } from '../../../shared/meeting/entitlement';
import type { ItemEntitlementReader } from './itemEntitlement';
import type { DomainWriter } from '../repositories/domainWriter';
import { ruleBroken, type HistoryEntity, type MeetingAccess } from '../meetings/access';

interface OutcomeRow {
  id: string;
  meeting_id: string;
  item_number: string;
  kind: StoredOutcome['kind'];
  resolution: string | null;
  vote: string | null;
  version: number;
  updated_at: string;
}

const toOutcome = (r: OutcomeRow): StoredOutcome => ({
  id: r.id,
  meetingId: r.meeting_id,
  itemNumber: r.item_number,
  kind: r.kind,
  ...(r.resolution === null ? {} : { resolution: r.resolution }),
  ...(r.vote === null ? {} : { vote: JSON.parse(r.vote) as Vote }),
  version: r.version,
  updatedAt: r.updated_at,
});

interface ActionRow {
  id: string;
  meeting_id: string;
  item_number: string;
  text: string;
  owner: string;
  due_date: string | null;
  status: StoredAction['status'];
  version: number;
  created_at: string;
  updated_at: string;
  meeting_title: string;
  meeting_date: string;
}

const toAction = (r: ActionRow): StoredAction => ({
  id: r.id,
  meetingId: r.meeting_id,
  itemNumber: r.item_number,
  text: r.text,
  owner: r.owner,
  ...(r.due_date === null ? {} : { dueDate: r.due_date }),
  status: r.status,
  meetingTitle: r.meeting_title,
  meetingDate: r.meeting_date,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** An item has at most one outcome, so its id is derived from the meeting and the item. */
export function outcomeId(meetingId: string, itemNumber: string): string {
  return derivedUuid('outcome', meetingId, itemNumber);
}

const actionSelect = `SELECT a.*, m.title AS meeting_title, m.date AS meeting_date FROM actions a JOIN meetings m ON m.id = a.meeting_id`;

/** Outcomes per item (with votes), the actions that come out of them, and the meeting's history. */
export class OutcomesRepository {
  constructor(
    private readonly db: Db,
    private readonly writer: DomainWriter,
    private readonly access: MeetingAccess,
    private readonly entitlement: ItemEntitlementReader,
  ) {}

  list(meetingId: string): StoredOutcome[] {
    this.access.requireMeeting(meetingId);
    const order = this.access.agendaNumbers(meetingId);
    return this.db
      .prepare<[string], OutcomeRow>('SELECT * FROM outcomes WHERE meeting_id = ?')
      .all(meetingId)
      .map(toOutcome)
      .sort((a, b) => order.indexOf(a.itemNumber) - order.indexOf(b.itemNumber));
  }

  /** Records an item's outcome, or changes it; every change lands in the history. */
  record(actingMemberId: string, draft: OutcomeDraft): StoredOutcome {
    this.access.requirePresiding(actingMemberId, draft.meetingId, 'record an outcome');
    const agendaNumbers = this.access.agendaNumbers(draft.meetingId);
    // Only those entitled to vote on this item (not absent, gone, or withdrawn for an interest).
    const entitled = agendaNumbers.includes(draft.itemNumber.trim()) ? itemEntitlements(this.entitlement.input(draft.meetingId, draft.itemNumber.trim())) : [];
    const checked = validateOutcome(draft, {
      agendaNumbers,
      votingMemberIds: entitled.filter((e) => e.mayVote).map((e) => e.memberId),
      notEntitled: (id) => entitled.find((e) => e.memberId === id)?.reason ?? null,
    });
    if (!checked.ok) throw ruleBroken(checked.issues);
    const outcome = checked.value;
    return this.writer.write((tx) => {
      const row = this.db.prepare<[string, string], OutcomeRow>('SELECT * FROM outcomes WHERE meeting_id = ? AND item_number = ?').get(outcome.meetingId, outcome.itemNumber);
      const before = row ? toOutcome(row) : null;
      const id = before?.id ?? outcomeId(outcome.meetingId, outcome.itemNumber);
      const version = before ? before.version + 1 : 0;
      this.db
        .prepare(
          `INSERT INTO outcomes (id, meeting_id, item_number, kind, resolution, vote, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (meeting_id, item_number) DO UPDATE SET kind = excluded.kind, resolution = excluded.resolution, vote = excluded.vote,
             version = excluded.version, updated_at = excluded.updated_at`,
        )
        .run(id, outcome.meetingId, outcome.itemNumber, outcome.kind, outcome.resolution ?? null, outcome.vote ? JSON.stringify(outcome.vote) : null, version, tx.now);
      const after = toOutcome(this.db.prepare<[string], OutcomeRow>('SELECT * FROM outcomes WHERE id = ?').get(id) as OutcomeRow);
      this.access.logHistory(tx, outcome.meetingId, 'outcome', outcome.itemNumber, actingMemberId, before ? 'update' : 'record', before, after);
      tx.recordEntity('outcome', after, before ? 'update' : 'create', { baseVersion: before?.version ?? 0 });
      return after;
    });
  }

  saveAction(actingMemberId: string, draft: ActionDraft, id?: string): StoredAction {
    this.access.requirePresiding(actingMemberId, draft.meetingId, 'record actions');
    this.access.requireItem(draft.meetingId, draft.itemNumber);
    const existing = id === undefined ? undefined : this.db.prepare<[string], ActionRow>(`${actionSelect} WHERE a.id = ?`).get(id);
    if (id !== undefined && !existing) throw new CoreError('NOT_FOUND', `No action with id ${id}`);
    if (existing && existing.meeting_id !== draft.meetingId) throw new CoreError('INVALID_INPUT', 'An action cannot move to another meeting');
    return this.writer.write((tx) => {
      const actionId = existing?.id ?? randomUUID();
      const columns = {
        id: actionId,
        meeting_id: draft.meetingId,
        item_number: draft.itemNumber,
        text: draft.text,
        owner: draft.owner,
        due_date: draft.dueDate ?? null,
        status: draft.status,
        version: existing ? existing.version + 1 : 0,
        now: tx.now,
      };
      this.db
        .prepare(
          `INSERT INTO actions (id, meeting_id, item_number, text, owner, due_date, status, version, created_at, updated_at)
           VALUES (@id, @meeting_id, @item_number, @text, @owner, @due_date, @status, @version, @now, @now)
           ON CONFLICT (id) DO UPDATE SET item_number = excluded.item_number, text = excluded.text, owner = excluded.owner,
             due_date = excluded.due_date, status = excluded.status, version = excluded.version, updated_at = excluded.updated_at`,
        )
        .run(columns);
      const after = toAction(this.db.prepare<[string], ActionRow>(`${actionSelect} WHERE a.id = ?`).get(actionId) as ActionRow);
      this.access.logHistory(tx, draft.meetingId, 'action', actionId, actingMemberId, existing ? 'update' : 'record', existing ? toAction(existing) : null, after);
      tx.recordEntity('action', after, existing ? 'update' : 'create', { baseVersion: existing?.version ?? 0 });
      return after;
    });
  }

  /** The action tracker: actions across every meeting (or one), open ones first by due date. */
  listActions(filter: { meetingId?: string; status?: StoredAction['status'] }): StoredAction[] {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.meetingId !== undefined) {
      where.push('a.meeting_id = ?');
      params.push(filter.meetingId);
    }
    if (filter.status !== undefined) {
      where.push('a.status = ?');
      params.push(filter.status);
    }
    return this.db
      .prepare<string[], ActionRow>(
        `${actionSelect} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY a.status = 'done', a.due_date IS NULL, a.due_date, m.date, a.item_number, a.created_at`,
      )
      .all(...params)
      .map(toAction);
  }

  /** The append-only record (who, when, what) for the monitoring officer. */
  history(meetingId: string, entity?: HistoryEntity, entityId?: string): MeetingHistoryEntry[] {
    this.access.requireMeeting(meetingId);
    const filters = [entity === undefined ? '' : 'AND entity = @entity', entityId === undefined ? '' : 'AND entity_id = @entityId'].join(' ');
    return this.db
      .prepare<[{ meetingId: string; entity?: string; entityId?: string }], { id: number; meeting_id: string; entity: HistoryEntity; entity_id: string; actor_member_id: string; at: string; op: string; change: string }>(
        `SELECT * FROM meeting_history WHERE meeting_id = @meetingId ${filters} ORDER BY id`,
      )
      .all({ meetingId, ...(entity === undefined ? {} : { entity }), ...(entityId === undefined ? {} : { entityId }) })
      .map((r) => {
        const change = JSON.parse(r.change) as { before: unknown; after: unknown };
        return { id: r.id, meetingId: r.meeting_id, entity: r.entity, entityId: r.entity_id, actorMemberId: r.actor_member_id, at: r.at, op: r.op, before: change.before, after: change.after };
      });
  }
}
