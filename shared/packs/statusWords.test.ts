import { describe, expect, it } from 'vitest';
import { readPageColumn, statusLine } from './statusWords';
import { stripFootnoteMarker } from './footnotes';

describe('page entries and status words', () => {
  it.each([
    ['(Pages 5 - 12)', { status: 'published', printedPages: { from: 5, to: 12 } }],
    ['Pages 5 - 12', { status: 'published', printedPages: { from: 5, to: 12 } }],
    ['12', { status: 'published', printedPages: { from: 12, to: 12 } }],
    ['To follow', { status: 'to-follow', printedPages: null }],
    ['I ddilyn', { status: 'to-follow', printedPages: null }],
    ['Previously circulated', { status: 'previously-circulated', printedPages: null }],
  ])('reads "%s"', (text, expected) => {
    expect(readPageColumn(text)).toEqual(expected);
  });

  it('takes a status word alone on a line, but not a page number or a verbal item', () => {
    expect(statusLine('Previously circulated')).toBe('previously-circulated');
    expect(statusLine('To follow')).toBe('to-follow');
    expect(statusLine('12')).toBeNull();
    expect(statusLine('Verbal update')).toBeNull();
    expect(statusLine('To follow the meeting of the Board')).toBeNull();
  });
});

describe('footnote markers', () => {
  it.each([
    ['Enforcement update¹', 'Enforcement update'],
    ['Enforcement update*', 'Enforcement update'],
    ['Enforcement update [2]', 'Enforcement update'],
    ['Enforcement update1', 'Enforcement update'],
    ['Budget 2022/23', 'Budget 2022/23'],
    ['Covid19 Recovery Plan', 'Covid19 Recovery Plan'],
    ['Appendix A2', 'Appendix A2'],
  ])('"%s" → "%s"', (title, expected) => {
    expect(stripFootnoteMarker(title)).toBe(expected);
  });
});
