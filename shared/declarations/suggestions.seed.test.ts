/* eslint-disable no-restricted-imports -- this test reads the real seed agenda pack from disk; the code under test stays pure. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type RegisteredInterest } from './schema';
import { type AgendaItemText, strongSuggestionScore, suggestInterests } from './suggestions';

const PACK = readFileSync(new URL('../../resources/seeds/agenda-pack-2022-01-17.txt', import.meta.url), 'utf8');

const plain = (text: string): string =>
  text
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The seed's items: titles from the front sheet's agenda table (without the indicative timing),
 * report text from the reports that follow, each of which opens with the panel's running header and
 * then its own title. Item 7's report is "To follow", so it has a title and no text.
 */
function seedItems(): AgendaItemText[] {
  const lines = PACK.split('\n');
  const header = lines.findIndex((l) => l.startsWith('Item No\tSubject'));
  const items: Array<{ number: string; title: string; text: string }> = [];
  for (const line of lines.slice(header + 1)) {
    const match = /^(\d+[a-z]?)\t([^\t]+)/.exec(line);
    if (!match?.[1] || !match[2]) break;
    const subject = plain(match[2]).replace(/\s*\(Indicative timing:[^)]*\)\s*$/, '');
    // Item 3's cell runs its heading into the public participation rules; the heading is the title.
    const title = /^<b>([^<]+)<\/b>/.exec(match[2])?.[1] ?? subject;
    items.push({ number: match[1], title: plain(title), text: '' });
  }
  const reports = PACK.split('### CORPORATE AND COMMUNITIES OVERVIEW AND SCRUTINY PANEL 17 JANUARY 2022').slice(1);
  for (const report of reports) {
    const heading = plain(/^\s*#+\s*(.+)$/m.exec(report)?.[1] ?? '').toLowerCase();
    const item = items.find((i) => heading.startsWith(i.title.toLowerCase()));
    if (item) item.text = report;
  }
  return items;
}

const ITEMS = seedItems();

/** A sample register for four members of the panel. */
const REGISTER: RegisteredInterest[] = [
  {
    memberId: 'aled-evans',
    category: 'employment',
    description: 'Employed as a procurement officer by West Mercia Energy',
    organisation: 'West Mercia Energy',
  },
  {
    memberId: 'laura-gretton',
    category: 'land',
    description: 'Freehold of a house in Barbourne, Worcester',
    place: 'Worcester',
  },
  {
    memberId: 'craig-warhurst',
    category: 'securities',
    description: 'Shares in Octopus Energy Group Limited',
    organisation: 'Octopus Energy Group Limited',
  },
  { memberId: 'mel-allcott', category: 'employment', description: 'Self-employed plumber' },
  { memberId: 'mel-allcott', category: 'sponsorship', description: 'Election expenses paid by the Liberal Democrats' },
  { memberId: 'mel-allcott', category: 'land', description: 'Allotment at Malvern Wells', place: 'Malvern Wells' },
];

const suggestions = suggestInterests(REGISTER, ITEMS, { genericWords: ['Worcestershire'] });
const forMember = (memberId: string) => suggestions.filter((s) => s.memberId === memberId);

describe('the seed agenda', () => {
  it('is read as eight items, with report text for items 5, 6 and 8 only', () => {
    expect(ITEMS.map((i) => i.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(ITEMS[6]?.title).toBe("Annual Update on the Council's Energy Purchasing Arrangement via the West Mercia Energy Joint Committee");
    expect(ITEMS.filter((i) => i.text.length > 0).map((i) => i.number)).toEqual(['5', '6', '8']);
  });
});

describe('suggestInterests on the seed agenda', () => {
  it('suggests item 7 first to the member employed by West Mercia Energy, as a strong match', () => {
    const [first, ...rest] = forMember('aled-evans');
    expect(first).toMatchObject({
      memberId: 'aled-evans',
      itemNumber: '7',
      category: 'employment',
      interestDescription: 'Employed as a procurement officer by West Mercia Energy',
    });
    expect(first?.matchedTerms).toContain('West Mercia Energy');
    expect(first?.score).toBeGreaterThanOrEqual(strongSuggestionScore);
    // The budget report (street lighting contract negotiated by West Mercia Energy) and the work
    // programme (which lists item 7) also mention it, in their text rather than their titles.
    expect(rest.map((s) => s.itemNumber).sort()).toEqual(['5', '8']);
    for (const s of rest) expect(s.score).toBeLessThan(first?.score ?? 0);
    // It is the strongest suggestion for anyone.
    expect(suggestions[0]).toEqual(first);
  });

  it('gives land in Worcester at most a weak suggestion', () => {
    const land = forMember('laura-gretton');
    const top = forMember('aled-evans')[0]?.score ?? 0;
    for (const s of land) {
      expect(s.score).toBeLessThan(strongSuggestionScore);
      expect(s.score).toBeLessThan(top);
    }
    // Worcester (not Worcestershire) appears once: the Worcester Library and History Centre in the budget.
    expect(land.map((s) => s.itemNumber)).toEqual(['5']);
  });

  it('scores a shared single word ("energy") low', () => {
    const shares = forMember('craig-warhurst');
    expect(shares.length).toBeGreaterThan(0);
    for (const s of shares) {
      expect(s.matchedTerms).toEqual(['Energy']);
      expect(s.score).toBeLessThanOrEqual(0.25);
    }
  });

  it('suggests nothing to a member with no relevant interests', () => {
    expect(forMember('mel-allcott')).toEqual([]);
  });

  it('is sorted by score, strongest first', () => {
    const scores = suggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('takes the council area as generic only when told', () => {
    const county: RegisteredInterest = {
      memberId: 'x',
      category: 'land',
      description: 'Land in Worcestershire',
      place: 'Worcestershire',
    };
    expect(suggestInterests([county], ITEMS, { genericWords: ['Worcestershire'] })).toEqual([]);
    expect(suggestInterests([county], ITEMS).length).toBeGreaterThan(0);
  });
});
