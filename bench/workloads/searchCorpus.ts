import { randomUUID } from 'node:crypto';
import type { Db } from '../../electron/core/db/database';
import { findSeedsDir, SEED_FILES, Seeds, type SeedName } from '../../tools/sample-packs/seeds';
import { cleanText } from '../../tools/sample-packs/text';

/**
 * A search corpus that behaves like years of a council's packs rather than one pack repeated:
 * pages are sampled from the seeds' sentences and recombined by a word-level Markov chain, so term
 * frequencies follow real council prose (common words on most pages, a long tail of rare ones),
 * and each meeting has its own committee, date, agenda items and reference numbers. Written
 * straight into the tables the importer fills (pages, FTS through its triggers, items), since
 * typesetting and extracting 30,000 pages would take the bench an hour and measure import, not search.
 */

export interface SearchCorpus {
  pages: number;
  searchablePages: number;
  packs: number;
  distinctTerms: number;
  /** Terms on only a handful of pages, and terms on most of them, chosen from the built index. */
  rareTerms: string[];
  commonTerms: string[];
}

const COMMITTEES = [
  'Cabinet',
  'Planning and Regulatory Committee',
  'Audit and Governance Committee',
  'Corporate and Communities Overview and Scrutiny Panel',
  'Health Overview and Scrutiny Committee',
  'Children and Families Overview and Scrutiny Panel',
  'Economy and Environment Overview and Scrutiny Panel',
  'Adult Care and Well Being Overview and Scrutiny Panel',
  'Pensions Committee',
  'Standards and Ethics Committee',
  'Licensing Committee',
  'Council',
];
const VENUES = ['County Hall, Worcester', 'Civic Centre, Redditch', 'Guildhall, Worcester', 'Council Chamber, Kidderminster', 'Online via Microsoft Teams'];
const SYLLABLES = ['ash', 'bur', 'cot', 'den', 'fel', 'gar', 'hol', 'ick', 'lan', 'mor', 'nor', 'oak', 'pen', 'rid', 'sel', 'tow', 'ul', 'ver', 'wick', 'yar', 'bry', 'llan', 'dyf', 'tre', 'aber'];

/** A small seeded generator, so every run of the bench builds the same corpus. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedSentences(seeds: Seeds): { sentences: string[]; headings: string[] } {
  const sentences: string[] = [];
  const headings: string[] = [];
  for (const name of Object.keys(SEED_FILES) as SeedName[]) {
    for (const raw of seeds.read(name).split('\n')) {
      const line = cleanText(raw.replace(/^[#\-*\d.|\s]+/, '')).replace(/\*\*/g, '').replace(/\|/g, ' ');
      if (line.length < 4) continue;
      if (/^#{2,}/.test(raw.trim()) && line.length <= 90) headings.push(line);
      for (const s of line.split(/(?<=[.!?;:])\s+/)) if (s.length >= 25 && s.length <= 400) sentences.push(s);
    }
  }
  return { sentences, headings };
}

