import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../shared/api/contract';
import type { Core } from '../core';
import { takingTurns } from '../identity/switchingCaller';
import type { Db } from '../db/database';
import { openDataDatabase } from '../testing/dataDatabase';
import { january2022 } from '../testing/samplePacks';
import { publishedChair } from '../testing/publishedChair';
import { openTestCore, value } from '../testing/harness';

type Draft = InputOf<'recordDeclaration'>['declaration'];

let core: Core;
let meetingId: string;

const draft = (overrides: Partial<Draft> = {}): Draft => ({
  memberId: 'aled',
  meetingId,
  itemNumber: '7',
  kind: 'other-registrable',
  nature: 'Employed as a procurement officer by West Mercia Energy',
  action: 'remained-did-not-vote',
  declaredAt: { when: 'declarations-item' },
  scope: { whole: true },
  preDeclared: false,
  confirmedByChair: false,
  ...overrides,
});

function openDb(): Db {
  return openDataDatabase(core.dataDir);
}

beforeEach(async () => {
  core = takingTurns(openTestCore());
  for (const [id, name] of [
    ['rouse', 'Mike Rouse'],
    ['aled', 'Aled Evans'],
    ['laura', 'Laura Gretton'],
    ['clerk', 'Sam Clerk'],
  ] as const) {
    value(await core.call('saveMember', { id, name }));
  }
  meetingId = (await core.importPackFile(january2022().path)).meetingId;
  value(await core.call('setMeetingRole', { actingMemberId: await publishedChair(core, meetingId), meetingId, memberId: 'clerk', role: 'clerk' }));
  value(await core.call('setMeetingRole', { actingMemberId: 'clerk', meetingId, memberId: 'rouse', role: 'chair' }));
  value(await core.call('setMeetingRole', { actingMemberId: 'clerk', meetingId, memberId: 'aled', role: 'member' }));
  value(await core.call('setMeetingRole', { actingMemberId: 'clerk', meetingId, memberId: 'laura', role: 'member' }));
});

afterEach(() => core.close());

