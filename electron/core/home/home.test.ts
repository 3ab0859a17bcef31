import { describe, expect, it } from 'vitest';
import type { Home } from '../../../shared/api/contracts/home';
import { january2022, january2022Revised, november2019 } from '../testing/samplePacks';
import { londonDate } from './homeRepository';
import { openTestCore } from '../testing/harness';

describe('home', () => {
  it('lists meetings from today (London) with new papers counted since this device last opened each', async () => {
    let now = new Date('2022-01-10T09:00:00Z');
    const core = openTestCore({ clock: () => now });
    try {
      const home = async (): Promise<Home> => {
        const result = await core.call('getHome', {});
        if (!result.ok) throw new Error(result.error.message);
        return result.value;
      };
      const first = await core.importPackFile(january2022().path);
      await core.importPackFile(november2019().path); // in the past: not upcoming

      let upcoming = (await home()).upcoming;
      expect(upcoming.map((m) => m.id)).toEqual([first.meetingId]);
      expect(upcoming[0]).toMatchObject({ hasPack: true, lastViewedAt: null, newPackVersions: 1 });

      now = new Date('2022-01-11T09:00:00Z');
      expect(await core.call('markMeetingViewed', { meetingId: first.meetingId })).toEqual({ ok: true, value: { viewedAt: '2022-01-11T09:00:00.000Z' } });
      expect((await home()).upcoming[0]).toMatchObject({ lastViewedAt: '2022-01-11T09:00:00.000Z', newPackVersions: 0, changedItems: 0 });

      // The pack is republished the next day: one new version since the member looked.
      now = new Date('2022-01-12T09:00:00Z');
      await core.importPackFile(january2022Revised().path);
      upcoming = (await home()).upcoming;
      expect(upcoming[0]).toMatchObject({ newPackVersions: 1 });

      // The day after the meeting it is no longer coming up.
      now = new Date('2022-01-18T09:00:00Z');
      expect((await home()).upcoming).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('takes today from the London wall clock, not UTC', () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(londonDate(new Date('2022-06-30T23:30:00Z'))).toBe('2022-07-01');
    expect(londonDate(new Date('2022-12-31T23:30:00Z'))).toBe('2022-12-31');
  });
});
