import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result';
import type { Core } from '../core';
import { takingTurns } from '../identity/switchingCaller';
import { openDataDatabase } from '../testing/dataDatabase';
import { publishedChair } from '../testing/publishedChair';
import { january2022 } from '../testing/samplePacks';
import { openTestCore, value } from '../testing/harness';

const refusal = <T>(result: Result<T>) => {
  if (result.ok) throw new Error('expected a refusal');
  return { code: result.error.code, issues: (result.error.issues ?? []).map((i) => [i.code, i.path.join('.')]) };
};

let core: Core;
let meetingId: string;
let chair: string;
let ids: Map<string, string>;
let now = new Date('2022-01-17T10:00:00Z');

/** Everything the rules might wrongly write: a refusal must leave all of it as it was. */
const snapshot = () => {
  const db = openDataDatabase(core.dataDir, { readonly: true });
  try {
    return ['outbox', 'outcomes', 'agenda_progress', 'meeting_live', 'meeting_history'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all());
  } finally {
    db.close();
  }
};

beforeEach(async () => {
  now = new Date('2022-01-17T10:00:00Z');
  core = takingTurns(openTestCore({ clock: () => now }));
  meetingId = (await core.importPackFile(january2022().path)).meetingId;
  chair = await publishedChair(core, meetingId);
  ids = new Map(value(await core.call('listMeetingRoles', { meetingId })).map((r) => [r.memberName, r.memberId]));
  for (const [, memberId] of ids) value(await core.call('recordAttendance', { actingMemberId: chair, attendance: { meetingId, memberId, status: 'present' } }));
});
afterEach(() => core.close());

const id = (name: string) => ids.get(name) ?? name;

describe('a vote on an item counts only members entitled to vote on it', () => {
  it('refuses to record the member who declared a DPI and withdrew, and writes nothing', async () => {
    const evans = id('Aled Evans');
    value(
      await core.call('recordDeclaration', {
        actingMemberId: chair,
        declaration: { memberId: evans, meetingId, itemNumber: '6', kind: 'dpi', nature: 'Director of Severn Data Analytics Ltd, bidding for the data contract', declaredAt: { when: 'declarations-item' }, scope: { whole: true }, preDeclared: false, confirmedByChair: true },
      }),
    );
    const entitlement = value(await core.call('getItemEntitlement', { meetingId, itemNumber: '6' }));
    expect(entitlement.members.find((m) => m.memberId === evans)).toMatchObject({ mayVote: false, mayTakePart: false, reason: 'withdrew' });
    expect(entitlement.quorum).toMatchObject({ votingMembership: 9, votingPresent: 8, quorate: true });
    // On item 5 the same member votes.
    expect(value(await core.call('getItemEntitlement', { meetingId, itemNumber: '5' })).members.find((m) => m.memberId === evans)?.mayVote).toBe(true);

    const before = snapshot();
    const voted = await core.call('recordOutcome', {
      actingMemberId: chair,
      outcome: { meetingId, itemNumber: '6', kind: 'agreed', vote: { for: 2, against: 0, abstain: 0, recorded: { for: [chair, evans], against: [], abstain: [] } } },
    });
    expect(refusal(voted)).toEqual({ code: 'MEETING_RULE_BROKEN', issues: [['recorded_vote_member_withdrew', 'vote.recorded.for.1']] });
    const tooMany = await core.call('recordOutcome', { actingMemberId: chair, outcome: { meetingId, itemNumber: '6', kind: 'agreed', vote: { for: 9, against: 0, abstain: 0 } } });
    expect(refusal(tooMany).issues).toEqual([['vote_exceeds_entitled', 'vote']]);
    expect(snapshot()).toEqual(before);
    value(await core.call('recordOutcome', { actingMemberId: chair, outcome: { meetingId, itemNumber: '6', kind: 'agreed', vote: { for: 8, against: 0, abstain: 0 } } }));
  });

  it('refuses a member who left before the item, and counts the quorum without them', async () => {
    const gretton = id('Laura Gretton');
    value(await core.call('recordAttendance', { actingMemberId: chair, attendance: { meetingId, memberId: gretton, status: 'present', departedAtItem: '5' } }));
    const before = snapshot();
    const voted = await core.call('recordOutcome', { actingMemberId: chair, outcome: { meetingId, itemNumber: '7', kind: 'agreed', vote: { for: 1, against: 0, abstain: 0, recorded: { for: [gretton], against: [], abstain: [] } } } });
    expect(refusal(voted).issues).toEqual([['recorded_vote_member_left', 'vote.recorded.for.0']]);
    expect(snapshot()).toEqual(before);
    expect(value(await core.call('getItemEntitlement', { meetingId, itemNumber: '7' })).quorum.votingPresent).toBe(8);
  });
});

describe('restarting an item that has times', () => {
  const at = (clock: string) => `2022-01-17T${clock}:00.000Z`;

  it('asks resume or correct, never overwrites silently, and the minutes end at the last item’s end', async () => {
    value(await core.call('startAgendaItem', { actingMemberId: chair, meetingId, itemNumber: '5', at: at('10:06') }));
    value(await core.call('endAgendaItem', { actingMemberId: chair, meetingId, itemNumber: '5', at: at('11:02') }));
    value(await core.call('startAgendaItem', { actingMemberId: chair, meetingId, itemNumber: '6', at: at('11:02') }));
    value(await core.call('endAgendaItem', { actingMemberId: chair, meetingId, itemNumber: '6', at: at('11:35') }));

    const before = snapshot();
    expect(refusal(await core.call('startAgendaItem', { actingMemberId: chair, meetingId, itemNumber: '5', at: at('11:40') }))).toEqual({ code: 'MEETING_RULE_BROKEN', issues: [['item_has_times', 'mode']] });
    expect(snapshot()).toEqual(before);

    // Resume: item 5 carries on from its first start; its new end is the meeting's last.
    const resumed = value(await core.call('startAgendaItem', { actingMemberId: chair, meetingId, itemNumber: '5', at: at('11:40'), mode: 'resume' }));
    expect(resumed.items.find((i) => i.number === '5')).toMatchObject({ startedAt: at('10:06'), endedAt: null, current: true });
    expect(refusal(await core.call('startAgendaItem', { actingMemberId: chair, meetingId, itemNumber: '5', mode: 'resume' })).issues).toEqual([['item_already_running', 'mode']]);
    value(await core.call('endAgendaItem', { actingMemberId: chair, meetingId, itemNumber: '5', at: at('11:50') }));
    expect(value(await core.call('assembleMinutes', { meetingId })).endTime).toBe('11:50');

    // Correct: the start was wrong and is replaced.
    const corrected = value(await core.call('startAgendaItem', { actingMemberId: chair, meetingId, itemNumber: '6', at: at('11:05'), mode: 'correct' }));
    expect(corrected.items.find((i) => i.number === '6')).toMatchObject({ startedAt: at('11:05'), endedAt: null });
  });
});
