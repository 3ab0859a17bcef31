import { describe, expect, it } from 'vitest';
import { assembleMinutes, londonTime, type MinutesAssemblyInput } from './assemble';
import type { MinutesRecord } from './record';
import type { RichText } from './richText';

const narrative: RichText = [{ type: 'paragraph', runs: [{ text: 'The Panel discussed ' }, { text: 'the budget', bold: true }] }];

const record: MinutesRecord = {
  meetingId: '6f1d3c1e-8a7b-4c5d-9e0f-112233445566',
  status: 'draft',
  previousLastMinute: 1082,
  councilName: 'Worcestershire County Council',
  circulatedAt: null,
  approval: null,
  lockedAt: null,
  narratives: [{ itemNumber: '5', narrative, updatedBy: 'clerk', updatedAt: '2022-01-18T09:00:00Z' }],
  corrections: [],
  version: 0,
  createdAt: 'now',
  updatedAt: 'now',
};

const input = (overrides: Partial<MinutesAssemblyInput> = {}): MinutesAssemblyInput => ({
  meeting: { id: record.meetingId, title: 'Budget', committee: 'Corporate and Communities Overview and Scrutiny Panel', date: '2022-01-17', startTime: '10:00', venue: 'County Hall' },
  councilName: '',
  agenda: [
    { number: '1', title: 'Apologies and Welcome' },
    { number: '2', title: 'Declarations of Interest and of any Party Whip' },
    { number: '5', title: 'Budget Scrutiny 2022/23' },
    { number: '6', title: 'Data Sharing and Analytics' },
  ],
  progress: [
    { number: '5', endedAt: '2022-01-17T10:50:00Z', deferred: false, partTwo: false },
    { number: '6', endedAt: '2022-01-17T11:31:00Z', deferred: false, partTwo: true },
  ],
  roles: [
    { memberId: 'rouse', memberName: 'Cllr Mike Rouse', role: 'chair' },
    { memberId: 'stanley', memberName: 'Cllr James Stanley', role: 'vice-chair' },
  ],
  memberNames: { rouse: 'Cllr Mike Rouse', stanley: 'Cllr James Stanley', evans: 'Cllr Aled Evans', mcvey: 'Cllr Natalie McVey', miller: 'Cllr Tony Miller' },
  attendance: [
    { memberId: 'evans', memberName: 'Cllr Aled Evans', status: 'present' },
    { memberId: 'stanley', memberName: 'Cllr James Stanley', status: 'present' },
    { memberId: 'rouse', memberName: 'Cllr Mike Rouse', status: 'present' },
    { memberId: 'mcvey', memberName: 'Cllr Natalie McVey', status: 'apologies' },
    { memberId: 'miller', memberName: 'Cllr Tony Miller', status: 'substitute', substituteFor: 'mcvey' },
  ],
  declarations: [
    { memberId: 'evans', itemNumber: '6', kind: 'dpi', nature: 'Director of Severn Data Analytics', natureWithheld: false, action: 'withdrew', declaredAt: { when: 'declarations-item' }, scope: { whole: true }, withdrawnAt: null },
    { memberId: 'stanley', itemNumber: '6', kind: 'sensitive', nature: null, natureWithheld: true, action: 'remained', declaredAt: { when: 'during-item', itemNumber: '6' }, scope: { whole: false, part: 'the police data' }, withdrawnAt: null },
    { memberId: 'rouse', itemNumber: '5', kind: 'other-registrable', nature: 'Taken back', natureWithheld: false, action: 'remained', declaredAt: { when: 'declarations-item' }, scope: { whole: true }, withdrawnAt: '2022-01-17T10:01:00Z' },
  ],
  outcomes: [{ itemNumber: '5', kind: 'resolved', resolution: 'that the comments be reported', vote: { for: 2, against: 1, abstain: 0, recorded: { for: ['rouse', 'stanley'], against: ['evans'], abstain: [] } } }],
  actions: [{ itemNumber: '5', text: 'Report to OSPB', owner: 'Emma James', dueDate: '2022-01-26' }],
  panelComments: [
    { itemNumber: '5', title: 'Budget comments', agreedText: 'The Panel welcomed the investment.' },
    { itemNumber: '5', title: 'Still a draft', agreedText: null },
  ],
  minutes: record,
  previousLastMinute: 0,
  ...overrides,
});

