import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Result } from '../../../shared/result';
import type { Core } from '../core';
import { takingTurns } from '../identity/switchingCaller';
import { january2022, november2019 } from '../testing/samplePacks';
import { publishedChair } from '../testing/publishedChair';
import { snapshotEvery } from './panelComments';
import { openTestCore, value } from '../testing/harness';

const failure = <T>(result: Result<T>) => {
  if (result.ok) throw new Error('expected a refusal');
  return { code: result.error.code, issues: (result.error.issues ?? []).map((i) => i.code) };
};

let core: Core;
let meetingId: string;
/** The core's clock, moved by the tests so that timings never depend on how fast they run. */
let now = new Date('2022-01-17T10:00:00Z');

const members = [
  ['rouse', 'Mike Rouse', 'chair'],
  ['stanley', 'James Stanley', 'vice-chair'],
  ['allcott', 'Mel Allcott', 'member'],
  ['aled', 'Aled Evans', 'member'],
  ['laura', 'Laura Gretton', 'member'],
  ['sub', 'Sam Substitute', 'substitute'],
  ['officer', 'Rob Officer', 'officer'],
  ['clerk', 'Jo Weston', 'clerk'],
] as const;

beforeEach(async () => {
  now = new Date('2022-01-17T10:00:00Z');
  core = takingTurns(openTestCore({ clock: () => now }));
  for (const [id, name] of members) value(await core.call('saveMember', { id, name }));
  // The front sheet makes Rouse the chair and four more members; the chair hands out the other roles.
  meetingId = (await core.importPackFile(january2022().path)).meetingId;
  for (const [id, , role] of members) value(await core.call('setMeetingRole', { actingMemberId: 'rouse', meetingId, memberId: id, role }));
});

afterEach(() => core.close());

const attend = (memberId: string, status: 'present' | 'apologies' | 'absent' | 'substitute' | 'in-attendance', more: object = {}, actingMemberId = 'clerk') =>
  core.call('recordAttendance', { actingMemberId, attendance: { meetingId, memberId, status, ...more } });

describe('attendance and quorum', () => {
  it('records present, apologies, a substitute and officers in attendance, and checks the quorum', async () => {
    expect(value(await core.call('getAttendance', { meetingId })).quorum).toEqual({ votingMembership: 9, votingPresent: 0, required: 3, quorate: false });
    value(await attend('rouse', 'present'));
    value(await attend('stanley', 'present'));
    expect(value(await core.call('getAttendance', { meetingId })).quorum.quorate).toBe(false);
    value(await attend('aled', 'apologies'));
    const substitute = value(await attend('sub', 'substitute', { substituteFor: 'aled' }));
    expect(substitute).toMatchObject({ substituteForName: 'Aled Evans', status: 'substitute' });
    value(await attend('officer', 'in-attendance'));
    const attendance = value(await core.call('getAttendance', { meetingId }));
    expect(attendance.quorum).toEqual({ votingMembership: 9, votingPresent: 3, required: 3, quorate: true });
    expect(attendance.entries.map((e) => [e.memberId, e.status])).toEqual([
      ['aled', 'apologies'],
      ['stanley', 'present'],
      ['rouse', 'present'],
      ['officer', 'in-attendance'],
      ['sub', 'substitute'],
    ]);
  });

  it('records arrivals and departures with the item, and a departure can break the quorum', async () => {
    value(await attend('rouse', 'present'));
    value(await attend('stanley', 'present', { arrivedAtItem: '5' }));
    value(await attend('laura', 'present', { departedAtItem: '6' }));
    const attendance = value(await core.call('getAttendance', { meetingId }));
    expect(attendance.entries.find((e) => e.memberId === 'stanley')?.arrivedAtItem).toBe('5');
    expect(attendance.quorum).toMatchObject({ votingPresent: 2, quorate: false });
    expect(failure(await attend('laura', 'present', { departedAtItem: '99' }))).toEqual({ code: 'MEETING_RULE_BROKEN', issues: ['unknown_item'] });
  });

  it('refuses a substitute for a member who did not send apologies, and changing a replaced member', async () => {
    expect(failure(await attend('sub', 'substitute', { substituteFor: 'aled' }))).toEqual({ code: 'MEETING_RULE_BROKEN', issues: ['substitute_for_not_apologised'] });
    value(await attend('aled', 'apologies'));
    value(await attend('sub', 'substitute', { substituteFor: 'aled' }));
    expect(failure(await attend('aled', 'present'))).toEqual({ code: 'MEETING_RULE_BROKEN', issues: ['has_substitute'] });
    expect(failure(await attend('officer', 'present'))).toEqual({ code: 'MEETING_RULE_BROKEN', issues: ['status_not_for_role'] });
  });

  it('lets only the chair, vice-chair or clerk record attendance, and keeps its history', async () => {
    expect(failure(await attend('laura', 'present', {}, 'laura')).code).toBe('FORBIDDEN');
    value(await attend('laura', 'present', {}, 'rouse'));
    value(await attend('laura', 'present', { departedAtItem: '7' }, 'stanley'));
    const history = value(await core.call('getMeetingHistory', { meetingId, entity: 'attendance', entityId: 'laura' }));
    expect(history.map((h) => [h.actorMemberId, h.op])).toEqual([
      ['rouse', 'record'],
      ['stanley', 'update'],
    ]);
  });
});

