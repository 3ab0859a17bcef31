import path from 'node:path';
import { createRequire } from 'node:module';
import { getDocument, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfjsHardening } from '../../../shared/security/pdfjs';

/** One page drawn to a picture: the image file's bytes, its pixel size and the page's size in points. */
export interface PageRaster {
  page: number;
  mime: 'image/webp';
  data: Uint8Array;
  width: number;
  height: number;
  pageWidth: number;
  pageHeight: number;
}

/** Wide enough for the reader's fit-width page in a full-HD window; larger costs import time and disk. */
export const rasterWidth = 1200;

type RenderCanvas = Parameters<PDFPageProxy['render']>[0]['canvas'];

/** pdf.js's canvas factory in Node, which hands out @napi-rs/canvas canvases. */
interface NodeCanvasFactory {
  create(width: number, height: number): { canvas: RenderCanvas & { encode(format: 'webp', quality: number): Promise<Buffer>; width: number; height: number } };
}

/** The page is protected by a password, so no picture of it may exist outside it. */
export class RasterRefused extends Error {}

// Packs typeset with the standard 14 fonts embed none: in Node pdf.js draws them from its own data.
const standardFontDataUrl = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}${path.sep}`;

/**
 * Draws the given pages of a PDF with pdf.js and @napi-rs/canvas (pdf.js's own canvas in Node),
 * encoded as WebP. A protected PDF is refused rather than opened: its pictures would show its
 * pages to anyone who had not given the password.
 */
export async function rasterPages(bytes: Uint8Array, pages: readonly number[], width = rasterWidth): Promise<PageRaster[]> {
  const task = getDocument({ ...pdfjsHardening, data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, standardFontDataUrl, verbosity: 0 });
  try {
    const doc = await task.promise.catch((error: unknown) => {
      // pdf.js rebuilds worker errors by name; PasswordException itself is not exported.
      if (error instanceof Error && error.name === 'PasswordException') throw new RasterRefused('The pack is protected by a password');
      throw error;
    });
    const out: PageRaster[] = [];
    for (const number of pages) {
      if (number < 1 || number > doc.numPages) continue;
      const page = await doc.getPage(number);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: width / base.width });
      const { canvas } = (doc as unknown as { canvasFactory: NodeCanvasFactory }).canvasFactory.create(Math.round(viewport.width), Math.round(viewport.height));
      await page.render({ canvas, viewport }).promise;
      const data = await canvas.encode('webp', 82);
      out.push({ page: number, mime: 'image/webp', data: new Uint8Array(data), width: canvas.width, height: canvas.height, pageWidth: base.width, pageHeight: base.height });
      page.cleanup();
    }
    return out;
  } finally {
    await task.destroy();
  }
}
