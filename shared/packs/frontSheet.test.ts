import { describe, expect, it } from 'vitest';
import { readMeeting } from './frontSheet';
import { type Line, toLine } from './lines';
import { findMembers, parseMembers } from './membership';

const lines = (...texts: string[]): Line[] => texts.map((text) => toLine({ text, cells: [text] })).filter((l): l is Line => l !== null);

describe('labelled front-sheet fields', () => {
  it('reads Date:, Time: (24-hour) and Venue: lines under the committee, past the council name', () => {
    expect(readMeeting(lines('Exampleport Borough Council', 'Regulatory Committee', 'Date: Wednesday 12 July 2023', 'Time: 19:15', 'Venue: Main Hall, Riverside House'))).toEqual({
      committee: 'Regulatory Committee',
      date: '2023-07-12',
      startTime: '19:15',
      venue: 'Main Hall, Riverside House',
    });
  });

  it('reads a time printed before the date, and "Place:"', () => {
    expect(readMeeting(lines('Licensing Committee', 'Time: 6.30 p.m.', 'Date: 22/03/2023', 'Place: Committee Room 1'))).toMatchObject({
      committee: 'Licensing Committee',
      date: '2023-03-22',
      startTime: '18:30',
      venue: 'Committee Room 1',
    });
  });

  it('reads bilingual labels', () => {
    expect(
      readMeeting(lines('Pwyllgor Cynllunio / Planning Committee', 'Dyddiad / Date: Dydd Mawrth, 14 Mawrth 2023', 'Amser / Time: 10.00 y.b. / 10.00 am', 'Lleoliad / Venue: Siambr y Cyngor')),
    ).toEqual({ committee: 'Pwyllgor Cynllunio / Planning Committee', date: '2023-03-14', startTime: '10:00', venue: 'Siambr y Cyngor' });
  });

  it('takes the committee from a "Committee:" label', () => {
    expect(readMeeting(lines('Committee: Pensions Committee', 'Date: Tuesday, 19 September 2023')).committee).toBe('Pensions Committee');
  });
});

describe('memberships as lists of names', () => {
  const stop = () => false;

  it('reads one plain name per line under "Membership:", with roles in brackets', () => {
    expect(findMembers(lines('Membership:', 'Grace Adeyemi (Chair)', 'Liam Doyle (Vice-Chair)', 'Owen Price', 'Quorum: Three Members'), stop)).toEqual([
      { name: 'Grace Adeyemi', role: 'chair' },
      { name: 'Liam Doyle', role: 'vice-chair' },
      { name: 'Owen Price', role: 'member' },
    ]);
  });

  it('reads plain names after a bilingual label on the same line', () => {
    expect(findMembers(lines('Aelodaeth / Membership: Siân Hughes (Cadeirydd / Chair), Eleri Davies'), stop)).toEqual([
      { name: 'Siân Hughes', role: 'chair' },
      { name: 'Eleri Davies', role: 'member' },
    ]);
  });

  it('splits "Councillors A (Chair), B and C" without splitting a role such as "(Leader and Chair)"', () => {
    expect(parseMembers('Councillors Neil Oakes (Chair), Farah Khan (Vice-Chair) and Bill Tate')).toEqual([
      { name: 'Neil Oakes', role: 'chair' },
      { name: 'Farah Khan', role: 'vice-chair' },
      { name: 'Bill Tate', role: 'member' },
    ]);
    expect(parseMembers('Cllr Ruth Allen (Leader and Chair), Cllr Jo Kemp')).toEqual([
      { name: 'Ruth Allen', role: 'chair' },
      { name: 'Jo Kemp', role: 'member' },
    ]);
  });

  it('stops at a line that is not a name', () => {
    expect(findMembers(lines('Membership:', 'Alan Forbes (Chair)', 'Please contact democratic services for details.'), stop)).toEqual([{ name: 'Alan Forbes', role: 'chair' }]);
  });
});
