import { describe, expect, it } from 'vitest';
import { InterestSuggestion, type RegisteredInterest } from './schema';
import { type AgendaItemText, defaultMinSuggestionScore, strongSuggestionScore, suggestInterests } from './suggestions';

const item = (number: string, title: string, text = ''): AgendaItemText => ({ number, title, text });

const interest = (change: Partial<RegisteredInterest>): RegisteredInterest => ({
  memberId: 'm1',
  category: 'employment',
  description: 'Employed',
  ...change,
});

/** The one suggestion for a single interest and a single item, or undefined. */
function suggest(change: Partial<RegisteredInterest>, title: string, text = '', minScore?: number) {
  const result = suggestInterests([interest(change)], [item('7', title, text)], minScore === undefined ? {} : { minScore });
  expect(result.length).toBeLessThanOrEqual(1);
  return result[0];
}

describe('suggestInterests: names', () => {
  const wme = { organisation: 'West Mercia Energy', description: 'Employed by West Mercia Energy' };

  it('a whole organisation name in the title is a strong suggestion', () => {
    const s = suggest(wme, "Annual Update on the Council's Energy Purchasing Arrangement via the West Mercia Energy Joint Committee");
    expect(s).toEqual({
      memberId: 'm1',
      itemNumber: '7',
      category: 'employment',
      interestDescription: 'Employed by West Mercia Energy',
      matchedTerms: ['West Mercia Energy'],
      score: 0.9,
    });
    expect(InterestSuggestion.parse(s)).toEqual(s);
    expect(s?.score).toBeGreaterThanOrEqual(strongSuggestionScore);
  });

  it('counts for less in the report text than in the title', () => {
    expect(suggest(wme, 'Street lighting', 'The contract was negotiated by West Mercia Energy.')?.score).toBe(0.54);
  });

  it('is matched case-insensitively, across line breaks and punctuation', () => {
    expect(suggest(wme, 'x', 'negotiated by WEST\nMERCIA  energy;')?.matchedTerms).toEqual(['West Mercia Energy']);
  });

  it('ignores legal forms and generic words on either side', () => {
    expect(suggest({ organisation: 'Acme Holdings Ltd' }, 'Contract award to Acme Limited')?.matchedTerms).toEqual(['Acme Holdings Ltd']);
    expect(suggest({ organisation: 'Severn Trent plc' }, 'Severn Trent Water Services')?.score).toBe(0.9);
  });

  it('a one-word name counts less than a longer one', () => {
    expect(suggest({ organisation: 'Acme Ltd' }, 'Contract award to Acme')?.score).toBe(0.5);
  });

  it('a partial name counts only word by word, and low', () => {
    const s = suggest(wme, 'West Mercia Police and Crime Panel');
    expect(s?.matchedTerms).toEqual(['Mercia']);
    expect(s?.score).toBe(0.25);
  });

  it('a name made only of generic words matches nothing', () => {
    expect(suggest({ organisation: 'The County Council', description: 'Employed by the county council' }, 'County Council budget')).toBeUndefined();
  });

  it('matches whole words only', () => {
    expect(suggest({ place: 'Worcester' }, 'Worcestershire Libraries')).toBeUndefined();
    expect(suggest({ place: 'Worcester' }, 'Worcester Library and History Centre')?.score).toBe(0.5);
  });

  it('folds simple plurals and possessives', () => {
    expect(suggest({ keywords: ['library'] }, 'Libraries review')?.matchedTerms).toEqual(['library']);
    expect(suggest({ keywords: ['bus companies'] }, 'Bus company contracts')?.matchedTerms).toEqual(['bus companies']);
    expect(suggest({ organisation: "St Richard's Hospice" }, 'Grant to St Richard Hospice')?.score).toBe(0.9);
    expect(suggest({ keywords: ['churches'] }, 'Church repairs')?.matchedTerms).toEqual(['churches']);
  });

  it('ignores accents', () => {
    expect(suggest({ organisation: 'Café Ymlaen' }, 'Cafe Ymlaen lease')?.score).toBe(0.9);
  });

  it('leaves out the council area when told it is generic', () => {
    const text = 'Worcestershire Worcestershire Worcestershire';
    expect(suggest({ place: 'Worcestershire' }, text)?.score).toBe(0.5);
    const result = suggestInterests([interest({ place: 'Worcestershire' })], [item('1', text)], { genericWords: ['worcestershire'] });
    expect(result).toEqual([]);
  });
});

describe('suggestInterests: descriptions', () => {
  it('consecutive description words count as a phrase, once generic words are gone', () => {
    const s = suggest({ category: 'other-registrable', description: 'Volunteer at a street lighting charity' }, 'Street lighting contract');
    // "street" is an address word and "charity" a legal form, so only "lighting" is left to match.
    expect(s?.matchedTerms).toEqual(['lighting']);
    const run = suggest({ category: 'other-registrable', description: 'Trustee of a food bank in Redditch' }, 'Support for food banks');
    expect(run).toMatchObject({ matchedTerms: ['food bank'], score: 0.7 });
  });

  it('one generic word alone scores low', () => {
    const s = suggest({ category: 'securities', description: 'Shares in an energy supplier' }, 'Energy Purchasing Arrangement');
    expect(s?.matchedTerms).toEqual(['energy']);
    expect(s?.score).toBe(0.25);
  });

  it('one word found only in the report text is below the default threshold', () => {
    expect(suggest({ description: 'Self-employed plumber' }, 'Housing repairs', 'Plumbers are in short supply')).toBeUndefined();
    expect(suggest({ description: 'Self-employed plumber' }, 'Housing repairs', 'Plumbers are in short supply', 0)?.score).toBe(0.15);
    expect(0.15).toBeLessThan(defaultMinSuggestionScore);
  });

  it('register wording ("employed", "shares", "land") is not evidence', () => {
    expect(suggest({ description: 'Employed; shares; land; contract; sponsorship' }, 'Employment land and contracts review')).toBeUndefined();
  });

  it('the organisation words in the description do not count twice', () => {
    const s = suggest({ organisation: 'West Mercia Energy', description: 'Employed by West Mercia Energy' }, 'West Mercia Energy');
    expect(s).toMatchObject({ matchedTerms: ['West Mercia Energy'], score: 0.9 });
  });
});

describe('suggestInterests: the list', () => {
  const register: RegisteredInterest[] = [
    interest({ memberId: 'b', description: 'Director of Acme', organisation: 'Acme' }),
    interest({ memberId: 'a', description: 'Director of Acme', organisation: 'Acme' }),
    interest({ memberId: 'c', category: 'land', description: 'House in Pershore', place: 'Pershore' }),
  ];
  const items = [item('5', 'Pershore bypass'), item('6', 'Acme contract'), item('7', 'Acme, again')];

  it('is sorted by score, then agenda order, then member', () => {
    expect(suggestInterests(register, items).map((s) => `${s.memberId}:${s.itemNumber}`)).toEqual([
      'c:5',
      'a:6',
      'b:6',
      'a:7',
      'b:7',
    ]);
  });

  it('is empty for an empty register or agenda', () => {
    expect(suggestInterests([], items)).toEqual([]);
    expect(suggestInterests(register, [])).toEqual([]);
  });

  it('respects minScore', () => {
    expect(suggestInterests(register, items, { minScore: 0.95 })).toEqual([]);
  });

  it('never declares: it returns suggestions only', () => {
    for (const s of suggestInterests(register, items)) {
      expect(Object.keys(s).sort()).toEqual(['category', 'interestDescription', 'itemNumber', 'matchedTerms', 'memberId', 'score']);
    }
  });
});