export function buildSearchCorpus(db: Db, documentSha: string, targetPages: number): SearchCorpus {
  const random = prng(23);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const { sentences, headings } = seedSentences(new Seeds(findSeedsDir()));
  // Word-level chain over the seed sentences: next words as they followed each word in real text.
  const chain = new Map<string, string[]>();
  for (const s of sentences) {
    const words = s.split(/\s+/);
    for (let i = 0; i + 1 < words.length; i++) {
      const key = (words[i] ?? '').toLowerCase();
      const next = chain.get(key);
      if (next) next.push(words[i + 1] ?? '');
      else chain.set(key, [words[i + 1] ?? '']);
    }
  }
  const place = () => {
    const n = 2 + Math.floor(random() * 2);
    let word = '';
    for (let i = 0; i < n; i++) word += pick(SYLLABLES);
    return word[0]?.toUpperCase() + word.slice(1);
  };
  const chained = () => {
    let word = pick(sentences).split(/\s+/)[0] ?? 'The';
    const out = [word];
    for (let i = 0; i < 40; i++) {
      const next = chain.get(word.toLowerCase());
      if (!next) break;
      word = pick(next);
      out.push(word);
      if (/[.!?]$/.test(word)) break;
    }
    return out.join(' ');
  };
  // Reference numbers, money and places give each meeting its own rare terms, as real packs have.
  const particular = () => {
    const r = random();
    if (r < 0.3) return `Application ${Math.floor(10 + random() * 16)}/${String(Math.floor(random() * 9999)).padStart(5, '0')}/FUL at ${place()} Farm, ${place()}.`;
    if (r < 0.6) return `The ${place()} ward allocation is £${Math.floor(random() * 900 + 10)},${String(Math.floor(random() * 999)).padStart(3, '0')} for ${2018 + Math.floor(random() * 9)}/${19 + Math.floor(random() * 9)}.`;
    return `Councillor ${place()} asked about the ${place()} scheme.`;
  };
  const pageText = (pageNo: number, heading: string | null) => {
    const parts: string[] = heading ? [heading] : [];
    let words = 0;
    const want = 180 + Math.floor(random() * 260);
    while (words < want) {
      const r = random();
      const s = r < 0.55 ? pick(sentences) : r < 0.9 ? chained() : particular();
      parts.push(s);
      words += s.split(/\s+/).length;
    }
    parts.push(`Page ${pageNo}`);
    return parts.join(random() < 0.3 ? '\n\n' : ' ');
  };

  const insertDoc = db.prepare('INSERT OR IGNORE INTO documents (sha256, byte_size, page_count, created_at) VALUES (?, 1, ?, ?)');
  const insertMeeting = db.prepare(
    "INSERT INTO meetings (id, title, committee, date, start_time, venue, status, created_at, updated_at) VALUES (?, ?, ?, ?, '10:00', ?, 'closed', ?, ?)",
  );
  const insertPack = db.prepare(
    "INSERT INTO packs (id, meeting_id, version, document_sha256, source_name, structure_source, warnings, imported_at) VALUES (?, ?, ?, ?, 'generated.pdf', 'agenda-table', '[]', ?)",
  );
  const insertPage = db.prepare('INSERT INTO pack_pages (pack_id, page_index, printed_page, text) VALUES (?, ?, ?, ?)');
  const insertItem = db.prepare(
    "INSERT INTO agenda_items (id, pack_id, meeting_id, position, number, title, printed_from, printed_to, pdf_from, pdf_to, status, restricted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'published', ?)",
  );
  const now = new Date().toISOString();
  insertDoc.run(documentSha, 1, now);
  let pages = 0;
  let searchablePages = 0;
  let packs = 0;
  const build = db.transaction(() => {
    for (let meetingNo = 0; pages < targetPages; meetingNo++) {
      const meetingId = randomUUID();
      const committee = COMMITTEES[meetingNo % COMMITTEES.length] ?? 'Council';
      const day = new Date(Date.UTC(2018, 0, 1) + Math.floor(random() * 9 * 365) * 86400000).toISOString().slice(0, 10);
      insertMeeting.run(meetingId, committee, committee, day, pick(VENUES), now, now);
      // One meeting in ten was republished: its first version's pages stay stored but are not searched.
      const versions = random() < 0.1 ? 2 : 1;
      for (let version = 1; version <= versions; version++) {
        const packId = randomUUID();
        const pageCount = 150 + Math.floor(random() * 200);
        insertPack.run(packId, meetingId, version, documentSha, now);
        packs++;
        const itemCount = 6 + Math.floor(random() * 9);
        const starts = [1, ...Array.from({ length: itemCount - 1 }, (_, i) => 2 + Math.floor(((i + 1) * (pageCount - 2)) / itemCount))];
        starts.forEach((from, i) => {
          const to = (starts[i + 1] ?? pageCount + 1) - 1;
          // Roughly one item in twenty is Part II, so the offline expiry gate has pages to close.
          insertItem.run(randomUUID(), packId, meetingId, i, String(i + 1), i === 0 ? 'Apologies and declarations of interest' : pick(headings), from, to, from, to, random() < 0.05 ? 1 : 0);
        });
        for (let p = 0; p < pageCount; p++) {
          insertPage.run(packId, p, p + 1, pageText(p + 1, starts.includes(p + 1) ? pick(headings) : null));
        }
        pages += pageCount;
        if (version === versions) searchablePages += pageCount;
      }
    }
  });
  build();
  db.exec("INSERT INTO pack_pages_fts (pack_pages_fts) VALUES ('optimize')");
  db.exec("CREATE VIRTUAL TABLE temp.bench_vocab USING fts5vocab(main, 'pack_pages_fts', 'row')");
  const distinctTerms = (db.prepare('SELECT count(*) AS n FROM temp.bench_vocab').get() as { n: number }).n;
  // Letters-only words of ordinary length found in a current version, so the queries look like
  // what a member would type and each has hits to rank.
  const current = db.prepare(
    `SELECT 1 FROM pack_pages_fts f JOIN pack_pages pp ON pp.id = f.rowid JOIN packs p ON p.id = pp.pack_id
     WHERE pack_pages_fts MATCH ? AND p.version = (SELECT max(version) FROM packs WHERE meeting_id = p.meeting_id) LIMIT 1`,
  );
  // Rare words of two kinds: the seeds' least used words (every seed sentence recurs, so these
  // are on a few hundred pages of 30,000) and the names and words only a few meetings' pages hold.
  const seedWords = new Set(sentences.flatMap((line) => line.toLowerCase().match(/\p{L}+/gu) ?? []));
  const termsWhere = (where: string, order: string, fromSeeds: boolean, count: number) =>
    (db.prepare(`SELECT term FROM temp.bench_vocab WHERE ${where} AND length(term) BETWEEN 5 AND 12 AND term NOT GLOB '*[^a-z]*' ORDER BY ${order}`).all() as { term: string }[])
      .map((r) => r.term)
      .filter((term) => seedWords.has(term) === fromSeeds && current.get(`"${term}"`) !== undefined)
      .slice(0, count);
  const rareTerms = [
    ...termsWhere('doc >= 2', 'doc, term', true, 4),
    ...termsWhere('doc BETWEEN 2 AND 12', 'unicode(substr(term, 4)) % 7, substr(term, 2)', false, 4),
  ];
  const commonTerms = termsWhere(`doc >= ${Math.floor(searchablePages * 0.2)}`, 'doc DESC', true, 8);
  db.exec('DROP TABLE temp.bench_vocab');
  return { pages, searchablePages, packs, distinctTerms, rareTerms, commonTerms };
}