describe('live agenda', () => {
  it('reads the indicative timings from the pack', async () => {
    const agenda = value(await core.call('getLiveAgenda', { meetingId }));
    expect(agenda.items.map((i) => i.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(agenda.items.find((i) => i.number === '5')).toMatchObject({ timingFrom: '10:05', timingTo: '10:50', indicativeMinutes: 45, startedAt: null, overrun: false });
    expect(agenda.items.find((i) => i.number === '8')?.indicativeMinutes).toBe(10);
  });

  it('starts and ends items, flags an overrun, and moves the current item', async () => {
    value(await core.call('startAgendaItem', { actingMemberId: 'rouse', meetingId, itemNumber: '5', at: '2022-01-17T10:05:00Z' }));
    now = new Date('2022-01-17T10:30:00Z');
    let agenda = value(await core.call('getLiveAgenda', { meetingId }));
    expect(agenda.currentItem).toBe('5');
    expect(agenda.items.find((i) => i.number === '5')).toMatchObject({ current: true, elapsedMinutes: 25, overrun: false });
    now = new Date('2022-01-17T10:56:00Z');
    agenda = value(await core.call('getLiveAgenda', { meetingId }));
    expect(agenda.items.find((i) => i.number === '5')).toMatchObject({ elapsedMinutes: 51, overrun: true });
    // Starting item 6 ends item 5 at the same moment.
    agenda = value(await core.call('startAgendaItem', { actingMemberId: 'clerk', meetingId, itemNumber: '6' }));
    expect(agenda.items.find((i) => i.number === '5')).toMatchObject({ endedAt: '2022-01-17T10:56:00.000Z', elapsedMinutes: 51, overrun: true, current: false });
    agenda = value(await core.call('endAgendaItem', { actingMemberId: 'clerk', meetingId, itemNumber: '6', at: '2022-01-17T11:30:00+00:00' }));
    expect(agenda.currentItem).toBeNull();
    expect(agenda.items.find((i) => i.number === '6')).toMatchObject({ elapsedMinutes: 34, overrun: false });
    expect(failure(await core.call('endAgendaItem', { actingMemberId: 'clerk', meetingId, itemNumber: '7' })).issues).toEqual(['item_not_started']);
    expect(failure(await core.call('endAgendaItem', { actingMemberId: 'clerk', meetingId, itemNumber: '6', at: '2022-01-17T09:00:00Z' })).issues).toEqual(['end_before_start']);
    expect(failure(await core.call('startAgendaItem', { actingMemberId: 'clerk', meetingId, itemNumber: '42' })).issues).toEqual(['unknown_item']);
  });

  it('reorders, defers and marks Part II on the day', async () => {
    const order = ['1', '2', '3', '4', '7', '5', '6', '8'];
    let agenda = value(await core.call('reorderAgenda', { actingMemberId: 'rouse', meetingId, order }));
    expect(agenda.items.map((i) => i.number)).toEqual(order);
    expect(failure(await core.call('reorderAgenda', { actingMemberId: 'rouse', meetingId, order: ['1', '2'] })).issues).toEqual(['order_not_agenda']);
    value(await core.call('markAgendaItem', { actingMemberId: 'rouse', meetingId, itemNumber: '8', deferred: true }));
    agenda = value(await core.call('markAgendaItem', { actingMemberId: 'rouse', meetingId, itemNumber: '7', partTwo: true }));
    expect(agenda.items.find((i) => i.number === '8')).toMatchObject({ deferred: true, partTwo: false });
    expect(agenda.items.find((i) => i.number === '7')).toMatchObject({ deferred: false, partTwo: true });
    expect(failure(await core.call('startAgendaItem', { actingMemberId: 'rouse', meetingId, itemNumber: '8' })).issues).toEqual(['item_deferred']);
    expect(failure(await core.call('markAgendaItem', { actingMemberId: 'laura', meetingId, itemNumber: '8', deferred: false })).code).toBe('FORBIDDEN');
    expect(value(await core.call('getMeetingHistory', { meetingId, entity: 'agenda' })).map((h) => h.op)).toEqual(['reorder', 'mark', 'mark']);
  });

  it('lets no ordinary member run the agenda', async () => {
    expect(failure(await core.call('startAgendaItem', { actingMemberId: 'aled', meetingId, itemNumber: '5' })).code).toBe('FORBIDDEN');
    expect(failure(await core.call('startAgendaItem', { actingMemberId: 'officer', meetingId, itemNumber: '5' })).code).toBe('FORBIDDEN');
  });
});

describe('outcomes, votes and actions', () => {
  beforeEach(async () => {
    for (const id of ['rouse', 'stanley', 'allcott', 'laura']) value(await attend(id, 'present'));
    value(await attend('aled', 'apologies'));
    value(await attend('sub', 'substitute', { substituteFor: 'aled' }));
  });

  it('records outcomes with a recorded vote whose names match the counts', async () => {
    value(await core.call('recordOutcome', { actingMemberId: 'rouse', outcome: { meetingId, itemNumber: '6', kind: 'noted' } }));
    const resolved = value(
      await core.call('recordOutcome', {
        actingMemberId: 'clerk',
        outcome: {
          meetingId,
          itemNumber: '5',
          kind: 'resolved',
          resolution: '  That the panel endorses the   budget messages. ',
          vote: { for: 3, against: 1, abstain: 1, recorded: { for: ['rouse', 'stanley', 'sub'], against: ['laura'], abstain: ['allcott'] } },
        },
      }),
    );
    expect(resolved).toMatchObject({ kind: 'resolved', resolution: 'That the panel endorses the budget messages.', version: 0 });
    expect(value(await core.call('listOutcomes', { meetingId })).map((o) => o.itemNumber)).toEqual(['5', '6']);
    const mismatch = failure(
      await core.call('recordOutcome', {
        actingMemberId: 'clerk',
        outcome: { meetingId, itemNumber: '5', kind: 'agreed', vote: { for: 4, against: 0, abstain: 0, recorded: { for: ['rouse'], against: [], abstain: [] } } },
      }),
    );
    expect(mismatch).toEqual({ code: 'MEETING_RULE_BROKEN', issues: ['recorded_vote_count_mismatch'] });
    // Aled sent apologies: he cannot be named in the vote.
    const absent = failure(
      await core.call('recordOutcome', {
        actingMemberId: 'clerk',
        outcome: { meetingId, itemNumber: '5', kind: 'agreed', vote: { for: 1, against: 0, abstain: 0, recorded: { for: ['aled'], against: [], abstain: [] } } },
      }),
    );
    expect(absent.issues).toEqual(['recorded_vote_member_absent']);
    expect(failure(await core.call('recordOutcome', { actingMemberId: 'clerk', outcome: { meetingId, itemNumber: '5', kind: 'resolved' } })).issues).toEqual(['resolution_required']);
  });

  it('lets a member record no outcome, and keeps every change in the history', async () => {
    expect(failure(await core.call('recordOutcome', { actingMemberId: 'laura', outcome: { meetingId, itemNumber: '5', kind: 'noted' } })).code).toBe('FORBIDDEN');
    value(await core.call('recordOutcome', { actingMemberId: 'rouse', outcome: { meetingId, itemNumber: '5', kind: 'noted' } }));
    now = new Date('2022-01-17T10:40:00Z');
    const changed = value(await core.call('recordOutcome', { actingMemberId: 'clerk', outcome: { meetingId, itemNumber: '5', kind: 'deferred' } }));
    expect(changed.version).toBe(1);
    const history = value(await core.call('getMeetingHistory', { meetingId, entity: 'outcome', entityId: '5' }));
    expect(history.map((h) => [h.actorMemberId, h.op, h.at])).toEqual([
      ['rouse', 'record', '2022-01-17T10:00:00.000Z'],
      ['clerk', 'update', '2022-01-17T10:40:00.000Z'],
    ]);
    expect(history[1]?.before).toMatchObject({ kind: 'noted' });
    expect(history[1]?.after).toMatchObject({ kind: 'deferred' });
  });

  it('collects actions into a tracker across meetings', async () => {
    value(await core.call('saveAction', { actingMemberId: 'clerk', action: { meetingId, itemNumber: '5', text: 'Send the comments to OSPB', owner: 'Jo Weston', dueDate: '2022-01-31' } }));
    const second = value(await core.call('saveAction', { actingMemberId: 'clerk', action: { meetingId, itemNumber: '6', text: 'Circulate the data strategy', owner: 'Rob Officer', dueDate: '2022-01-20' } }));
    expect(failure(await core.call('saveAction', { actingMemberId: 'clerk', action: { meetingId, itemNumber: '42', text: 'x', owner: 'y' } })).issues).toEqual(['unknown_item']);
    expect(failure(await core.call('saveAction', { actingMemberId: 'laura', action: { meetingId, itemNumber: '5', text: 'x', owner: 'y' } })).code).toBe('FORBIDDEN');
    const earlier = (await core.importPackFile(november2019().path)).meetingId;
    value(await core.call('setMeetingRole', { actingMemberId: await publishedChair(core, earlier), meetingId: earlier, memberId: 'clerk', role: 'clerk' }));
    const earlierItem = value(await core.call('getLiveAgenda', { meetingId: earlier })).items.at(-1)?.number ?? '';
    value(await core.call('saveAction', { actingMemberId: 'clerk', action: { meetingId: earlier, itemNumber: earlierItem, text: 'Report back on information sharing', owner: 'Rob Officer' } }));
    let tracker = value(await core.call('listActions', {}));
    expect(tracker.map((a) => [a.text, a.meetingDate])).toEqual([
      ['Circulate the data strategy', '2022-01-17'],
      ['Send the comments to OSPB', '2022-01-17'],
      ['Report back on information sharing', '2019-11-05'],
    ]);
    expect(value(await core.call('listActions', { meetingId: earlier })).map((a) => a.text)).toEqual(['Report back on information sharing']);
    value(await core.call('saveAction', { actingMemberId: 'clerk', id: second.id, action: { meetingId, itemNumber: '6', text: 'Circulate the data strategy', owner: 'Rob Officer', dueDate: '2022-01-20', status: 'done' } }));
    tracker = value(await core.call('listActions', { status: 'open' }));
    expect(tracker.map((a) => a.text)).toEqual(['Send the comments to OSPB', 'Report back on information sharing']);
  });
});

describe('panel comments as Yjs documents', () => {
  const toBase64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
  const fromBase64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

  /** An editor as the renderer has it: a local document synced through the core's operations. */
  async function editor(commentId: string) {
    const doc = new Y.Doc();
    const pull = async () => {
      const { update } = value(await core.call('pullPanelComment', { commentId, stateVector: toBase64(Y.encodeStateVector(doc)) }));
      Y.applyUpdate(doc, fromBase64(update), 'core');
    };
    await pull();
    return { doc, text: doc.getText('text'), pull };
  }

  async function push(memberId: string, commentId: string, doc: Y.Doc, before: Uint8Array) {
    return core.call('pushPanelCommentUpdate', { actingMemberId: memberId, commentId, update: toBase64(Y.encodeStateAsUpdate(doc, before)) });
  }

  it('merges concurrent edits by two members and keeps both', async () => {
    const comment = value(await core.call('createPanelComment', { actingMemberId: 'laura', meetingId, itemNumber: '5', title: 'Budget messages to OSPB', text: 'The panel supports the budget.' }));
    const a = await editor(comment.id);
    const b = await editor(comment.id);
    const aBefore = Y.encodeStateVector(a.doc);
    const bBefore = Y.encodeStateVector(b.doc);
    a.text.insert(0, 'Highways: ');
    b.text.insert(b.text.length, ' Concern about adult social care pressures.');
    value(await push('laura', comment.id, a.doc, aBefore));
    const merged = value(await push('allcott', comment.id, b.doc, bBefore));
    expect(merged.text).toBe('Highways: The panel supports the budget. Concern about adult social care pressures.');
    await a.pull();
    await b.pull();
    expect(a.text.toJSON()).toBe(merged.text);
    expect(b.text.toJSON()).toBe(merged.text);
    const history = value(await core.call('getPanelCommentHistory', { commentId: comment.id }));
    expect(history.map((h) => h.memberId)).toEqual(['laura', 'laura', 'allcott']);
    expect(history[0]?.text).toBe('The panel supports the budget.');
  });

  it('lets the chair agree the final wording, which then freezes', async () => {
    const comment = value(await core.call('createPanelComment', { actingMemberId: 'laura', meetingId, itemNumber: '5', title: 'Budget', text: 'Agreed words.' }));
    expect(failure(await core.call('agreePanelComment', { actingMemberId: 'laura', commentId: comment.id })).code).toBe('FORBIDDEN');
    expect(failure(await core.call('agreePanelComment', { actingMemberId: 'rouse', commentId: comment.id, expectedText: 'Other words.' })).issues).toEqual(['comment_changed']);
    const agreed = value(await core.call('agreePanelComment', { actingMemberId: 'rouse', commentId: comment.id, expectedText: 'Agreed words.' }));
    expect(agreed).toMatchObject({ agreedText: 'Agreed words.', agreedBy: 'rouse' });
    const a = await editor(comment.id);
    const before = Y.encodeStateVector(a.doc);
    a.text.insert(0, 'Late ');
    expect(failure(await push('laura', comment.id, a.doc, before)).issues).toEqual(['comment_agreed']);
    expect(value(await core.call('getMeetingHistory', { meetingId, entity: 'panel-comment', entityId: comment.id })).map((h) => h.op)).toEqual(['create', 'agree']);
  });

  it('refuses officers as editors and bytes that are not Yjs updates', async () => {
    expect(failure(await core.call('createPanelComment', { actingMemberId: 'officer', meetingId, itemNumber: '5', title: 'x' })).code).toBe('FORBIDDEN');
    const comment = value(await core.call('createPanelComment', { actingMemberId: 'laura', meetingId, itemNumber: '5', title: 'Budget' }));
    expect(failure(await core.call('pushPanelCommentUpdate', { actingMemberId: 'laura', commentId: comment.id, update: toBase64(new Uint8Array([1, 2, 3, 4, 5])) })).issues).toEqual(['invalid_update']);
  });

  it('folds many updates into snapshots without losing a character', async () => {
    const comment = value(await core.call('createPanelComment', { actingMemberId: 'laura', meetingId, itemNumber: '5', title: 'Budget' }));
    const a = await editor(comment.id);
    for (let i = 0; i < snapshotEvery * 2 + 3; i += 1) {
      const before = Y.encodeStateVector(a.doc);
      a.text.insert(a.text.length, 'x');
      value(await push('laura', comment.id, a.doc, before));
    }
    const stored = value(await core.call('pullPanelComment', { commentId: comment.id }));
    expect(stored.comment.text).toBe('x'.repeat(snapshotEvery * 2 + 3));
    expect(stored.comment.latestSeq).toBeGreaterThan(snapshotEvery * 2);
  });
});
