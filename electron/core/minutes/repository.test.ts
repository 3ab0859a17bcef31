import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result';
import type { RichText } from '../../../shared/minutes/richText';
import type { Core } from '../core';
import { takingTurns } from '../identity/switchingCaller';
import { openDataDatabase } from '../testing/dataDatabase';
import { january2022, november2019 } from '../testing/samplePacks';
import { publishedChair } from '../testing/publishedChair';
import { openTestCore, value } from '../testing/harness';

const code = (result: Result<unknown>): string | null => (result.ok ? null : result.error.code);

let core: Core;
let november: string;
let january: string;
const council = 'Worcestershire County Council';

const narrative: RichText = [
  { type: 'paragraph', runs: [{ text: 'The Panel received a report on ' }, { text: 'information sharing', bold: true }, { text: '.' }] },
  { type: 'list', ordered: false, items: [[{ text: 'Council tax collection system' }], [{ text: 'Office 365', italic: true }]] },
];

beforeEach(async () => {
  core = takingTurns(openTestCore());
  for (const [id, name] of [
    ['clerk', 'Emma James'],
    ['rouse', 'Mike Rouse'],
    ['aled', 'Aled Evans'],
  ] as const) {
    value(await core.call('saveMember', { id, name }));
  }
  november = (await core.importPackFile(november2019().path)).meetingId;
  january = (await core.importPackFile(january2022().path)).meetingId;
  for (const meetingId of [november, january]) {
    const chair = await publishedChair(core, meetingId);
    value(await core.call('setMeetingRole', { actingMemberId: chair, meetingId, memberId: 'clerk', role: 'clerk' }));
    value(await core.call('setMeetingRole', { actingMemberId: 'clerk', meetingId, memberId: 'rouse', role: 'chair' }));
    value(await core.call('setMeetingRole', { actingMemberId: 'clerk', meetingId, memberId: 'aled', role: 'vice-chair' }));
  }
});

afterEach(() => core.close());

