/**
 * The page a member left each pack on, kept in this device's web storage (it is a reading
 * position, not council data: it never syncs, and losing it costs only a scroll). Keyed by pack,
 * so each version of a pack reopens where it was left.
 */
type PlaceStore = Pick<Storage, 'getItem' | 'setItem'>;

const key = (packId: string) => `chamber.reader.place.${packId}`;

function store(): PlaceStore | null {
  try {
    return window.localStorage;
  } catch {
    // Storage refused (a locked-down profile): the reader opens on page 1 as before.
    return null;
  }
}

export function readPlace(packId: string, pageCount: number, from: PlaceStore | null = store()): number | null {
  const page = Number(from?.getItem(key(packId)));
  return Number.isInteger(page) && page >= 1 && page <= pageCount ? page : null;
}

export function savePlace(packId: string, page: number, to: PlaceStore | null = store()): void {
  try {
    to?.setItem(key(packId), String(page));
  } catch {
    // A full store only loses the place.
  }
}
