import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import type { InputOf, OperationName, OutputOf } from '../../../shared/api/contract';
import type { MeetingRoleName } from '../../../shared/domain/interests';
import type { Core } from '../core';
import { CoreError } from '../errors';
import { seedMinutesDraft } from './seedMinutes';
import { takingTurns } from '../identity/switchingCaller';

/**
 * A fully recorded meeting on the 17 January 2022 sample pack: the fixture `chamber demo` loads,
 * the e2e journey follows and the minutes (issue 6) are assembled from. Everything goes through the
 * contract, as the chair and clerk would do it, so the fixture can never hold what the rules refuse.
 */

export const seedMembers = [
  { id: 'rouse', name: 'Cllr Mike Rouse', role: 'chair' },
  { id: 'stanley', name: 'Cllr James Stanley', role: 'vice-chair' },
  { id: 'allcott', name: 'Cllr Mel Allcott', role: 'member' },
  { id: 'evans', name: 'Cllr Aled Evans', role: 'member' },
  { id: 'gretton', name: 'Cllr Laura Gretton', role: 'member' },
  { id: 'griffiths', name: 'Cllr Peter Griffiths', role: 'member' },
  { id: 'marshall', name: 'Cllr Emma Marshall', role: 'member' },
  { id: 'mcvey', name: 'Cllr Natalie McVey', role: 'member' },
  { id: 'warhurst', name: 'Cllr Craig Warhurst', role: 'member' },
  { id: 'miller', name: 'Cllr Tony Miller', role: 'substitute' },
  { id: 'hardman', name: 'Cllr Adrian Hardman', role: 'cabinet-member' },
  { id: 'hudson', name: 'Michael Hudson', role: 'officer' },
  { id: 'james', name: 'Emma James', role: 'clerk' },
] as const satisfies readonly { id: string; name: string; role: MeetingRoleName }[];

export const seedChair = 'rouse';
export const seedClerk = 'james';
export const seedApology = { memberId: 'mcvey', substitute: 'miller' } as const;

/** When each item started and ended; item 5 (45 minutes indicated) overran to 56 minutes. */
export const seedTimings = [
  ['1', '2022-01-17T10:00:00.000Z', '2022-01-17T10:02:00.000Z'],
  ['2', '2022-01-17T10:02:00.000Z', '2022-01-17T10:04:00.000Z'],
  ['3', '2022-01-17T10:04:00.000Z', '2022-01-17T10:05:00.000Z'],
  ['4', '2022-01-17T10:05:00.000Z', '2022-01-17T10:06:00.000Z'],
  ['5', '2022-01-17T10:06:00.000Z', '2022-01-17T11:02:00.000Z'],
  ['6', '2022-01-17T11:02:00.000Z', '2022-01-17T11:35:00.000Z'],
  ['7', '2022-01-17T11:35:00.000Z', '2022-01-17T12:10:00.000Z'],
  ['8', '2022-01-17T12:10:00.000Z', '2022-01-17T12:18:00.000Z'],
] as const;
export const seedOverrunItem = '5';

export const seedResolution =
  'The Panel agreed its budget scrutiny comments for the Overview and Scrutiny Performance Board and asked that they be reported to Cabinet.';

export const seedPanelComment = {
  itemNumber: '5',
  title: 'Budget scrutiny comments to the Overview and Scrutiny Performance Board',
  first: 'The Panel supports the proposed budget for Corporate and Communities.',
  addition: ' The Panel asks for a breakdown of the savings in the library service before the February Cabinet.',
} as const;

export interface SeededMeeting {
  meetingId: string;
  alreadyLoaded: boolean;
  dpiDeclarationId: string | null;
  panelCommentId: string | null;
}

/** The 17 January 2022 sample pack the build typeset, as a file. */
export function samplePackFile(distDir: string): string {
  const dir = path.join(distDir, 'sample-packs');
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new CoreError('NOT_FOUND', 'The sample packs were not built (run npm run build)');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { packs: { file: string; language?: string; meeting: { date: string } | null; revisions?: unknown }[] };
  const pack = manifest.packs.find((p) => p.meeting?.date === '2022-01-17' && !p.revisions && p.language !== 'cy');
  if (!pack) throw new CoreError('NOT_FOUND', 'The 17 January 2022 sample pack is missing from the manifest');
  return path.join(dir, pack.file);
}

