import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncFixture, type SyncFixture } from '../testing/syncClients';
import { endpointTopologies } from '../../../endpoint/testing/testEndpoint';

const member = { name: 'Cllr Carys Evans', email: 'carys@council.example', role: 'councillor' as const, password: 'carys password 1', committees: ['Planning Panel'] };
const syncTuning = { batchSize: 5, pageSize: 6, retryBaseMs: 50, retryMaxMs: 300, maxAttempts: 200, requestTimeoutMs: 10_000 };

describe.each(endpointTopologies)('the endpoint process is killed and restarted in the middle of a sync ($name)', ({ options }) => {
  let fixture: SyncFixture;
  beforeAll(async () => {
    fixture = await syncFixture(member, { ...options, separateProcess: true });
  }, 180_000);
  afterAll(() => fixture?.close(), 60_000);

  it('finishes once the endpoint is back, with nothing lost or applied twice', async () => {
    const { endpoint, proxy, user, meetingId } = fixture;
    const [writer, reader] = [await fixture.device({ syncTuning }), await fixture.device({ syncTuning })];
    for (const device of [writer, reader]) await device.call('syncNow', {});
    const bodies = new Map<string, string>();
    for (let i = 0; i < 30; i += 1) {
      const body = `note ${i}`;
      const created = await writer.call('createAnnotation', {
        actingMemberId: user.id,
        annotation: { meetingId, kind: 'note', colour: '#ffcc00', pageIndex: 0, rects: [{ x: i, y: i, width: 4, height: 4 }], body },
      });
      bodies.set(created.id, body);
    }

    // Kill the server a moment after the third push and the second pull reach it, then bring it back.
    let pushes = 0;
    let pulls = 0;
    const restarts: Promise<void>[] = [];
    // One kill after another: a pull now follows even a failed push at once, so the second kill can
    // come while the first restart is still under way.
    const killSoon = (): void => {
      restarts.push(
        Promise.all(restarts).then(() => new Promise<void>((resolve) => setTimeout(resolve, 5))).then(async () => {
          await endpoint.stop();
          await new Promise((resolve) => setTimeout(resolve, 300));
          await endpoint.restart();
        }),
      );
    };
    proxy.setFaults((_index, _method, path) => {
      if (path === '/v1/sync/push' && ++pushes === 3) killSoon();
      if (path === '/v1/sync/pull' && ++pulls === 2) killSoon();
      return 'pass';
    });
    await writer.call('syncNow', {});
    await Promise.all(restarts);
    await reader.call('syncNow', {});
    await Promise.all(restarts);
    for (const device of [writer, reader]) await device.call('syncNow', {});
    expect(restarts.length).toBe(2);

    const onServer = (await endpoint.records(member.email, member.password)).filter((r) => r.entity === 'annotation');
    expect(onServer.map((r) => ({ id: r.id, version: r.version, body: (r.data as { body: string }).body })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...bodies.entries()].map(([id, body]) => ({ id, version: 1, body })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    const received = await reader.call('listAnnotations', { actingMemberId: user.id, meetingId });
    expect(received.map((a) => a.id).sort()).toEqual([...bodies.keys()].sort());
    expect((await writer.call('getSyncStatus', {})).pending).toBe(0);
  }, 300_000);
});
