import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataDatabase } from '../testing/dataDatabase';
import { openClient, syncFixture, type SyncFixture } from '../testing/syncClients';

const member = { name: 'Cllr Gwen Price', email: 'gwen@council.example', role: 'councillor' as const, password: 'gwen password 1', committees: ['Planning Panel'] };
const syncTuning = { retryBaseMs: 10, retryMaxMs: 20, maxAttempts: 2, requestTimeoutMs: 10_000 };

function held(dataDir: string): { parts: number; received: number; size: number } {
  const db = openDataDatabase(dataDir);
  try {
    const parts = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sync_download_parts').get()?.n ?? 0;
    const doc = db.prepare<[], { received: number; size: number }>("SELECT received, size FROM sync_documents WHERE kind = 'pack'").get();
    return { parts, received: doc?.received ?? 0, size: doc?.size ?? 0 };
  } finally {
    db.close();
  }
}

describe('a pack download cut off and the app closed', () => {
  let fixture: SyncFixture;
  beforeAll(async () => {
    fixture = await syncFixture(member);
  }, 120_000);
  afterAll(() => fixture?.close());

  it('resumes after a restart from the bytes already held, and imports the whole pack', async () => {
    const { proxy, meetingId } = fixture;
    const device = await fixture.device({ syncTuning });
    // Every download is cut half way: the sync gives up, holding what arrived.
    proxy.setFaults((_index, _method, path) => (path.startsWith('/v1/documents/') ? 'cut-body' : 'pass'));
    expect((await device.core.call('syncNow', {})).ok).toBe(false);
    expect(await device.call('getMeetingPack', { meetingId })).toBeNull();
    device.core.close();
    const before = held(device.dataDir);
    expect(before.parts).toBeGreaterThan(0);
    expect(before.received).toBeGreaterThan(before.size / 2);
    expect(before.received).toBeLessThan(before.size);

    // The app starts again on a good connection: the download carries on from there.
    proxy.setFaults(() => 'pass');
    const requestsBefore = proxy.log.length;
    const restarted = openClient(device.dataDir, { syncTuning });
    fixture.clients.push(restarted);
    await restarted.call('syncNow', {});
    const resumed = proxy.log.slice(requestsBefore).filter((r) => r.path.startsWith('/v1/documents/'));
    expect(resumed.map((r) => r.range)).toEqual([`bytes=${before.received}-`]);
    expect((await restarted.call('getMeetingPack', { meetingId }))?.pageCount).toBeGreaterThan(0);
    // Nothing left behind once the pack is stored.
    expect(held(restarted.dataDir)).toMatchObject({ parts: 0, received: 0 });
  }, 180_000);
});
