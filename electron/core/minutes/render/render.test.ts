import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { OpenCivicDataMinutes } from '../../../../shared/minutes/openData';
import { MinutesDocument } from '../../../../shared/minutes/model';
import { docxTextViaLibreOffice, pdfPages, pdfText } from '../testing/exportedText';
import { seedMinutesContent, seedMinutesDocument } from '../testing/seedMinutes';
import { renderMinutes } from './index';

const seedsDir = path.resolve(import.meta.dirname, '../../../../resources/seeds');

/** Fixed phrases each language must show: every section's heading or wording. */
const phrases = {
  'en-GB': [
    'Minutes: Corporate and Communities',
    'Minutes of the meeting held on Monday 17 January 2022 at 10:00',
    'DRAFT',
    'Present',
    '(Chairman)',
    '(Vice-Chairman)',
    'Apologies',
    'Substitutes',
    'substituting for Cllr Natalie McVey',
    'Also in attendance',
    'Declarations of interest and of any party whip',
    'Other registrable interest',
    'Disclosable pecuniary interest',
    'Withdrew from the meeting for the item',
    'Declarations made during this item',
    'Agenda item 5',
    'RESOLVED',
    'AGREED',
    'The report was noted.',
    'Votes cast',
    'Abstained',
    'Recorded vote',
    'Comments agreed by the Panel',
    'Actions arising',
    'Due by',
    'The meeting ended at 12:25.',
    'Signed:',
    'Gap: no outcome or narrative was recorded for item 7.',
  ],
  cy: [
    'Cofnodion: Corporate and Communities',
    'Cofnodion y cyfarfod a gynhaliwyd ar Dydd Llun 17 Ionawr 2022 am 10:00',
    'DRAFFT',
    'Yn bresennol',
    '(Cadeirydd)',
    '(Is-gadeirydd)',
    'Ymddiheuriadau',
    'Dirprwyon',
    'yn dirprwyo dros Cyng. Natalie McVey',
    'Hefyd yn bresennol',
    'Datganiadau o fuddiant ac o unrhyw chwip plaid',
    'Buddiant cofrestradwy arall',
    'Gadawodd y cyfarfod ar gyfer yr eitem',
    'Datganiadau a wnaed yn ystod yr eitem hon',
    'Eitem 5 ar yr agenda',
    'PENDERFYNWYD',
    'CYTUNWYD',
    'Nodwyd yr adroddiad.',
    'Pleidleisiau a fwriwyd',
    'Pleidlais wedi',
    'Sylwadau y cytunodd y Panel arnynt',
    'Camau gweithredu',
    'Daeth y cyfarfod i ben am 12:25.',
    'Llofnod:',
    'Bwlch: ni chofnodwyd canlyniad na naratif ar gyfer eitem 7.',
  ],
} as const;

const pageLabel = { 'en-GB': 'Page 1 of', cy: 'Tudalen 1 o' } as const;

function expectEverySection(text: string, language: keyof typeof phrases): void {
  // Welsh minutes print members as Cyng. (Cynghorydd).
  const content = language === 'cy' ? seedMinutesContent.map((c) => c.replace(/\bCllr\b/g, 'Cyng.')) : seedMinutesContent;
  for (const expected of [...content, ...phrases[language]]) expect(text, `${language}: ${expected}`).toContain(expected);
}

