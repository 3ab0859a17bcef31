import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../testing/faultProxy';
import { syncFixture, type SyncFixture } from '../testing/syncClients';
import { endpointTopologies } from '../../../endpoint/testing/testEndpoint';

const member = { name: 'Cllr Bethan Jones', email: 'bethan@council.example', role: 'councillor' as const, password: 'bethan password 1', committees: ['Planning Panel'] };
// Small batches and pages so one sync crosses many requests, and quick retries.
const syncTuning = { batchSize: 7, pageSize: 9, retryBaseMs: 10, retryMaxMs: 50, maxAttempts: 60, requestTimeoutMs: 10_000 };
const cycle: Fault[] = ['pass', 'drop-after', 'pass', 'duplicate', 'cut-body', 'pass', 'delay', 'drop-before', 'duplicate', 'drop-after'];

describe.each(endpointTopologies)('sync through a connection that drops, cuts, replays and delays ($name)', ({ options }) => {
  let fixture: SyncFixture;
  beforeAll(async () => {
    fixture = await syncFixture(member, options);
  }, 120_000);
  afterAll(() => fixture?.close());

  it('loses nothing and applies nothing twice', async () => {
    const { endpoint, proxy, user, meetingId } = fixture;
    const devices = [await fixture.device({ syncTuning }), await fixture.device({ syncTuning })];
    // Everything from here on, the pack download included, crosses the faulty link.
    proxy.setFaults((index, _method, path) => (path.startsWith('/v1/sync/') || path.startsWith('/v1/documents/') ? (cycle[index % cycle.length] ?? 'pass') : 'pass'));
    for (const device of devices) {
      await device.call('syncNow', {});
      expect(await device.call('getMeetingPack', { meetingId })).not.toBeNull();
    }

    // Offline work on both: creates, edits and deletes, expected server version per record.
    const expected = new Map<string, { version: number; body: string | null; deleted: boolean }>();
    for (const [d, device] of devices.entries()) {
      for (let i = 0; i < 25; i += 1) {
        const body = `device ${d} note ${i}`;
        const created = await device.call('createAnnotation', {
          actingMemberId: user.id,
          annotation: { meetingId, kind: 'note', colour: '#ffcc00', pageIndex: i % 3, rects: [{ x: i, y: i, width: 10, height: 10 }], body },
        });
        expected.set(created.id, { version: 1, body, deleted: false });
        if (i % 3 === 0) {
          await device.call('updateAnnotation', { actingMemberId: user.id, id: created.id, change: { body: `${body} (edited)` } });
          expected.set(created.id, { version: 2, body: `${body} (edited)`, deleted: false });
        }
        if (i % 8 === 7) {
          await device.call('deleteAnnotation', { actingMemberId: user.id, id: created.id });
          const before = expected.get(created.id);
          expected.set(created.id, { version: (before?.version ?? 1) + 1, body: before?.body ?? body, deleted: true });
        }
      }
    }

    let quiet = false;
    for (let round = 0; round < 20 && !quiet; round += 1) {
      for (const device of devices) await device.call('syncNow', {});
      const statuses = await Promise.all(devices.map((d) => d.call('getSyncStatus', {})));
      quiet = statuses.every((s) => s.pending === 0) && round > 0;
    }
    expect(quiet).toBe(true);
    // The faults really happened, on pushes and on pulls.
    for (const path of ['/v1/sync/push', '/v1/sync/pull']) {
      for (const fault of ['drop-after', 'duplicate', 'cut-body', 'drop-before'] as const) {
        expect(proxy.log.some((r) => r.path === path && r.fault === fault), `${fault} on ${path}`).toBe(true);
      }
    }

    const onServer = (await endpoint.records(member.email, member.password)).filter((r) => r.entity === 'annotation');
    expect(onServer).toHaveLength(expected.size);
    for (const record of onServer) {
      const want = expected.get(record.id);
      // A replayed mutation would have bumped the version; a lost one would leave it short.
      expect({ id: record.id, version: record.version, deleted: record.deleted }).toEqual({ id: record.id, version: want?.version, deleted: want?.deleted });
      if (!record.deleted) expect((record.data as { body: string }).body).toBe(want?.body);
    }
    const live = [...expected.entries()].filter(([, v]) => !v.deleted).map(([id]) => id).sort();
    for (const device of devices) {
      const annotations = await device.call('listAnnotations', { actingMemberId: user.id, meetingId });
      expect(annotations.map((a) => a.id).sort()).toEqual(live);
      for (const a of annotations) expect(a.body).toBe(expected.get(a.id)?.body);
      expect(await device.call('listSyncConflicts', {})).toEqual([]);
    }
  }, 300_000);
});
