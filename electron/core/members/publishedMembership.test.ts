import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { takingTurns } from '../identity/switchingCaller';
import { openDataDatabase } from '../testing/dataDatabase';
import { startModernGovSite, type ModernGovTestSite } from '../testing/modernGovSite';
import { january2022, january2022Revised, samplePackDir } from '../testing/samplePacks';
import { publishedMemberId } from './publishedMembership';
import { openTestCore, value } from '../testing/harness';

const opened: Core[] = [];
let site: ModernGovTestSite | null = null;
afterEach(async () => {
  for (const core of opened.splice(0)) core.close();
  await site?.close();
  site = null;
});

function fresh(options: { clock?: () => Date } = {}): Core {
  const core = takingTurns(openTestCore({ ...options }));
  opened.push(core);
  return core;
}

const outboxOf = (core: Core, entity: string) => {
  const db = openDataDatabase(core.dataDir, { readonly: true });
  try {
    return db.prepare<[string], { entity_id: string; payload: string }>('SELECT entity_id, payload FROM outbox WHERE entity = ? ORDER BY rowid').all(entity);
  } finally {
    db.close();
  }
};

describe('the membership the council publishes becomes the meeting’s members and roles', () => {
  it('takes the chair, vice-chair and members from the January pack’s front sheet', async () => {
    const core = fresh();
    const truth = january2022();
    const { meetingId } = await core.importPackFile(truth.path);
    const roles = await value(core.call('listMeetingRoles', { meetingId }));
    const expected = (truth.meeting?.members ?? []).map((m) => ({ memberName: m.name, role: m.role })).sort((a, b) => a.memberName.localeCompare(b.memberName));
    expect(expected.length).toBeGreaterThan(3);
    expect(roles.map((r) => ({ memberName: r.memberName, role: r.role })).sort((a, b) => a.memberName.localeCompare(b.memberName))).toEqual(expected);
    expect(roles.filter((r) => r.role === 'chair')).toHaveLength(1);
    // The same name gives the same id on every device, so each device derives the same roles itself:
    // one whose acting member does not preside (here nobody has been chosen) sends none of them,
    // since the endpoint takes roles only from the chair or clerk.
    for (const r of roles) expect(r.memberId).toBe(publishedMemberId(r.memberName));
    expect(outboxOf(core, 'member')).toHaveLength(roles.length);
    expect(outboxOf(core, 'meeting_role')).toHaveLength(0);
    // Now the meeting can be run: the quorum is counted against the published membership.
    const attendance = await value(core.call('getAttendance', { meetingId }));
    expect(attendance.quorum.votingMembership).toBe(roles.length);
  });

  it('queues the roles for sync, once, when the device is in the hands of the chair the pack names', async () => {
    const core = fresh();
    const truth = january2022();
    const chair = truth.meeting?.members.find((m) => m.role === 'chair');
    if (!chair) throw new Error('the January pack names no chair');
    await value(core.call('chooseMember', { memberId: publishedMemberId(chair.name), via: 'cli' }));
    const { meetingId } = await core.importPackFile(truth.path);
    const roles = await value(core.call('listMeetingRoles', { meetingId }));
    const queued = outboxOf(core, 'meeting_role').map((r) => JSON.parse(r.payload) as unknown);
    expect(queued).toEqual(expect.arrayContaining(roles.map((r) => ({ meetingId, memberId: r.memberId, role: r.role }))));
    expect(queued).toHaveLength(roles.length);
    // A republished pack adds no role this device has not already sent.
    await core.importPackFile(january2022Revised().path);
    expect(outboxOf(core, 'meeting_role')).toHaveLength(roles.length);
  });

  it('keeps a role the chair corrected when the pack is republished, and knows a name already on file', async () => {
    const core = fresh();
    const { meetingId } = await core.importPackFile(january2022().path);
    const roles = await value(core.call('listMeetingRoles', { meetingId }));
    const chair = roles.find((r) => r.role === 'chair');
    const member = roles.find((r) => r.role === 'member');
    if (!chair || !member) throw new Error('no chair or member');
    await value(core.call('setMeetingRole', { actingMemberId: chair.memberId, meetingId, memberId: member.memberId, role: 'substitute' }));
    const revised = await core.importPackFile(january2022Revised().path);
    expect(revised.meetingId).toBe(meetingId);
    const after = await value(core.call('listMeetingRoles', { meetingId }));
    expect(after.find((r) => r.memberId === member.memberId)?.role).toBe('substitute');
    expect(after).toHaveLength(roles.length);
    expect((await value(core.call('listMembers', {}))).length).toBe(roles.length);
  });

  it('takes a Modern.gov meeting’s attendees and their roles', async () => {
    const today = '2026-11-23';
    site = await startModernGovSite({ samplePackDir, today });
    const core = fresh({ clock: () => new Date(`${today}T09:00:00Z`) });
    const added = await value(core.call('addModernGovSite', { url: `${site.url}/mgWebService.asmx` }));
    await value(core.call('updateModernGovSite', { siteId: added.id, chosenCommitteeIds: [101] }));
    const { refreshId } = await value(core.call('startModernGovRefresh', { siteId: added.id }));
    for (;;) {
      const state = await value(core.call('getModernGovRefresh', { refreshId }));
      if (state.state === 'failed') throw new Error(state.error?.message);
      if (state.state === 'succeeded') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const meetings = await value(core.call('listMeetings', {}));
    const withPack = [];
    for (const m of meetings) if (await value(core.call('getMeetingPack', { meetingId: m.id }))) withPack.push(m);
    expect(withPack.length).toBeGreaterThan(0);
    for (const m of withPack) {
      const roles = await value(core.call('listMeetingRoles', { meetingId: m.id }));
      expect(roles.map((r) => [r.memberName, r.role]).sort()).toEqual([
        ['Alastair Adams', 'vice-chair'],
        ['Lynn Denham', 'member'],
        ['Tom Wells', 'chair'],
      ]);
    }
  });
});
