import { describe, expect, it } from 'vitest';
import { paragraphsOf } from './paragraphs';

describe('large print paragraphs', () => {
  it('joins wrapped lines and breaks at blank lines', () => {
    expect(paragraphsOf('Data Sharing and\nAnalytics\n\nReport of the\nChief Executive\n')).toEqual(['Data Sharing and Analytics', 'Report of the Chief Executive']);
  });

  it('keeps numbered paragraphs apart though no blank line separates them', () => {
    const text = '1. The Panel is asked to\nnote the report.\n2. In the 2021 calendar year 179\nrequests were made.\n2.1 Of these, 12 were refused.\n(a) for safety;\n(b) for cost.';
    expect(paragraphsOf(text)).toEqual([
      '1. The Panel is asked to note the report.',
      '2. In the 2021 calendar year 179 requests were made.',
      '2.1 Of these, 12 were refused.',
      '(a) for safety;',
      '(b) for cost.',
    ]);
  });

  it('does not break at a number that merely starts a wrapped line', () => {
    expect(paragraphsOf('There were\n179 requests.')).toEqual(['There were 179 requests.']);
  });
});
