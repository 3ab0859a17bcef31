import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../db/migrations/index';
import { migrate } from '../db/migrator';
import { makeTempDir } from '../testing/tempDir';
import { PackSearch, RANKED_CANDIDATES, toFtsQuery } from './packSearch';

const now = '2026-01-01T00:00:00.000Z';
const filler = 'The panel noted the report and agreed the recommendations set out in the paper.';

/** A real, migrated database holding meetings' packs as the importer writes them. */
function corpus() {
  const db = new Database(path.join(makeTempDir(), 'search.sqlite3'));
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  let packs = 0;
  const addPack = (...args: Parameters<typeof writePack>) => db.transaction(() => writePack(...args))();
  const writePack = (meeting: { id: string; title: string; date: string }, version: number, pages: readonly string[], items: { number: string; title: string; from: number; to: number; restricted?: boolean }[] = []) => {
    const sha = String(++packs).padStart(64, '0');
    const packId = `00000000-0000-4000-8000-${String(packs).padStart(12, '0')}`;
    db.prepare("INSERT INTO documents (sha256, byte_size, page_count, created_at) VALUES (?, 1, ?, ?)").run(sha, pages.length, now);
    db.prepare(
      "INSERT INTO packs (id, meeting_id, version, document_sha256, source_name, structure_source, warnings, imported_at) VALUES (?, ?, ?, ?, 'pack.pdf', 'agenda-table', '[]', ?)",
    ).run(packId, meeting.id, version, sha, now);
    const insertPage = db.prepare('INSERT INTO pack_pages (pack_id, page_index, printed_page, text) VALUES (?, ?, ?, ?)');
    pages.forEach((text, i) => insertPage.run(packId, i, i + 1, text));
    items.forEach((item, i) =>
      db
        .prepare(
          "INSERT INTO agenda_items (id, pack_id, meeting_id, position, number, title, pdf_from, pdf_to, status, restricted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'published', ?)",
        )
        .run(`${packId}-${i}`, packId, meeting.id, i, item.number, item.title, item.from, item.to, item.restricted ? 1 : 0),
    );
    return { packId, sha };
  };
  const addMeeting = (n: number, date = '2026-02-01') => {
    const meeting = { id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`, title: `Panel ${n}`, date };
    db.prepare("INSERT INTO meetings (id, title, committee, date, start_time, venue, created_at, updated_at) VALUES (?, ?, 'Panel', ?, '10:00', 'Hall', ?, ?)").run(meeting.id, meeting.title, date, now, now);
    return meeting;
  };
  return { db, addPack, addMeeting, search: new PackSearch(db) };
}

const matched = (hit: { snippet: { text: string; match: boolean }[] }) => hit.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase());

describe('pack search', () => {
  it('ranks the page that is most about the words first, with its meeting, item and a snippet marking the match', () => {
    const { addMeeting, addPack, search } = corpus();
    const meeting = addMeeting(1, '2022-01-17');
    addPack(
      meeting,
      1,
      [`Agenda. ${filler}`, `Budget. ${filler} The budget was discussed.`, `${filler} Budget scrutiny: the budget, the budget gap and the budget timetable.`, filler],
      [
        { number: '1', title: 'Apologies', from: 1, to: 1 },
        { number: '5', title: 'Budget Scrutiny 2022/23', from: 2, to: 3 },
      ],
    );
    const hits = search.search('budget', { limit: 20 });
    expect(hits.map((h) => h.page)).toEqual([3, 2]);
    expect(hits[0]).toMatchObject({ meetingId: meeting.id, meetingTitle: 'Panel 1', meetingDate: '2022-01-17', version: 1, printedPage: 3, itemNumber: '5', itemTitle: 'Budget Scrutiny 2022/23' });
    expect(matched(hits[0] ?? { snippet: [] })).toContain('budget');
    expect(hits[0]?.snippet.map((s) => s.text).join('')).toContain('the budget gap');
    // A phrase is matched as a phrase, though ranked by its words.
    expect(search.search('"budget gap"', { limit: 20 }).map((h) => h.page)).toEqual([3]);
    // A page outside every item's range has no item name, rather than a neighbour's.
    expect(search.search('agreed', { limit: 20 }).find((h) => h.page === 4)).toMatchObject({ itemNumber: null, itemTitle: null });
  });

  it('matches the word being typed as a prefix, expanded into the words that start with it, and marks each', () => {
    const { addMeeting, addPack, search } = corpus();
    addPack(addMeeting(1), 1, ['The Council met.', 'Councillors asked questions.', 'The councils of Wales.', 'Counting the votes.', 'Cyngor: adroddiad ar ansawdd dŵr.']);
    const hits = search.search('counci', { limit: 20 });
    expect(hits.map((h) => h.page).sort()).toEqual([1, 2, 3]);
    expect(hits.flatMap(matched).sort()).toEqual(['council', 'councillors', 'councils']);
    // Short prefixes come from the prefix index; a one-letter word is taken whole.
    expect(search.search('cou', { limit: 20 }).map((h) => h.page).sort()).toEqual([1, 2, 3, 4]);
    expect(search.search('c', { limit: 20 })).toEqual([]);
    // Diacritics fold in the expansion too, so "dwr" and "dŵ" both find "dŵr".
    expect(search.search('dwr', { limit: 20 }).map((h) => h.page)).toEqual([5]);
    expect(search.search('ansawd', { limit: 20 }).map((h) => h.page)).toEqual([5]);
    expect(search.search('"ansawdd dwr"', { limit: 20 }).map((h) => h.page)).toEqual([5]);
    expect(toFtsQuery('budget scru')).toBe('"budget" AND "scru"*');
  });

  it('finds nothing of a superseded version, only the current one', () => {
    const { addMeeting, addPack, search } = corpus();
    const meeting = addMeeting(1);
    addPack(meeting, 1, ['Highways maintenance contract', 'Old page']);
    addPack(meeting, 2, ['Revised agenda', 'Highways maintenance contract, revised']);
    const hits = search.search('highways', { limit: 20 });
    expect(hits.map((h) => [h.version, h.page])).toEqual([[2, 2]]);
  });

  it('leaves out Part II pages and restricted papers before taking the top hits, when the gate asks', () => {
    const { db, addMeeting, addPack, search } = corpus();
    const open = addMeeting(1);
    const closedPaper = addMeeting(2);
    // The restricted pages are the most relevant ones, so filtering after the limit would lose hits.
    const strong = 'Staffing staffing staffing restructure.';
    addPack(open, 1, [...Array.from({ length: 6 }, () => strong), ...Array.from({ length: 6 }, () => `Staffing. ${filler}`)], [
      { number: '9', title: 'Staffing restructure (exempt)', from: 1, to: 6, restricted: true },
      { number: '3', title: 'Work programme', from: 7, to: 12 },
    ]);
    const paper = addPack(closedPaper, 1, Array.from({ length: 4 }, () => strong));
    db.prepare("INSERT INTO sync_documents (document_id, meeting_id, sha256, size, restricted, kind) VALUES ('d', ?, ?, 1, 1, 'pack')").run(closedPaper.id, paper.sha);

    const all = search.search('staffing', { limit: 5 });
    expect(all.map((h) => h.itemNumber ?? h.meetingId)).toEqual(expect.arrayContaining(['9']));
    const shown = search.search('staffing', { limit: 5, withoutRestricted: true });
    expect(shown).toHaveLength(5);
    expect(shown.every((h) => h.meetingId === open.id && h.itemNumber === '3')).toBe(true);
    // Taken in private on the day counts as Part II too.
    db.prepare("INSERT INTO agenda_progress (meeting_id, item_number, part_two) VALUES (?, '3', 1)").run(open.id);
    expect(search.search('staffing', { limit: 5, withoutRestricted: true })).toEqual([]);
  });

  it('pages through the ranking: a later page continues where the first stopped', () => {
    const { addMeeting, addPack, search } = corpus();
    addPack(addMeeting(1), 1, Array.from({ length: 30 }, (_, i) => `${'planning '.repeat(1 + (i % 7))}${filler}`));
    const first = search.search('planning', { limit: 10 });
    const second = search.search('planning', { limit: 10, offset: 10 });
    const both = search.search('planning', { limit: 20 });
    expect([...first, ...second].map((h) => h.page)).toEqual(both.map((h) => h.page));
    expect(new Set(both.map((h) => h.page)).size).toBe(20);
  });

  it('ranks a word on more pages than the candidate bound among the newest of them', () => {
    const { db, addMeeting, addPack, search } = corpus();
    const old = addMeeting(1, '2019-01-01');
    const oldPack = addPack(old, 1, ['Libraries libraries libraries libraries.', ...Array.from({ length: 10 }, () => `Libraries. ${filler}`)]);
    const recent = addMeeting(2, '2026-01-01');
    addPack(recent, 1, [`Libraries. ${filler}`, 'Libraries libraries libraries.', ...Array.from({ length: RANKED_CANDIDATES - 2 }, () => `Libraries. ${filler}`)]);
    const hits = search.search('libraries', { limit: 3 });
    expect(hits[0]).toMatchObject({ meetingId: recent.id, page: 2 });
    expect(hits.every((h) => h.meetingId === recent.id)).toBe(true);
    // Find in pack asks for one pack: an old pack's best page is found however many newer ones match.
    expect(search.search('libraries', { limit: 3, packId: oldPack.packId })[0]).toMatchObject({ meetingId: old.id, page: 1 });
    db.close();
  });
});
