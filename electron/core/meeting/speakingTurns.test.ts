import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result';
import type { Core } from '../core';
import { takingTurns } from '../identity/switchingCaller';
import { publishedChair } from '../testing/publishedChair';
import { january2022 } from '../testing/samplePacks';
import { openTestCore, value } from '../testing/harness';

const failure = <T>(result: Result<T>) => {
  if (result.ok) throw new Error('expected a refusal');
  return { code: result.error.code, issues: (result.error.issues ?? []).map((i) => i.code) };
};

let core: Core;
let meetingId: string;
let chair: string;
let item: string;

beforeEach(async () => {
  core = takingTurns(openTestCore({ clock: () => new Date('2022-01-17T10:00:00Z') }));
  meetingId = (await core.importPackFile(january2022().path)).meetingId;
  chair = await publishedChair(core, meetingId);
  item = value(await core.call('getLiveAgenda', { meetingId })).items.at(-1)?.number ?? '';
});

afterEach(() => core.close());

const turn = (more: object = {}) => ({ meetingId, itemNumber: item, speaker: 'Jo Public', startedAt: '2022-01-17T10:05:00.000Z', endedAt: '2022-01-17T10:08:20.000Z', limitSeconds: 180, ...more });

describe('timed turns at speaking', () => {
  it('keeps each turn with its length against the limit, and the minutes list the speakers on their item', async () => {
    const kept = value(await core.call('recordSpeakingTurn', { actingMemberId: chair, turn: turn() }));
    expect(kept).toMatchObject({ speaker: 'Jo Public', memberId: null, seconds: 200, overSeconds: 20, limitSeconds: 180 });
    value(await core.call('recordSpeakingTurn', { actingMemberId: chair, turn: turn({ speaker: 'Mike Rouse', memberId: chair, startedAt: '2022-01-17T10:09:00.000Z', endedAt: '2022-01-17T10:10:30.000Z', limitSeconds: undefined }) }));
    expect(value(await core.call('listSpeakingTurns', { meetingId })).map((t) => [t.speaker, t.seconds, t.overSeconds])).toEqual([
      ['Jo Public', 200, 20],
      ['Mike Rouse', 90, 0],
    ]);

    const doc = value(await core.call('assembleMinutes', { meetingId }));
    expect(doc.items.find((i) => i.itemNumber === item)?.speakers).toEqual([
      { name: 'Jo Public', seconds: 200, limitSeconds: 180, overSeconds: 20 },
      { name: 'Mike Rouse', seconds: 90, overSeconds: 0 },
    ]);
    expect(doc.items.filter((i) => i.speakers !== undefined)).toHaveLength(1);
    const html = Buffer.from(value(await core.call('exportMinutes', { meetingId, format: 'html', language: 'en-GB' })).data, 'base64').toString('utf8');
    expect(html).toContain('3 min 20 s (over the limit by 0 min 20 s)');
    const welsh = Buffer.from(value(await core.call('exportMinutes', { meetingId, format: 'html', language: 'cy' })).data, 'base64').toString('utf8');
    expect(welsh).toContain('1 munud 30 eiliad');
  });

  it('refuses a turn from someone not running the meeting, a speaker id with no role here, and one ending before it starts', async () => {
    const roles = value(await core.call('listMeetingRoles', { meetingId }));
    const member = roles.find((r) => r.role === 'member')?.memberId ?? '';
    expect(failure(await core.call('recordSpeakingTurn', { actingMemberId: member, turn: turn() })).code).toBe('FORBIDDEN');
    value(await core.call('saveMember', { id: 'stranger', name: 'A Stranger' }));
    expect(failure(await core.call('recordSpeakingTurn', { actingMemberId: chair, turn: turn({ memberId: 'stranger', speaker: 'A Stranger' }) }))).toEqual({ code: 'MEETING_RULE_BROKEN', issues: ['no_role_at_meeting'] });
    expect(failure(await core.call('recordSpeakingTurn', { actingMemberId: chair, turn: turn({ endedAt: '2022-01-17T10:04:00.000Z' }) })).code).toBe('INVALID_INPUT');
    expect(value(await core.call('listSpeakingTurns', { meetingId }))).toEqual([]);
  });
});
