import { seedMembers, seedPanelComment, seedResolution } from '../../demo/seedMeeting';

const name = (id: string) => seedMembers.find((m) => m.id === id)?.name ?? id;

/**
 * What English minutes of the `chamber demo` meeting must show, section by section, whatever the
 * format: the tests that export it look for every entry in the text they read back.
 */
export const demoMinutesSections: readonly (readonly [section: string, text: string])[] = [
  ['council in the header', 'Worcestershire County Council'],
  ['committee', 'Corporate and Communities Overview and Scrutiny Panel'],
  ['date, time and venue', 'Monday 17 January 2022 at 10:00, Council Chamber, County Hall'],
  ['present, chair marked', `${name('rouse')} (Chairman)`],
  ['present, vice-chair marked', `${name('stanley')} (Vice-Chairman)`],
  ['apologies', 'Apologies'],
  ['apologies, who', name('mcvey')],
  ['substitutes', `${name('miller')} (substituting for ${name('mcvey')})`],
  ['also in attendance', 'Also in attendance'],
  ['also in attendance, who', name('hardman')],
  ['declarations under the declarations item', 'Declarations of interest and of any party whip'],
  ['declaration kind', 'Disclosable pecuniary interest'],
  ['declaration nature', 'Director of Severn Data Analytics Ltd'],
  ['declaration action', 'Withdrew from the meeting for the item'],
  ['numbered minute', '1087 Budget Scrutiny 2022/23'],
  ['last numbered minute', '1090 Work Programme'],
  ['resolution', 'RESOLVED'],
  ['resolution text', seedResolution.slice(0, 60)],
  ['recorded vote', 'Recorded vote'],
  ['vote counts', 'Abstained'],
  ['panel comment', 'Comments agreed by the Panel'],
  ['panel comment text', seedPanelComment.first],
  ['actions', 'Actions arising'],
  ['action text', 'Circulate the data sharing agreement register'],
  ['narrative as written', 'Worcestershire Office of Data Analytics'],
  ['time ended', 'The meeting ended at 12:18.'],
  ['chair signature line', 'Chairman'],
  ['signature', 'Signed:'],
];
