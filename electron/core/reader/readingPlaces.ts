import type { readerOperations } from '../../../shared/api/contracts/reader';
import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';
import type { ActingMember } from '../identity/identity';
import type { DocumentStore } from '../packs/documentStore';
import type { PageRasters } from '../packs/pageRasters';
import type { RestrictedGate } from '../security/restrictedGate';

/** device_settings keys of reading places start with this, so a wipe can forget them all. */
export const readingPlacePrefix = 'reading_place:';

const placeKey = (memberId: string, packId: string) => `${readingPlacePrefix}${memberId}:${packId}`;

export type ReaderHandlers = Pick<Handlers, keyof typeof readerOperations>;

/**
 * Reading places live in device_settings (encrypted with the rest of the database, never in the
 * outbox). Keyed by member as well as pack: two councillors sharing a device each reopen where they
 * left off, and neither learns where the other read.
 */
export function readerHandlers(db: Db, acting: ActingMember, pictures?: { store: DocumentStore; rasters: PageRasters; gate: RestrictedGate }): ReaderHandlers {
  const select = db.prepare<[string], { value: string }>('SELECT value FROM device_settings WHERE key = ?');
  const upsert = db.prepare('INSERT INTO device_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    getReadingPlace: ({ packId }) => {
      const page = Number(select.get(placeKey(acting.id(), packId))?.value);
      // The reader checks the page against the pack it has open; here only that it is a page at all.
      return { page: Number.isInteger(page) && page >= 1 ? page : null };
    },
    saveReadingPlace: ({ packId, page }) => {
      upsert.run(placeKey(acting.id(), packId), String(page));
      pictures?.rasters.placeLeft(packId, page);
      return {};
    },
    readPageRaster: ({ sha256, page }) => {
      // A picture of a page shows the paper as its bytes do: the same gate as readDocument.
      pictures?.gate.requirePaper(sha256);
      const stored = pictures?.store.readRaster(sha256, page) ?? null;
      return stored && { ...stored.meta, data: stored.image.toString('base64') };
    },
  };
}
