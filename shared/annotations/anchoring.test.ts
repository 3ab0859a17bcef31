import { describe, expect, it } from 'vitest';
import { approximateMatch, findQuote, geometryFromLines, quoteAt, rectsFor, SearchText } from './anchoring';

describe('finding quoted text', () => {
  it('tells repeats apart by prefix and suffix, then by the expected region', () => {
    const pages = [{ text: 'The budget is agreed.\nNothing else.' }, { text: 'Officers said the budget is agreed by Cabinet.' }, { text: 'the budget is agreed' }];
    const search = new SearchText(pages);
    expect(findQuote(search, { exact: 'budget is agreed', prefix: 'said the ', suffix: ' by Cabinet' })).toMatchObject({ pageIndex: 1, method: 'exact' });
    expect(findQuote(search, { exact: 'budget is agreed', prefix: '', suffix: '' }, { region: { from: 2, to: 2 } })).toMatchObject({ pageIndex: 2 });
  });

  it('finds an edited passage approximately and gives up on one that is gone', () => {
    const search = new SearchText([{ text: 'Intro.' }, { text: 'a total of 47 requests were received by the Corporate Information\nGovernance Team' }]);
    const found = findQuote(search, { exact: 'a total of 45 requests were received by the by the Corporate Information Governance Team', prefix: '', suffix: '' });
    expect(found).toMatchObject({ pageIndex: 1, method: 'approximate', start: 0 });
    expect(findQuote(search, { exact: 'There were difficulties in recruiting key specialist staff', prefix: '', suffix: '' })).toBeNull();
  });

  it('aligns semi-globally and maps offsets back to raw text', () => {
    expect(approximateMatch('kitten', 'the sitting cat')).toMatchObject({ start: 5, end: 10, distance: 2 });
    const q = quoteAt('one  two\nthree four', 5, 14);
    expect(q).toMatchObject({ exact: 'two three', prefix: 'one ', suffix: ' four' });
  });

  it('builds one rectangle per line crossed', () => {
    const g = geometryFromLines(600, 800, [
      { text: 'abcd', x: 10, y: 20, width: 40, height: 10 },
      { text: 'efgh', x: 10, y: 35, width: 40, height: 10 },
    ]);
    expect(rectsFor(g, 2, 7)).toEqual([
      { x: 30, y: 20, width: 20, height: 10 },
      { x: 10, y: 35, width: 20, height: 10 },
    ]);
  });
});
