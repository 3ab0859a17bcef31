import type { RichText, TextRun } from '../../../shared/minutes/richText';

function appendRuns(parent: Element, runs: readonly TextRun[]): void {
  if (runs.length === 0) parent.append(document.createElement('br'));
  for (const r of runs) {
    let node: Node = document.createTextNode(r.text);
    if (r.italic) {
      const i = document.createElement('i');
      i.append(node);
      node = i;
    }
    if (r.bold) {
      const b = document.createElement('b');
      b.append(node);
      node = b;
    }
    parent.append(node);
  }
}

/** Fills the editor from the narrative tree with DOM nodes: the clerk's text is only ever text nodes. */
export function fillFromRichText(root: Element, rich: RichText): void {
  root.replaceChildren();
  if (rich.length === 0) {
    appendRuns(root.appendChild(document.createElement('p')), []);
    return;
  }
  for (const block of rich) {
    if (block.type === 'paragraph') {
      appendRuns(root.appendChild(document.createElement('p')), block.runs);
      continue;
    }
    const list = root.appendChild(document.createElement(block.ordered ? 'ol' : 'ul'));
    for (const item of block.items) appendRuns(list.appendChild(document.createElement('li')), item);
  }
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
  const walk = (parent: Element) => {
    parent.childNodes.forEach((node) => {
      if (node instanceof Element && (node.tagName === 'UL' || node.tagName === 'OL')) {
        flush();
        const items = [...node.children].filter((li) => li.tagName === 'LI').map((li) => {
          const runs: TextRun[] = [];
          collectRuns(li, { bold: false, italic: false }, runs);
          return trimRuns(runs);
        });
        const kept = items.filter((runs) => runs.length > 0);
        if (kept.length > 0) blocks.push({ type: 'list', ordered: node.tagName === 'OL', items: kept });
      } else if (node instanceof Element && blockTags.includes(node.tagName)) {
        flush();
        // Browsers put a list made inside a paragraph into that paragraph: read it as blocks.
        if (node.querySelector(blockTags.concat('UL', 'OL').join(','))) walk(node);
        else collectRuns(node, { bold: false, italic: false }, loose);
        flush();
      } else {
        collectRuns(node, { bold: false, italic: false }, loose);
      }
    });
  };
  walk(root);
  flush();
  return blocks;
}

const blockTags = ['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'BLOCKQUOTE'];
