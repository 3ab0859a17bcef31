import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { savedNotesDir } from '../backup/backup';
import { openCore } from '../core';
import { openDataDatabase } from '../testing/dataDatabase';
import { january2022 } from '../testing/samplePacks';
import { wipeLocalData } from '../sync/wipe';
import { distDir, makeTempDir } from '../testing/tempDir';

describe('reading places', () => {
  it('keeps the page each member left each pack on in the encrypted database, and forgets it on a wipe', async () => {
    const dataDir = makeTempDir();
    const core = openCore({ dataDir, distDir });
    try {
      const call = async <T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> => {
        const result = await answer;
        if (!result.ok) throw new Error(result.error.message);
        return result.value;
      };
      const imported = await core.importPackFile(january2022().path);
      const packId = imported.packId;
      const roles = await call(core.call('listMeetingRoles', { meetingId: imported.meetingId }));
      const [first, second] = roles.map((r) => r.memberId);
      if (!first || !second) throw new Error('the sample pack lists fewer than two members');

      await call(core.call('chooseMember', { memberId: first }));
      const pending = (await call(core.call('getSyncStatus', {}))).pending;
      expect(await call(core.call('getReadingPlace', { packId }))).toEqual({ page: null });
      await call(core.call('saveReadingPlace', { packId, page: 21 }));
      expect(await call(core.call('getReadingPlace', { packId }))).toEqual({ page: 21 });

      // Another councillor on the same device starts at the beginning and keeps a place of their own.
      await call(core.call('chooseMember', { memberId: second }));
      expect(await call(core.call('getReadingPlace', { packId }))).toEqual({ page: null });
      await call(core.call('saveReadingPlace', { packId, page: 4 }));
      await call(core.call('chooseMember', { memberId: first }));
      expect(await call(core.call('getReadingPlace', { packId }))).toEqual({ page: 21 });

      // A reading position is not council data: nothing waits to be sent.
      expect((await call(core.call('getSyncStatus', {}))).pending).toBe(pending);
      expect(await core.call('saveReadingPlace', { packId, page: 0 })).toMatchObject({ ok: false });
      expect(await core.call('saveReadingPlace', { packId: 'not-a-pack', page: 3 })).toMatchObject({ ok: false });
    } finally {
      core.close();
    }

    // Kept as device settings of the encrypted database, and gone with everything else on a wipe.
    const db = openDataDatabase(dataDir);
    try {
      const places = () => db.prepare<[], { value: string }>("SELECT value FROM device_settings WHERE key LIKE 'reading_place:%' ORDER BY value").all();
      expect(places().map((p) => p.value)).toEqual(['21', '4']);
      await wipeLocalData(db, { dataDir, documentsDir: path.join(dataDir, 'documents'), notesDir: path.join(dataDir, savedNotesDir), keyring: () => Promise.resolve(undefined) });
      expect(places()).toEqual([]);
    } finally {
      db.close();
    }
  });
});
