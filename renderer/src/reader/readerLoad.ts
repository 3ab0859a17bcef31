import type { ChamberApi } from '../../../shared/api/binding';
import type { MeetingPack } from '../../../shared/domain/import';
import type { Meeting } from '../../../shared/domain/meeting';
import type { Result } from '../../../shared/result';
import { prefetchPageRaster } from './pageRasters';

export interface ReaderLoad {
  meeting: Meeting;
  pack: MeetingPack | null;
  removedAt: string | null;
  /** Where this member left this pack, when the address names no page. */
  leftAt: number | null;
}

/** What the reader's screen loads before it can show anything: the meeting, its pack and where the member left it. */
export async function loadReader(api: ChamberApi, id: string, version: number | undefined, initialPage: number | null): Promise<Result<ReaderLoad>> {
  const [meeting, pack, removed] = await Promise.all([
    api.getMeeting({ id }),
    api.getMeetingPack(version ? { meetingId: id, version } : { meetingId: id }),
    api.getPapersRemoved({ meetingId: id }),
  ]);
  if (!meeting.ok) return meeting;
  if (!pack.ok) return pack;
  if (!removed.ok) return removed;
  // With no page in the address the reader reopens where this member left this pack.
  const place = pack.value && initialPage === null ? await api.getReadingPlace({ packId: pack.value.packId }) : null;
  const leftAt = place?.ok && place.value.page !== null && pack.value && place.value.page <= pack.value.pageCount ? place.value.page : null;
  return { ok: true as const, value: { meeting: meeting.value, pack: pack.value, removedAt: removed.value.removedAt, leftAt } };
}

/** The reader's address, as ReaderPage reads it. */
export function readerAddress(search: URLSearchParams): { version: number | undefined; initialPage: number | null } {
  const versionParam = Number(search.get('version'));
  const pageParam = Number(search.get('page'));
  return {
    version: Number.isInteger(versionParam) && versionParam > 0 ? versionParam : undefined,
    initialPage: Number.isInteger(pageParam) && pageParam > 0 ? pageParam : null,
  };
}

let early: { key: string; load: Promise<Result<ReaderLoad>> } | null = null;
const keyOf = (id: string, version: number | undefined, initialPage: number | null) => `${id}:${version ?? 'latest'}:${initialPage ?? 'left'}`;

/**
 * When the app opens straight onto a pack, its meeting, pack and the picture of the page it opens
 * on are asked for while the app itself is still starting (settings, translations, first render),
 * instead of only once the reader's screen has mounted.
 */
export function loadReaderEarly(api: ChamberApi, hash: string): void {
  const match = /^#\/meetings\/([^/?]+)\/pack(?:\?(.*))?$/.exec(hash);
  if (!match?.[1]) return;
  const id = decodeURIComponent(match[1]);
  const { version, initialPage } = readerAddress(new URLSearchParams(match[2] ?? ''));
  const load = loadReader(api, id, version, initialPage);
  early = { key: keyOf(id, version, initialPage), load };
  void load.then((loaded) => {
    const pack = loaded.ok ? loaded.value.pack : null;
    if (!pack || !loaded.ok || loaded.value.removedAt) return;
    const opening = initialPage ?? loaded.value.leftAt ?? 1;
    for (const page of new Set([opening, 1])) prefetchPageRaster(api, pack.documentSha256, page);
  });
}

/**
 * The reader's load: the early one for this address, once, else a fresh one. An early load that
 * failed (the app was locked, say) is not shown: it is asked again now the screen is up.
 */
export function takeReaderLoad(api: ChamberApi, id: string, version: number | undefined, initialPage: number | null): Promise<Result<ReaderLoad>> {
  const fresh = () => loadReader(api, id, version, initialPage);
  const taken = early?.key === keyOf(id, version, initialPage) ? early.load : null;
  early = null;
  return taken ? taken.then((loaded) => (loaded.ok ? loaded : fresh())) : fresh();
}
