import { useEffect, useState } from 'react';
import type { ChamberApi } from '../../../shared/api/binding';
import { base64ToBytes } from '../api/base64';
import { launchToken } from '../api/chamberApi';
import type { Size } from './layout';

/** A page's picture made at import: an object URL for an <img>, and the page's size in points. */
export interface PageRaster {
  url: string;
  base: Size;
}

/**
 * Fetches one page's stored picture: as an image from the browser host's guarded route (no base64
 * in JSON), else through the contract. Null when none was made or it is refused (the gate closed
 * on a Part II paper): the reader then opens as it would without one.
 */
async function fetchPageRaster(api: ChamberApi, sha256: string, page: number, signal: AbortSignal): Promise<PageRaster | null> {
  const token = launchToken();
  if (token) {
    const response = await fetch(`/api/documents/${sha256}/pages/${page}/raster`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store', signal });
    if (!response.ok) return null;
    const base = { width: Number(response.headers.get('x-page-width')), height: Number(response.headers.get('x-page-height')) };
    if (!(base.width > 0 && base.height > 0)) return null;
    return decoded({ url: URL.createObjectURL(await response.blob()), base });
  }
  const answer = await api.readPageRaster({ sha256, page });
  if (!answer.ok || !answer.value || signal.aborted) return null;
  const { data, mime, pageWidth, pageHeight } = answer.value;
  return decoded({ url: URL.createObjectURL(new Blob([new Uint8Array(base64ToBytes(data))], { type: mime })), base: { width: pageWidth, height: pageHeight } });
}

/** Decoded before the page shows it, so the <img> paints in the frame it is put in. */
async function decoded(raster: PageRaster): Promise<PageRaster> {
  const image = new Image();
  image.src = raster.url;
  await image.decode().catch(() => undefined);
  return raster;
}

const early = new Map<string, Promise<PageRaster | null>>();

/** Starts fetching a page's picture before the reader mounts (readerLoad.ts); the reader takes it once. */
export function prefetchPageRaster(api: ChamberApi, sha256: string, page: number): void {
  const key = `${sha256}:${page}`;
  if (!early.has(key)) early.set(key, fetchPageRaster(api, sha256, page, new AbortController().signal).catch(() => null));
}

function takeEarly(sha256: string, page: number): Promise<PageRaster | null> | undefined {
  const key = `${sha256}:${page}`;
  const taken = early.get(key);
  early.delete(key);
  return taken;
}

/**
 * The stored pictures of the pages the reader opens on (the page asked for, and page 1), fetched
 * the moment the pack is known; each is freed when the reader closes.
 */
export function usePageRasters(api: ChamberApi, sha256: string, pages: readonly number[]): ReadonlyMap<number, PageRaster> {
  const [rasters, setRasters] = useState<ReadonlyMap<number, PageRaster>>(new Map());
  const wanted = [...new Set(pages)].join(',');
  useEffect(() => {
    const abort = new AbortController();
    const made: string[] = [];
    for (const page of wanted.split(',').map(Number)) {
      const fetchNow = () => fetchPageRaster(api, sha256, page, abort.signal);
      const started = takeEarly(sha256, page);
      (started ? started.then((raster) => raster ?? fetchNow()) : fetchNow()).then(
        (raster) => {
          if (!raster) return;
          made.push(raster.url);
          if (abort.signal.aborted) URL.revokeObjectURL(raster.url);
          else setRasters((map) => new Map(map).set(page, raster));
        },
        () => undefined, // no picture: the page paints when pdf.js has it
      );
    }
    return () => {
      abort.abort();
      for (const url of made) URL.revokeObjectURL(url);
      setRasters(new Map());
    };
  }, [api, sha256, wanted]);
  return rasters;
}
