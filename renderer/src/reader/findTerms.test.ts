import { describe, expect, it } from 'vitest';
import { matchesIn, termsOf } from './findTerms';

describe('find terms', () => {
  it('marks the words the index matched and the query spelt, longest first', () => {
    const terms = termsOf('data share', [
      { text: 'the ', match: false },
      { text: 'Data', match: true },
      { text: ' ', match: false },
      { text: 'sharing,', match: true },
    ]);
    expect(terms).toEqual(['sharing', 'share', 'data']);
  });

  it('finds each term at the start of a word, without overlaps', () => {
    const text = 'Data sharing: metadata is shared; DATA again.';
    const found = matchesIn(text, ['sharing', 'shar', 'data']);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['Data', 'sharing', 'shar', 'DATA']);
  });
});