describe('minutes exports of the seed meeting', () => {
  const doc = seedMinutesDocument(seedsDir);

  it.each(['en-GB', 'cy'] as const)('PDF (%s): paged, every section in pdftotext, header and page numbers', async (language) => {
    const pdf = await renderMinutes(doc, 'pdf', language);
    const text = pdfText(pdf);
    expectEverySection(text, language);
    expect(text).toContain(pageLabel[language]);
    expect(pdfPages(pdf)).toBeGreaterThan(1);
    expect(text).toContain(`${pageLabel[language]} ${pdfPages(pdf)}`);
  });

  it.each(['en-GB', 'cy'] as const)('DOCX (%s) converts with LibreOffice and keeps every section, header and page numbers', async (language) => {
    const docx = await renderMinutes(doc, 'docx', language);
    expect(Buffer.from(docx.subarray(0, 2)).toString()).toBe('PK');
    const text = docxTextViaLibreOffice(docx);
    expectEverySection(text, language);
    expect(text).toContain(pageLabel[language]);
    expect(text).toContain('Worcestershire County Council — Corporate and Communities Overview and Scrutiny Panel');
  }, 180_000);

  it('DOCX uses real heading styles and a numbered list for numbered paragraphs', async () => {
    // fflate is what the docx library zips with.
    const files = unzipSync(await renderMinutes(doc, 'docx', 'en-GB'));
    const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('w:val="Heading1"');
    expect(xml).toContain('w:val="Heading2"');
    expect(xml).toMatch(/<w:numPr>/);
    expect(xml).toContain('w:tblHeader');
    const headers = Object.keys(files).filter((name) => /word\/header\d*\.xml/.test(name));
    expect(headers.map((name) => strFromU8(files[name] ?? new Uint8Array())).join('')).toContain('Worcestershire County Council');
  });

  it.each([
    ['en-GB', 'Monday 14 February 2022'],
    ['cy', 'Dydd Llun 14 Chwefror 2022'],
  ] as const)('PDF (%s): the council’s name heads the minutes and action due dates are long dates', async (language, due) => {
    const text = pdfText(await renderMinutes(doc, 'pdf', language));
    expect(text.indexOf('Worcestershire County Council')).toBeLessThan(text.indexOf(language === 'cy' ? 'Cofnodion:' : 'Minutes:'));
    expect(text).toContain(due);
    expect(text).not.toContain('2022-02-14');
  });

  it('prints members as Cyng. in Welsh and Cllr in English', async () => {
    const welsh = pdfText(await renderMinutes(doc, 'pdf', 'cy'));
    expect(welsh).toContain('Cyng. Natalie McVey');
    expect(welsh).not.toMatch(/\bCllr\b/);
    expect(pdfText(await renderMinutes(doc, 'pdf', 'en-GB'))).toContain('Cllr Natalie McVey');
  });

  it('DOCX has a house style: paragraph spacing, spaced headings, the council’s name centred above the title', async () => {
    const files = unzipSync(await renderMinutes(doc, 'docx', 'en-GB'));
    const styles = strFromU8(files['word/styles.xml'] ?? new Uint8Array());
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:spacing w:after="120" w:line="276"\/>/);
    expect(styles).toMatch(/w:styleId="Heading2"[\s\S]*?<w:spacing w:after="120" w:before="360"\/>/);
    const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    expect(xml).toMatch(/<w:jc w:val="center"\/>[\s\S]*?Worcestershire County Council[\s\S]*?w:val="Heading1"/);
    expect(xml).toContain('Monday 14 February 2022');
  });

  it.each(['en-GB', 'cy'] as const)('HTML (%s): semantic, escaped, no script', async (language) => {
    const html = new TextDecoder().decode(await renderMinutes(doc, 'html', language));
    expect(html).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${language}">`));
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h2 id="minute-1083">1083');
    expect(html).toContain('<th scope="col">');
    expect(html).toContain('<caption>');
    expect(html).not.toMatch(/<script/i);
    const text = html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
    expectEverySection(text, language);
  });

  it('HTML escapes whatever the clerk typed', async () => {
    const hostile = MinutesDocument.parse({ ...doc, items: doc.items.map((i, n) => (n === 0 ? { ...i, narrative: [{ type: 'paragraph', runs: [{ text: '<img src=x onerror=alert(1)>' }] }] } : i)) });
    const html = new TextDecoder().decode(await renderMinutes(hostile, 'html', 'en-GB'));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('JSON follows Open Civic Data events and Popolo motions and vote events', async () => {
    const json = JSON.parse(new TextDecoder().decode(await renderMinutes(doc, 'json', 'en-GB'))) as unknown;
    const data = OpenCivicDataMinutes.parse(json);
    expect(data.event.start_date).toBe('2022-01-17T10:00');
    expect(data.event.end_date).toBe('2022-01-17T12:25');
    expect(data.event.agenda.map((a) => a.extras.minute_number)).toEqual([1083, 1084, 1085, 1086, 1087, 1088, 1089, 1090]);
    expect(data.event.participants).toContainEqual({ entity_type: 'person', name: 'Cllr Mike Rouse', note: 'chair' });
    expect(data.event.extras.substitutes).toEqual([{ name: 'Cllr Beverley Nielsen', substitute_for: 'Cllr Natalie McVey' }]);
    expect(data.event.extras.declarations).toHaveLength(2);
    expect(data.motions.map((m) => m.classification)).toEqual(['agreed', 'resolved']);
    expect(data.vote_events).toHaveLength(1);
    expect(data.vote_events[0]?.motion_id).toBe(data.motions[1]?.id);
    expect(data.vote_events[0]?.counts).toEqual([{ option: 'yes', value: 6 }, { option: 'no', value: 1 }, { option: 'abstain', value: 1 }]);
    expect(data.vote_events[0]?.votes).toContainEqual({ voter_name: 'Cllr Emma Marshall', option: 'no' });
    expect(data.event.agenda[5]?.notes[0]).toContain('Worcestershire Office of Data Analytics');
    expect(data.event.agenda[6]?.extras.gaps).toEqual([{ code: 'no-outcome', itemNumber: '7' }]);
  });
});

describe('minutes with missing data', () => {
  const bare = MinutesDocument.parse({
    ...seedMinutesDocument(seedsDir),
    endTime: null,
    present: [],
    apologies: [],
    substitutes: [],
    alsoInAttendance: [],
    declarations: [],
    items: [{ minuteNumber: 1, itemNumber: '1', title: 'Budget', role: 'business', narrative: [], outcome: { kind: 'resolved' }, vote: null, declarations: [], panelComments: [], actions: [], gaps: [{ code: 'no-resolution-text', itemNumber: '1' }] }],
    gaps: [{ code: 'no-attendance' }, { code: 'no-chair' }, { code: 'no-declarations-item' }],
  });

  it.each(['pdf', 'docx', 'html', 'json'] as const)('%s still renders and marks every gap', async (format) => {
    const bytes = await renderMinutes(bare, format, 'en-GB');
    expect(bytes.byteLength).toBeGreaterThan(0);
    if (format === 'json') {
      const data = OpenCivicDataMinutes.parse(JSON.parse(new TextDecoder().decode(bytes)));
      expect(data.event.extras.gaps.map((g) => g.code)).toEqual(['no-attendance', 'no-chair', 'no-declarations-item', 'no-resolution-text']);
      return;
    }
    const text = format === 'pdf' ? pdfText(bytes) : format === 'html' ? new TextDecoder().decode(bytes).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') : docxTextViaLibreOffice(bytes);
    for (const expected of [
      'Gap: no attendance was recorded.',
      'Gap: no chair was recorded as present.',
      'Gap: the time the meeting ended was not recorded.',
      'item 1 was resolved but the words of the resolution are missing.',
      'No interests were declared.',
      'None.',
    ]) {
      expect(text, `${format}: ${expected}`).toContain(expected);
    }
  }, 180_000);
});
