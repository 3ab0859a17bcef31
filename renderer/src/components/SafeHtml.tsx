import DOMPurify from 'dompurify';
import { useMemo } from 'react';

/**
 * The only place in the renderer that sets inner HTML (an ESLint rule refuses it anywhere else).
 * Agenda text comes from a council's site as HTML and may carry script, event handlers, styles,
 * frames or links; DOMPurify keeps a small set of text-formatting tags with no attributes at all
 * (links keep their words, not their targets, so nothing can navigate the app away), and drops
 * the rest with its content where that content is code.
 */
const config = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'span', 'div', 'sup', 'sub'],
  ALLOWED_ATTR: ['colspan', 'rowspan'],
  FORBID_TAGS: ['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'svg', 'math', 'template'],
  KEEP_CONTENT: true,
  ALLOW_DATA_ATTR: false,
};

export function sanitiseAgendaHtml(html: string): string {
  return DOMPurify.sanitize(html, config);
}

export function SafeHtml({ html, className }: { html: string; className?: string }) {
  const clean = useMemo(() => sanitiseAgendaHtml(html), [html]);
  if (clean.trim() === '') return null;
  return <div className={className} dangerouslySetInnerHTML={{ __html: clean }} />;
}
