import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

export interface PdfFonts {
  /** Which family was found: DejaVu Sans (the Debian package fonts-dejavu-core) or the fallback. */
  family: 'DejaVu Sans' | 'Liberation Sans';
  files: Record<FontStyle, string>;
}

/** Where Debian (fonts-dejavu-core), Fedora and Homebrew put DejaVu Sans; CHAMBER_FONT_DIR wins. */
const dejavuDirs = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu-sans-fonts', '/usr/share/fonts/TTF', '/opt/homebrew/share/fonts', '/usr/local/share/fonts'];
const dejavuFiles: Record<FontStyle, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
};

let warned = false;

/**
 * The fonts exported PDFs embed. pdfkit's and pdf-lib's built-in Helvetica know only WinAnsi (no ŵ,
 * ŷ, and pdf-lib refuses what it cannot encode), so every PDF Chamber writes embeds a real font.
 * DejaVu Sans covers the widest range (Welsh, every European script, dashes and quotes); where it is
 * not installed, Liberation Sans, which ships inside pdfjs-dist, still has all of Welsh and the
 * punctuation, and the fallback is said once on stderr rather than silently.
 */
export function pdfFonts(env: NodeJS.ProcessEnv = process.env): PdfFonts {
  const dirs = env.CHAMBER_FONT_DIR ? [env.CHAMBER_FONT_DIR, ...dejavuDirs] : dejavuDirs;
  for (const dir of dirs) {
    const files = Object.fromEntries(Object.entries(dejavuFiles).map(([style, file]) => [style, path.join(dir, file)])) as Record<FontStyle, string>;
    if (Object.values(files).every((f) => fs.existsSync(f))) return { family: 'DejaVu Sans', files };
  }
  if (!warned) {
    warned = true;
    console.warn('Chamber: DejaVu Sans is not installed (Debian: apt-get install fonts-dejavu-core); PDFs use Liberation Sans instead, which covers Welsh and Western European text only.');
  }
  const dir = path.join(path.dirname(createRequire(__filename).resolve('pdfjs-dist/package.json')), 'standard_fonts');
  return {
    family: 'Liberation Sans',
    files: {
      regular: path.join(dir, 'LiberationSans-Regular.ttf'),
      bold: path.join(dir, 'LiberationSans-Bold.ttf'),
      italic: path.join(dir, 'LiberationSans-Italic.ttf'),
      boldItalic: path.join(dir, 'LiberationSans-BoldItalic.ttf'),
    },
  };
}
