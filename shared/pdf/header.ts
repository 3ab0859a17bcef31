/** pdf.js looks for the header only within the file's first 1024 bytes (its `find` in checkHeader). */
export const pdfHeaderWindow = 1024;

const signature = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/**
 * Whether `%PDF-` lies wholly within the first 1024 bytes, exactly where pdf.js looks for it, so
 * no sniff in Chamber refuses a file pdf.js would recognise (junk before the header included).
 */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  const last = Math.min(bytes.length, pdfHeaderWindow) - signature.length;
  for (let at = 0; at <= last; at += 1) {
    if (signature.every((byte, i) => bytes[at + i] === byte)) return true;
  }
  return false;
}