describe('assembleMinutes', () => {
  it('puts every recorded fact where the minutes show it', () => {
    const doc = assembleMinutes(input());
    expect(doc.councilName).toBe('Worcestershire County Council');
    expect(doc.present).toEqual([{ name: 'Cllr Mike Rouse', role: 'chair' }, { name: 'Cllr James Stanley', role: 'vice-chair' }, { name: 'Cllr Aled Evans' }]);
    expect(doc.apologies).toEqual([{ name: 'Cllr Natalie McVey' }]);
    expect(doc.substitutes).toEqual([{ name: 'Cllr Tony Miller', forName: 'Cllr Natalie McVey' }]);
    expect(doc.items.map((i) => [i.minuteNumber, i.itemNumber, i.role])).toEqual([[1083, '1', 'apologies'], [1084, '2', 'declarations'], [1085, '5', 'business'], [1086, '6', 'business']]);
    expect(doc.declarations).toEqual([{ memberName: 'Cllr Aled Evans', itemNumber: '6', itemTitle: 'Data Sharing and Analytics', kind: 'dpi', nature: 'Director of Severn Data Analytics', action: 'withdrew' }]);
    const [, , budget, data] = doc.items;
    expect(data?.declarations).toEqual([expect.objectContaining({ memberName: 'Cllr James Stanley', nature: null, declaredDuringItem: '6', part: 'the police data' })]);
    expect(data?.partTwo).toBe(true);
    expect(budget?.narrative).toEqual(narrative);
    expect(budget?.outcome).toEqual({ kind: 'resolved', resolution: 'that the comments be reported' });
    expect(budget?.vote?.recorded).toEqual({ for: ['Cllr Mike Rouse', 'Cllr James Stanley'], against: ['Cllr Aled Evans'], abstain: [] });
    expect(budget?.panelComments).toEqual([{ title: 'Budget comments', text: 'The Panel welcomed the investment.' }]);
    expect(budget?.actions).toEqual([{ text: 'Report to OSPB', owner: 'Emma James', dueDate: '2022-01-26' }]);
    expect(doc.endTime).toBe('11:31');
    expect(doc.items.flatMap((i) => i.gaps)).toEqual([{ code: 'no-outcome', itemNumber: '1' }, { code: 'no-outcome', itemNumber: '6' }]);
    expect(doc.gaps).toEqual([]);
  });

  it('keeps the clerk’s narrative when the outcome changes and the minutes are reassembled', () => {
    const before = assembleMinutes(input());
    const after = assembleMinutes(input({ outcomes: [{ itemNumber: '5', kind: 'deferred' }] }));
    expect(after.items[2]?.narrative).toEqual(before.items[2]?.narrative);
    expect(after.items[2]?.outcome).toEqual({ kind: 'deferred' });
    expect(after.items[2]?.vote).toBeNull();
  });

  it('marks what is missing instead of failing', () => {
    const doc = assembleMinutes(input({ attendance: [], progress: [], outcomes: [], declarations: [], minutes: null, agenda: [{ number: '1', title: 'Budget' }], previousLastMinute: 40 }));
    expect(doc.gaps.map((g) => g.code)).toEqual(['no-attendance', 'no-council-name', 'no-declarations-item']);
    expect(doc.items).toMatchObject([{ minuteNumber: 41, gaps: [{ code: 'no-outcome', itemNumber: '1' }] }]);
    expect(doc.endTime).toBeNull();
    expect(doc.status).toBe('draft');
    expect(assembleMinutes(input({ agenda: [], minutes: null })).gaps.map((g) => g.code)).toContain('no-agenda');
  });

  it('prints London wall-clock times, in summer too', () => {
    expect(londonTime('2022-01-17T12:25:00Z')).toBe('12:25');
    expect(londonTime('2022-07-11T09:05:00Z')).toBe('10:05');
    expect(londonTime('not a time')).toBeNull();
  });
});