export async function seedMeeting(device: Core, packFile: string): Promise<SeededMeeting> {
  // The demo's chair, clerk and members take turns at this one device, each turn a recorded choice;
  // afterwards the device is handed back to whoever used it before.
  const before = await device.call('getIdentity', {});
  const core = takingTurns(device);
  try {
    return await seedAs(core, packFile);
  } finally {
    const after = await device.call('getIdentity', {});
    if (before.ok && after.ok && after.value.memberId !== before.value.memberId) await device.call('chooseMember', { memberId: before.value.memberId, via: 'cli' });
  }
}

async function seedAs(core: Core, packFile: string): Promise<SeededMeeting> {
  const call = async <N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> => {
    const result = await core.call(name, input);
    if (!result.ok) throw new CoreError(result.error.code, `${name}: ${result.error.message}`, result.error.issues);
    return result.value;
  };
  // Known before the pack arrives, so its front sheet's membership (chair, vice-chair, members)
  // lands on these members rather than on new ones of the same name.
  const known = new Set((await call('listMembers', {})).map((m) => m.id));
  for (const m of seedMembers) if (!known.has(m.id)) await call('saveMember', { id: m.id, name: m.name });
  const { meetingId } = await core.importPackFile(packFile);
  if ((await call('getAttendance', { meetingId })).entries.length > 0) {
    return { meetingId, alreadyLoaded: true, dpiDeclarationId: null, panelCommentId: null };
  }
  const chair = seedChair;
  const clerk = seedClerk;

  // The front sheet made Cllr Rouse the chair; the chair adds the substitute, officers and clerk.
  for (const m of seedMembers) {
    await call('setMeetingRole', { actingMemberId: chair, meetingId, memberId: m.id, role: m.role });
  }

  // Registers, so the suggestions have something to find.
  await call('importRegisteredInterests', {
    actingMemberId: clerk,
    json: JSON.stringify([
      { memberId: 'evans', category: 'employment', description: 'Director of Severn Data Analytics Ltd', organisation: 'Severn Data Analytics', keywords: ['data analytics'] },
      { memberId: 'gretton', category: 'other-registrable', description: 'Board member of West Mercia Energy', organisation: 'West Mercia Energy' },
    ]),
  });

  // Attendance: one apology with a substitute, an officer and a cabinet member in attendance.
  for (const m of seedMembers) {
    if (m.role === 'clerk') continue;
    const status = m.id === seedApology.memberId ? 'apologies' : m.role === 'substitute' ? 'substitute' : m.role === 'officer' || m.role === 'cabinet-member' ? 'in-attendance' : 'present';
    if (status === 'substitute') continue;
    await call('recordAttendance', { actingMemberId: clerk, attendance: { meetingId, memberId: m.id, status, ...(m.id === 'hardman' ? { arrivedAtItem: '5', departedAtItem: '5' } : {}) } });
  }
  await call('recordAttendance', { actingMemberId: clerk, attendance: { meetingId, memberId: seedApology.substitute, status: 'substitute', substituteFor: seedApology.memberId } });

  // Declarations: a pre-declaration confirmed at item 2, and a DPI on item 6 with withdrawal.
  const preDeclared = await call('recordDeclaration', {
    actingMemberId: 'gretton',
    declaration: {
      memberId: 'gretton',
      meetingId,
      itemNumber: '7',
      kind: 'other-registrable',
      nature: 'Board member of West Mercia Energy',
      action: 'remained-did-not-vote',
      declaredAt: { when: 'declarations-item' },
      scope: { whole: true },
      preDeclared: true,
      confirmedByChair: false,
    },
  });
  await call('confirmDeclaration', { actingMemberId: chair, declarationId: preDeclared.id });
  const dpi = await call('recordDeclaration', {
    actingMemberId: clerk,
    declaration: {
      memberId: 'evans',
      meetingId,
      itemNumber: '6',
      kind: 'dpi',
      nature: 'Director of Severn Data Analytics Ltd, which provides analytics services to the Council',
      action: 'withdrew',
      declaredAt: { when: 'declarations-item' },
      scope: { whole: true },
      preDeclared: false,
      confirmedByChair: true,
    },
  });

  // The agenda as it ran.
  for (const [number, start, end] of seedTimings) {
    await call('startAgendaItem', { actingMemberId: chair, meetingId, itemNumber: number, at: start });
    await call('endAgendaItem', { actingMemberId: chair, meetingId, itemNumber: number, at: end });
  }

  // Outcomes, with a recorded vote on the budget comments.
  for (const itemNumber of ['1', '2', '3']) await call('recordOutcome', { actingMemberId: clerk, outcome: { meetingId, itemNumber, kind: 'noted' } });
  await call('recordOutcome', { actingMemberId: clerk, outcome: { meetingId, itemNumber: '4', kind: 'agreed', resolution: 'The minutes of the meeting held on 15 November 2021 were agreed as a correct record and signed by the Chairman.' } });
  await call('recordOutcome', {
    actingMemberId: clerk,
    outcome: {
      meetingId,
      itemNumber: '5',
      kind: 'resolved',
      resolution: seedResolution,
      vote: { for: 7, against: 1, abstain: 1, recorded: { for: ['rouse', 'stanley', 'allcott', 'evans', 'gretton', 'marshall', 'miller'], against: ['warhurst'], abstain: ['griffiths'] } },
    },
  });
  await call('recordOutcome', { actingMemberId: clerk, outcome: { meetingId, itemNumber: '6', kind: 'noted' } });
  await call('recordOutcome', { actingMemberId: clerk, outcome: { meetingId, itemNumber: '7', kind: 'noted' } });
  await call('recordOutcome', { actingMemberId: clerk, outcome: { meetingId, itemNumber: '8', kind: 'agreed', resolution: 'The Panel agreed its work programme for 2022.' } });

  // Actions for the tracker.
  await call('saveAction', { actingMemberId: clerk, action: { meetingId, itemNumber: '5', text: 'Send the agreed budget comments to the Overview and Scrutiny Performance Board', owner: 'Emma James', dueDate: '2022-01-26' } });
  await call('saveAction', { actingMemberId: clerk, action: { meetingId, itemNumber: '6', text: 'Circulate the data sharing agreement register to the Panel', owner: 'Michael Hudson', dueDate: '2022-02-14' } });
  await call('saveAction', { actingMemberId: clerk, action: { meetingId, itemNumber: '8', text: 'Add the energy purchasing review to the work programme for June', owner: 'Emma James' } });

  // A panel comment drafted by one member, added to by another in their own editor, agreed by the chair.
  const comment = await call('createPanelComment', { actingMemberId: 'gretton', meetingId, itemNumber: seedPanelComment.itemNumber, title: seedPanelComment.title, text: seedPanelComment.first });
  const editor = new Y.Doc();
  Y.applyUpdate(editor, Buffer.from((await call('pullPanelComment', { commentId: comment.id })).update, 'base64'));
  const before = Y.encodeStateVector(editor);
  const text = editor.getText('text');
  text.insert(text.length, seedPanelComment.addition);
  await call('pushPanelCommentUpdate', { actingMemberId: 'allcott', commentId: comment.id, update: Buffer.from(Y.encodeStateAsUpdate(editor, before)).toString('base64') });
  await call('agreePanelComment', { actingMemberId: chair, commentId: comment.id, expectedText: seedPanelComment.first + seedPanelComment.addition });

  // The clerk's draft minutes, so `chamber export-minutes` has a narrative and continued numbering.
  await seedMinutesDraft(core, meetingId, clerk);

  return { meetingId, alreadyLoaded: false, dpiDeclarationId: dpi.id, panelCommentId: comment.id };
}
