import type { LayoutBlock, MinutesLayout } from '../../../../shared/minutes/layout';
import { escapeHtml, type TextRun } from '../../../../shared/minutes/richText';

function runs(list: readonly TextRun[]): string {
  return list
    .map((run) => {
      let html = escapeHtml(run.text);
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

function block(b: LayoutBlock): string {
  switch (b.kind) {
    case 'heading': {
      const id = b.minuteNumber === undefined ? '' : ` id="minute-${b.minuteNumber}"`;
      return `<h${b.level}${id}>${escapeHtml(b.text)}</h${b.level}>`;
    }
    case 'paragraph':
      return `<p class="${b.tone}">${runs(b.runs)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((item) => `<li>${runs(item)}</li>`).join('')}</${tag}>`;
    }
    case 'table':
      return [
        '<table>',
        `<caption>${escapeHtml(b.caption)}</caption>`,
        `<thead><tr>${b.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
        `<tbody>${b.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')}</tbody>`,
        '</table>',
      ].join('');
    case 'signature':
      return `<div class="signature">${b.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</div>`;
  }
}

/* Colours meet WCAG AA contrast on white; gaps are marked by words as well as colour. */
const style = `
body{font-family:Arial,Helvetica,sans-serif;line-height:1.5;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
header{border-bottom:2px solid #1a1a1a;margin-bottom:1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:1.5rem}h3{font-size:1.05rem}
.meta{color:#404040}.status{font-weight:bold}.council{font-weight:bold;font-size:1.15rem;text-align:center;margin:0}
.gap{background:#fff4ce;border-left:4px solid #8a5a00;padding:.25rem .5rem;color:#4d3300;font-weight:bold}
table{border-collapse:collapse;margin:.5rem 0;width:100%}caption{text-align:left;font-weight:bold}
th,td{border:1px solid #595959;padding:.25rem .5rem;text-align:left;vertical-align:top}
.signature{margin-top:2rem}
`;

/** A standalone, semantic page: one h1, minutes as h2, tables with captions and column headers, no script. */
export function renderMinutesHtml(layout: MinutesLayout): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${layout.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(layout.title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    `<header><p>${escapeHtml(layout.header)}</p></header>`,
    '<main>',
    ...layout.blocks.map(block),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
