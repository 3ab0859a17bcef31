import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { distDir } from '../testing/tempDir';
import { samplePackFile, seedMeeting, seedOverrunItem, seedPanelComment, seedResolution } from './seedMeeting';
import { openTestCore, value } from '../testing/harness';

let core: Core;
beforeEach(() => {
  core = openTestCore();
});
afterEach(() => core.close());

describe('the seed meeting', () => {
  it('records a whole meeting on the 17 January 2022 sample pack', async () => {
    const seeded = await seedMeeting(core, samplePackFile(distDir));
    const { meetingId } = seeded;
    const attendance = value(await core.call('getAttendance', { meetingId }));
    expect(attendance.entries.filter((e) => e.status === 'apologies').map((e) => e.memberId)).toEqual(['mcvey']);
    expect(attendance.entries.find((e) => e.status === 'substitute')).toMatchObject({ memberId: 'miller', substituteFor: 'mcvey' });
    expect(attendance.quorum).toMatchObject({ votingMembership: 9, votingPresent: 9, quorate: true });

    const declarations = value(await core.call('listDeclarations', { meetingId }));
    expect(declarations.find((d) => d.kind === 'dpi')).toMatchObject({ itemNumber: '6', memberId: 'evans', action: 'withdrew' });
    expect(declarations.find((d) => d.preDeclared)).toMatchObject({ confirmedByChair: true, itemNumber: '7' });

    const agenda = value(await core.call('getLiveAgenda', { meetingId }));
    expect(agenda.items.every((i) => i.startedAt !== null && i.endedAt !== null)).toBe(true);
    expect(agenda.items.filter((i) => i.overrun).map((i) => i.number)).toEqual([seedOverrunItem]);

    const outcomes = value(await core.call('listOutcomes', { meetingId }));
    expect(outcomes).toHaveLength(8);
    expect(outcomes.find((o) => o.itemNumber === '5')).toMatchObject({ kind: 'resolved', resolution: seedResolution, vote: { for: 7, against: 1, abstain: 1 } });
    expect(value(await core.call('listActions', { meetingId }))).toHaveLength(3);

    const [comment] = value(await core.call('listPanelComments', { meetingId }));
    expect(comment).toMatchObject({ agreedText: seedPanelComment.first + seedPanelComment.addition, agreedBy: 'rouse' });
    expect(value(await core.call('getPanelCommentHistory', { commentId: comment?.id ?? '' })).map((h) => h.memberId)).toEqual(['gretton', 'allcott']);

    const suggestions = value(await core.call('suggestInterests', { meetingId }));
    expect(suggestions.some((s) => s.memberId === 'gretton' && s.itemNumber === '7')).toBe(true);
  });

  it('loads once: a second run finds the meeting already recorded', async () => {
    const first = await seedMeeting(core, samplePackFile(distDir));
    const second = await seedMeeting(core, samplePackFile(distDir));
    expect(second).toMatchObject({ meetingId: first.meetingId, alreadyLoaded: true });
    expect(value(await core.call('listOutcomes', { meetingId: first.meetingId }))).toHaveLength(8);
  });
});
