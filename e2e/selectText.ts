import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Selects `text` in a page's text layer as a reader would by dragging across it. */
export async function selectText(page: Page, pageNumber: number, text: string): Promise<void> {
  await page.locator(`.pdf-page[data-page="${pageNumber}"] .textLayer[data-ready="true"]`).waitFor();
  const found = await page.evaluate(
    ({ pageNumber, text }) => {
      const layer = document.querySelector(`.pdf-page[data-page="${pageNumber}"] .textLayer`);
      if (!layer) return false;
      const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      const nodes: { node: Text; start: number }[] = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        // Line ends are <br> elements, not text: they read as a space.
        if (n instanceof HTMLBRElement) all += ' ';
        else if (n instanceof Text) {
          nodes.push({ node: n, start: all.length });
          all += n.textContent ?? '';
        }
      }
      // The text layer spaces words as the PDF does; match with whitespace collapsed.
      const flat: number[] = [];
      let squeezed = '';
      for (let i = 0; i < all.length; i += 1) {
        const ch = all[i] ?? '';
        if (/\s/.test(ch)) {
          if (squeezed.endsWith(' ')) continue;
          squeezed += ' ';
        } else squeezed += ch;
        flat.push(i);
      }
      const at = squeezed.indexOf(text);
      if (at < 0) return false;
      const locate = (offset: number) => {
        const raw = flat[offset] ?? 0;
        const hit = nodes.filter((n) => n.start <= raw).at(-1);
        return hit ? { node: hit.node, offset: raw - hit.start } : null;
      };
      const from = locate(at);
      const to = locate(at + text.length - 1);
      if (!from || !to) return false;
      const range = document.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset + 1);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return true;
    },
    { pageNumber, text },
  );
  expect(found, `"${text.slice(0, 40)}…" on page ${pageNumber}`).toBe(true);
}