describe('declarations of interest through the contract', () => {
  it('refuses "as noted" with DECLARATION_INVALID and the rule code, and blanket declarations', async () => {
    const asNoted = await core.call('recordDeclaration', { actingMemberId: 'aled', declaration: draft({ nature: 'As noted.' }) });
    expect(asNoted.ok).toBe(false);
    if (asNoted.ok) return;
    expect(asNoted.error.code).toBe('DECLARATION_INVALID');
    expect(asNoted.error.issues?.map((i) => i.code)).toEqual(['nature_insufficient']);

    const blanket = await core.call('recordDeclaration', { actingMemberId: 'aled', declaration: draft({ itemNumber: 'all items' }) });
    expect(!blanket.ok && blanket.error.issues?.map((i) => i.code)).toEqual(['blanket_declaration']);

    const unknown = await core.call('recordDeclaration', { actingMemberId: 'aled', declaration: draft({ itemNumber: '12' }) });
    expect(!unknown.ok && unknown.error.issues?.map((i) => i.code)).toEqual(['item_unknown']);

    const db = openDb();
    expect(db.prepare('SELECT count(*) AS n FROM declarations').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE entity = 'declaration'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('forces a DPI without a dispensation to withdrew, and refuses remaining', async () => {
    const dpi = value(await core.call('recordDeclaration', { actingMemberId: 'aled', declaration: draft({ kind: 'dpi', action: undefined, itemNumber: 'Item 7' }) }));
    expect(dpi).toMatchObject({ kind: 'dpi', action: 'withdrew', itemNumber: '7', natureWithheld: false, withdrawnAt: null });

    const stays = await core.call('recordDeclaration', { actingMemberId: 'aled', declaration: draft({ kind: 'dpi', action: 'remained' }) });
    expect(!stays.ok && stays.error.code).toBe('DECLARATION_INVALID');
    expect(!stays.ok && stays.error.issues?.map((i) => i.code)).toEqual(['dpi_must_withdraw']);

    const sensitive = value(await core.call('recordDeclaration', { actingMemberId: 'aled', declaration: draft({ kind: 'sensitive', nature: null, action: 'withdrew' }) }));
    expect(sensitive).toMatchObject({ nature: null, natureWithheld: true });
  });

  it('lets a member record only their own declaration; the chair records for anyone and confirms', async () => {
    const forOther = await core.call('recordDeclaration', { actingMemberId: 'laura', declaration: draft() });
    expect(!forOther.ok && forOther.error.code).toBe('FORBIDDEN');

    const selfConfirmed = await core.call('recordDeclaration', { actingMemberId: 'aled', declaration: draft({ preDeclared: true, confirmedByChair: true }) });
    expect(!selfConfirmed.ok && selfConfirmed.error.code).toBe('FORBIDDEN');

    const byChair = value(await core.call('recordDeclaration', { actingMemberId: 'rouse', declaration: draft({ confirmedByChair: true }) }));
    expect(byChair.memberId).toBe('aled');

    const pre = value(await core.call('recordDeclaration', { actingMemberId: 'aled', declaration: draft({ itemNumber: '5', nature: 'Governor of a school funded by the council', preDeclared: true }) }));
    const notByMember = await core.call('confirmDeclaration', { actingMemberId: 'laura', declarationId: pre.id });
    expect(!notByMember.ok && notByMember.error.code).toBe('FORBIDDEN');
    const confirmed = value(await core.call('confirmDeclaration', { actingMemberId: 'rouse', declarationId: pre.id }));
    expect(confirmed).toMatchObject({ preDeclared: true, confirmedByChair: true });

    const editByOther = await core.call('recordDeclaration', { actingMemberId: 'laura', declarationId: pre.id, declaration: draft({ itemNumber: '5' }) });
    expect(!editByOther.ok && editByOther.error.code).toBe('FORBIDDEN');

    // Once the meeting has a chair or clerk, a member cannot hand out roles.
    const promote = await core.call('setMeetingRole', { actingMemberId: 'laura', meetingId, memberId: 'laura', role: 'chair' });
    expect(!promote.ok && promote.error.code).toBe('FORBIDDEN');

    const listed = value(await core.call('listDeclarations', { meetingId }));
    expect(listed.map((d) => d.itemNumber)).toEqual(['5', '7']);
  });

  it('appends a history row and an outbox entry for every change, and the history cannot be edited', async () => {
    const first = value(await core.call('recordDeclaration', { actingMemberId: 'aled', declaration: draft({ preDeclared: true }) }));
    value(await core.call('recordDeclaration', { actingMemberId: 'aled', declarationId: first.id, declaration: draft({ preDeclared: true, nature: 'Employed by West Mercia Energy as a buyer' }) }));
    value(await core.call('confirmDeclaration', { actingMemberId: 'rouse', declarationId: first.id }));
    const withdrawn = value(await core.call('withdrawDeclaration', { actingMemberId: 'aled', declarationId: first.id }));
    expect(withdrawn.withdrawnAt).not.toBeNull();

    const history = value(await core.call('getDeclarationHistory', { declarationId: first.id }));
    expect(history.map((h) => [h.change.op, h.actorMemberId])).toEqual([
      ['record', 'aled'],
      ['update', 'aled'],
      ['confirm', 'rouse'],
      ['withdraw', 'aled'],
    ]);
    expect(history[1]?.change.before?.nature).toBe('Employed as a procurement officer by West Mercia Energy');
    expect(history[1]?.change.after.nature).toBe('Employed by West Mercia Energy as a buyer');

    const db = openDb();
    expect(
      db.prepare("SELECT operation, json_extract(payload, '$.id') AS id FROM outbox WHERE entity = 'declaration' ORDER BY seq").all(),
    ).toEqual([
      { operation: 'create', id: first.id },
      { operation: 'update', id: first.id },
      { operation: 'update', id: first.id },
      { operation: 'update', id: first.id },
    ]);
    expect(() => db.prepare("UPDATE declaration_history SET change = '{}'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM declaration_history').run()).toThrow(/append-only/);
    db.close();
  });
});

describe('register of interests', () => {
  it('keeps each member to their own register, imports JSON, and suggests item 7 for West Mercia Energy', async () => {
    const mine = value(
      await core.call('saveRegisteredInterest', {
        actingMemberId: 'laura',
        interest: { memberId: 'laura', category: 'land', description: 'Freehold of a house in Barbourne, Worcester', place: 'Barbourne' },
      }),
    );
    expect(mine.memberId).toBe('laura');
    const notMine = await core.call('saveRegisteredInterest', {
      actingMemberId: 'laura',
      interest: { memberId: 'aled', category: 'employment', description: 'Anything' },
    });
    expect(!notMine.ok && notMine.error.code).toBe('FORBIDDEN');

    const register = JSON.stringify([
      { memberId: 'aled', category: 'employment', description: 'Employed as a procurement officer by West Mercia Energy', organisation: 'West Mercia Energy' },
    ]);
    expect(value(await core.call('importRegisteredInterests', { actingMemberId: 'clerk', json: register }))).toEqual({ created: 1, updated: 0 });
    expect(value(await core.call('importRegisteredInterests', { actingMemberId: 'clerk', json: register }))).toEqual({ created: 0, updated: 1 });
    const bad = await core.call('importRegisteredInterests', { actingMemberId: 'clerk', json: '[{"memberId":"aled"}]' });
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
    expect(value(await core.call('listRegisteredInterests', { memberId: 'aled' }))).toHaveLength(1);

    const suggestions = value(await core.call('suggestInterests', { meetingId, memberId: 'aled' }));
    expect(suggestions[0]).toMatchObject({ memberId: 'aled', itemNumber: '7', category: 'employment' });
    expect(suggestions[0]?.matchedTerms).toContain('West Mercia Energy');

    const db = openDb();
    expect(db.prepare("SELECT operation FROM outbox WHERE entity = 'registered_interest' ORDER BY seq").all()).toEqual([
      { operation: 'create' },
      { operation: 'create' },
      { operation: 'update' },
    ]);
    db.close();
  });
});
