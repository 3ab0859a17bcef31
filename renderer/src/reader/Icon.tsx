/**
 * The reader toolbar's icons: simple strokes drawn in the text colour (so high contrast and forced
 * colours reach them), always beside a label (visible, or visually hidden with a tooltip), never
 * the only name a control has.
 */
const paths = {
  contents: 'M4 5h16M4 12h16M4 19h16M9 5v14',
  previous: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
  zoomOut: 'M5 12h14',
  zoomIn: 'M5 12h14M12 5v14',
  fit: 'M3 12h18M7 8l-4 4 4 4M17 8l4 4-4 4',
  largePrint: 'M3 19l5-14 5 14M5 14h6M14 19l3.5-9 3.5 9M15.2 16h4.6',
  select: 'M6 3l12 9-5.5 1.2L16 20l-2.5 1-2.6-6.6L6 18z',
  highlight: 'M4 20h16M7 16l9-11 3 3-9 11H7z',
  underline: 'M7 4v7a5 5 0 0 0 10 0V4M5 20h14',
  strike: 'M4 12h16M16 6.5C15 5 13.6 4.5 12 4.5c-2.5 0-4 1.3-4 3 0 4 8 3 8 8 0 1.8-1.6 3.5-4 3.5-1.8 0-3.3-.7-4.2-2',
  note: 'M5 4h14v10l-6 6H5zM13 20v-6h6',
  freeText: 'M5 6V4h14v2M12 4v16M9 20h6',
  ink: 'M3 17c3-6 5-8 7-6s-1 6 2 6 4-7 6-7 2 3 3 3',
  undo: 'M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3',
  redo: 'M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3',
  copy: 'M8 8h11v12H8zM5 16H4V4h11v1',
  print: 'M7 9V3h10v6M7 17H4v-7h16v7h-3M7 14h10v7H7z',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  question: 'M9 9a3 3 0 1 1 4.5 2.6c-1 .6-1.5 1.2-1.5 2.4M12 18h.01',
  current: 'M12 3v4M12 17v4M3 12h4M17 12h4M12 12h.01',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="none" stroke="currentColor" strokeWidth={name === 'more' ? 4 : 2} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
