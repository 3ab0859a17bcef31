import { escapeHtml, type RichText, type TextRun } from '../../../shared/minutes/richText';

function runsHtml(runs: readonly TextRun[]): string {
  if (runs.length === 0) return '<br>';
  return runs
    .map((r) => {
      let html = escapeHtml(r.text);
      if (r.italic) html = `<i>${html}</i>`;
      if (r.bold) html = `<b>${html}</b>`;
      return html;
    })
    .join('');
}

/** The editor's starting content; every character of the clerk's text is escaped. */
export function richTextToHtml(rich: RichText): string {
  if (rich.length === 0) return '<p><br></p>';
  return rich
    .map((block) => {
      if (block.type === 'paragraph') return `<p>${runsHtml(block.runs)}</p>`;
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${runsHtml(item)}</li>`).join('')}</${tag}>`;
    })
    .join('');
}

interface Marks {
  bold: boolean;
  italic: boolean;
}

function marksOf(element: Element, marks: Marks): Marks {
  const tag = element.tagName;
  const style = element instanceof HTMLElement ? element.style : null;
  const weight = style?.fontWeight ?? '';
  return {
    bold: marks.bold || tag === 'B' || tag === 'STRONG' || weight === 'bold' || Number(weight) >= 600,
    italic: marks.italic || tag === 'I' || tag === 'EM' || style?.fontStyle === 'italic',
  };
}

/** Text runs of an inline subtree; neighbouring runs with the same marks are merged. */
function collectRuns(node: Node, marks: Marks, out: TextRun[]): void {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ');
    if (text === '') return;
    const last = out.at(-1);
    if (last && (last.bold ?? false) === marks.bold && (last.italic ?? false) === marks.italic) last.text += text;
    else out.push({ text, ...(marks.bold ? { bold: true } : {}), ...(marks.italic ? { italic: true } : {}) });
    return;
  }
  if (!(node instanceof Element)) return;
  if (node.tagName === 'BR') {
    collectRuns(document.createTextNode(' '), marks, out);
    return;
  }
  const inner = marksOf(node, marks);
  node.childNodes.forEach((child) => collectRuns(child, inner, out));
}

function trimRuns(runs: TextRun[]): TextRun[] {
  const first = runs[0];
  if (first) first.text = first.text.replace(/^\s+/, '');
  const last = runs.at(-1);
  if (last) last.text = last.text.replace(/\s+$/, '');
  return runs.filter((r) => r.text !== '');
}

/**
 * Reads what the clerk typed back into the narrative tree. Only text, bold, italic, paragraphs and
 * lists survive: anything pasted from elsewhere (links, images, scripts, styles) is dropped here,
 * so it can never reach the stored minutes or an export.
 */
export function richTextFromElement(root: Element): RichText {
  const blocks: RichText = [];
  let loose: TextRun[] = [];
  const flush = () => {
    const runs = trimRuns(loose);
    if (runs.length > 0) blocks.push({ type: 'paragraph', runs });
    loose = [];
  };
  root.childNodes.forEach((node) => {
    if (node instanceof Element && (node.tagName === 'UL' || node.tagName === 'OL')) {
      flush();
      const items = [...node.children].filter((li) => li.tagName === 'LI').map((li) => {
        const runs: TextRun[] = [];
        collectRuns(li, { bold: false, italic: false }, runs);
        return trimRuns(runs);
      });
      const kept = items.filter((runs) => runs.length > 0);
      if (kept.length > 0) blocks.push({ type: 'list', ordered: node.tagName === 'OL', items: kept });
    } else if (node instanceof Element && ['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'BLOCKQUOTE'].includes(node.tagName)) {
      flush();
      collectRuns(node, { bold: false, italic: false }, loose);
      flush();
    } else {
      collectRuns(node, { bold: false, italic: false }, loose);
    }
  });
  flush();
  return blocks;
}
