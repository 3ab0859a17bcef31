/**
 * Lines of extracted page text joined back into paragraphs for large print. A blank line ends a
 * paragraph; so does a line that opens with a paragraph number ("6.", "6.2", "(a)", "ii)") or a
 * bullet, as council reports number their paragraphs without a blank line between them.
 */
const opensNumbered = /^(?:\d+\.(?:\d+(?:\.\d+)*\.?)?|\(?[a-z]\)|\(?[ivx]+\)|[•▪–-])\s+\S/i;

export function paragraphsOf(text: string): string[] {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  const end = () => {
    const joined = lines.join(' ').replace(/\s+/g, ' ').trim();
    if (joined) paragraphs.push(joined);
    lines = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) end();
    else {
      if (opensNumbered.test(line)) end();
      lines.push(line);
    }
  }
  end();
  return paragraphs;
}
