import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenCivicDataMinutes } from '../../../shared/minutes/openData';
import type { Core } from '../core';
import { takingTurns } from '../identity/switchingCaller';
import { samplePackFile, seedChair, seedClerk, seedMeeting, seedPanelComment, seedResolution } from '../demo/seedMeeting';
import { seedDataSharingNarrative } from '../demo/seedMinutes';
import { distDir } from '../testing/tempDir';
import { demoMinutesSections } from './testing/demoSections';
import { pdfText } from './testing/exportedText';
import { openTestCore, value } from '../testing/harness';

let core: Core;
let meetingId: string;
beforeEach(async () => {
  core = takingTurns(openTestCore());
  meetingId = (await seedMeeting(core, samplePackFile(distDir))).meetingId;
});
afterEach(() => core.close());

describe('minutes of the recorded seed meeting', () => {
  it('assembles every section from what was recorded', async () => {
    const doc = value(await core.call('assembleMinutes', { meetingId }));
    expect(doc).toMatchObject({ councilName: 'Worcestershire County Council', committee: 'Corporate and Communities Overview and Scrutiny Panel', date: '2022-01-17', startTime: '10:00', endTime: '12:18', status: 'draft' });
    expect(doc.present.slice(0, 2)).toEqual([{ name: 'Cllr Mike Rouse', role: 'chair' }, { name: 'Cllr James Stanley', role: 'vice-chair' }]);
    expect(doc.present).toHaveLength(8);
    expect(doc.apologies).toEqual([{ name: 'Cllr Natalie McVey' }]);
    expect(doc.substitutes).toEqual([{ name: 'Cllr Tony Miller', forName: 'Cllr Natalie McVey' }]);
    expect(doc.alsoInAttendance.map((a) => a.name).sort()).toEqual(['Cllr Adrian Hardman', 'Michael Hudson']);
    expect(doc.declarations.map((d) => [d.memberName, d.itemNumber, d.kind, d.action])).toEqual(
      expect.arrayContaining([
        ['Cllr Aled Evans', '6', 'dpi', 'withdrew'],
        ['Cllr Laura Gretton', '7', 'other-registrable', 'remained-did-not-vote'],
      ]),
    );
    expect(doc.items.map((i) => i.minuteNumber)).toEqual([1083, 1084, 1085, 1086, 1087, 1088, 1089, 1090]);
    expect(doc.items.map((i) => i.role)).toEqual(['apologies', 'declarations', 'business', 'confirmation', 'business', 'business', 'business', 'business']);
    const budget = doc.items[4];
    expect(budget?.outcome).toEqual({ kind: 'resolved', resolution: seedResolution });
    expect(budget?.vote).toMatchObject({ for: 7, against: 1, abstain: 1, recorded: { against: ['Cllr Craig Warhurst'], abstain: ['Cllr Peter Griffiths'] } });
    expect(budget?.panelComments).toEqual([{ title: seedPanelComment.title, text: seedPanelComment.first + seedPanelComment.addition }]);
    expect(budget?.actions).toEqual([{ text: 'Send the agreed budget comments to the Overview and Scrutiny Performance Board', owner: 'Emma James', dueDate: '2022-01-26' }]);
    expect(doc.items[5]?.narrative).toEqual(seedDataSharingNarrative);
    expect([...doc.gaps, ...doc.items.flatMap((i) => i.gaps)]).toEqual([]);
  });

  it('keeps the clerk’s narrative when an outcome changes afterwards', async () => {
    value(await core.call('recordOutcome', { actingMemberId: seedChair, outcome: { meetingId, itemNumber: '6', kind: 'agreed', resolution: 'that the Chairman and Vice-Chairman report back with a way ahead.' } }));
    const doc = value(await core.call('assembleMinutes', { meetingId }));
    expect(doc.items[5]?.outcome).toEqual({ kind: 'agreed', resolution: 'that the Chairman and Vice-Chairman report back with a way ahead.' });
    expect(doc.items[5]?.narrative).toEqual(seedDataSharingNarrative);
    // Another item's narrative saved later lands beside it.
    value(await core.call('saveMinuteNarrative', { actingMemberId: seedClerk, meetingId, itemNumber: '5', narrative: [{ type: 'paragraph', runs: [{ text: 'The Panel scrutinised the draft budget.' }] }] }));
    expect(value(await core.call('assembleMinutes', { meetingId })).items[4]?.narrative).toHaveLength(1);
  });

  it.each(['pdf', 'html', 'json'] as const)('exports %s through the contract with every section', async (format) => {
    const exported = value(await core.call('exportMinutes', { meetingId, format, language: 'en-GB' }));
    expect(exported.fileName).toBe(`minutes-2022-01-17-corporate-and-communities-overview-and-scrutiny-panel.${format}`);
    expect(exported.gaps).toBe(0);
    const bytes = Buffer.from(exported.data, 'base64');
    if (format === 'json') {
      const data = OpenCivicDataMinutes.parse(JSON.parse(bytes.toString('utf8')));
      expect(data.vote_events[0]?.votes).toContainEqual({ voter_name: 'Cllr Craig Warhurst', option: 'no' });
      expect(data.motions.map((m) => m.text)).toContain(seedResolution);
      return;
    }
    const text = format === 'pdf' ? pdfText(bytes) : bytes.toString('utf8').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
    for (const [section, expected] of demoMinutesSections) expect(text, section).toContain(expected);
  });
});
