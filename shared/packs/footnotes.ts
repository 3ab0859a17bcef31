/**
 * A footnote marker after an agenda title ("Enforcement Update*", "…Update¹", "…Update [1]", or a
 * raised "1" the extractor joins to the word) belongs to the footnote, not to the title.
 */
const MARKER_RE = /(?:\s*(?:[*†‡§]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,2}\])|(?<=\p{Ll})\d)$/u;

export function stripFootnoteMarker(title: string): string {
  return title.replace(MARKER_RE, '').trimEnd();
}