describe('minutes through the contract', () => {
  it('numbers minutes on from the committee’s previous meeting', async () => {
    expect(value(await core.call('getMinutes', { meetingId: november }))).toBeNull();
    const first = value(await core.call('startMinutes', { actingMemberId: 'clerk', meetingId: november, councilName: council, previousLastMinute: 1077 }));
    expect(first).toMatchObject({ status: 'draft', previousLastMinute: 1077, councilName: council, approval: null });
    // November 2019 had five agenda items (1078-1082), so January 2022 starts at 1083.
    const next = value(await core.call('startMinutes', { actingMemberId: 'rouse', meetingId: january, councilName: council }));
    expect(next.previousLastMinute).toBe(1082);
    expect(code(await core.call('startMinutes', { actingMemberId: 'clerk', meetingId: january, councilName: council }))).toBe('MINUTES_WORKFLOW');
  });

  it('lets only the chair or the clerk change minutes (not the vice-chair, not a stranger)', async () => {
    expect(code(await core.call('startMinutes', { actingMemberId: 'aled', meetingId: january, councilName: council }))).toBe('FORBIDDEN');
    value(await core.call('startMinutes', { actingMemberId: 'clerk', meetingId: january, councilName: council }));
    expect(code(await core.call('saveMinuteNarrative', { actingMemberId: 'aled', meetingId: january, itemNumber: '6', narrative }))).toBe('FORBIDDEN');
    expect(code(await core.call('circulateMinutes', { actingMemberId: 'nobody', meetingId: january }))).toBe('NOT_FOUND');
    expect(code(await core.call('saveMinuteNarrative', { actingMemberId: 'clerk', meetingId: january, itemNumber: '99', narrative }))).toBe('INVALID_INPUT');
    const bad = await core.call('saveMinuteNarrative', { actingMemberId: 'clerk', meetingId: january, itemNumber: '6', narrative: [{ type: 'html', html: '<script>' }] as unknown as RichText });
    expect(code(bad)).toBe('INVALID_INPUT');
  });

  it('runs draft → circulated → approved at a later meeting’s confirmation item → locked, then only corrections', async () => {
    value(await core.call('startMinutes', { actingMemberId: 'clerk', meetingId: november, councilName: council, previousLastMinute: 1077 }));
    value(await core.call('saveMinuteNarrative', { actingMemberId: 'clerk', meetingId: november, itemNumber: '4', narrative }));
    // Not yet circulated, not at its own meeting, not at an item other than the confirmation of the minutes.
    expect(code(await core.call('approveMinutes', { actingMemberId: 'clerk', meetingId: november, atMeetingId: january, itemNumber: '4' }))).toBe('MINUTES_WORKFLOW');
    expect(value(await core.call('circulateMinutes', { actingMemberId: 'clerk', meetingId: november })).status).toBe('circulated');
    expect(code(await core.call('approveMinutes', { actingMemberId: 'clerk', meetingId: november, atMeetingId: november, itemNumber: '4' }))).toBe('MINUTES_WORKFLOW');
    expect(code(await core.call('approveMinutes', { actingMemberId: 'clerk', meetingId: november, atMeetingId: january, itemNumber: '5' }))).toBe('MINUTES_WORKFLOW');
    expect(code(await core.call('recordMinutesCorrection', { actingMemberId: 'clerk', meetingId: november, text: 'too early' }))).toBe('MINUTES_WORKFLOW');

    const approved = value(await core.call('approveMinutes', { actingMemberId: 'rouse', meetingId: november, atMeetingId: january, itemNumber: '4' }));
    expect(approved.status).toBe('approved');
    expect(approved.approval).toMatchObject({ meetingId: january, itemNumber: '4', meetingDate: '2022-01-17' });
    expect(code(await core.call('saveMinuteNarrative', { actingMemberId: 'clerk', meetingId: november, itemNumber: '4', narrative: [] }))).toBe('MINUTES_LOCKED');
    expect(code(await core.call('returnMinutesToDraft', { actingMemberId: 'clerk', meetingId: november }))).toBe('MINUTES_LOCKED');

    const locked = value(await core.call('lockMinutes', { actingMemberId: 'rouse', meetingId: november }));
    expect(locked.status).toBe('locked');
    expect(locked.lockedAt).not.toBeNull();
    const corrected = value(await core.call('recordMinutesCorrection', { actingMemberId: 'clerk', meetingId: november, itemNumber: '4', text: 'For “Cllr Evens” read “Cllr Evans”.' }));
    expect(corrected.corrections).toMatchObject([{ itemNumber: '4', text: 'For “Cllr Evens” read “Cllr Evans”.', recordedByName: 'Emma James' }]);
    expect(corrected.narratives).toEqual([expect.objectContaining({ itemNumber: '4', narrative })]);

    const history = value(await core.call('getMinutesHistory', { meetingId: november }));
    expect(history.map((h) => h.op)).toEqual(['start', 'narrative', 'circulate', 'approve', 'lock', 'correct']);
    const db = openDataDatabase(core.dataDir);
    try {
      const outbox = db.prepare<[], { operation: string }>("SELECT operation FROM outbox WHERE entity = 'minutes' ORDER BY rowid").all();
      expect(outbox.map((o) => o.operation)).toEqual(['create', 'update', 'update', 'update', 'update', 'update']);
      // The correction travels on its own, once, under the sync id it has on every device.
      const sent = db.prepare<[], { entity_id: string; operation: string; payload: string }>("SELECT entity_id, operation, payload FROM outbox WHERE entity = 'minute_correction'").all();
      const syncId = corrected.corrections[0]?.syncId;
      expect(syncId).toMatch(/^[0-9a-f-]{36}$/);
      expect(sent.map((o) => ({ ...o, payload: JSON.parse(o.payload) as unknown }))).toEqual([
        { entity_id: syncId, operation: 'create', payload: { meetingId: november, itemNumber: '4', text: 'For “Cllr Evens” read “Cllr Evans”.', recordedBy: 'clerk', at: corrected.corrections[0]?.at } },
      ]);
      expect(history.at(-1)?.change).toMatchObject({ syncId });
    } finally {
      db.close();
    }
  });

  it('keeps a failed step from leaving anything behind', async () => {
    value(await core.call('startMinutes', { actingMemberId: 'clerk', meetingId: january, councilName: council }));
    const before = value(await core.call('getMinutesHistory', { meetingId: january })).length;
    expect(code(await core.call('lockMinutes', { actingMemberId: 'clerk', meetingId: january }))).toBe('MINUTES_WORKFLOW');
    expect(value(await core.call('getMinutesHistory', { meetingId: january }))).toHaveLength(before);
    expect(value(await core.call('getMinutes', { meetingId: january }))?.status).toBe('draft');
  });
});
