import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { takingTurns } from '../identity/switchingCaller';
import { openTestCore, value } from '../testing/harness';

let core: Core;
beforeEach(async () => {
  core = takingTurns(openTestCore());
  value(await core.call('saveMember', { id: 'aled', name: 'Aled Evans' }));
  value(await core.call('saveMember', { id: 'laura', name: 'Laura Gretton' }));
});
afterEach(() => core.close());

const header = 'memberId,category,description,organisation,place,keywords\n';

describe('register of interests from CSV', () => {
  it('imports rows, with quoted commas and keywords separated by semicolons, and updates on re-import', async () => {
    const csv = `\uFEFF${header}aled,employment,"Employed as a procurement officer by West Mercia Energy, Shrewsbury",West Mercia Energy,,energy purchasing; street lighting\naled,land,House in Barbourne,,"Barbourne, Worcester",\n`;
    expect(value(await core.call('importRegisteredInterestsCsv', { actingMemberId: 'aled', csv }))).toEqual({ created: 2, updated: 0 });
    // Both rows share one import time, so their stored order is not meaningful: compare by category.
    const register = value(await core.call('listRegisteredInterests', { memberId: 'aled' })).sort((a, b) => a.category.localeCompare(b.category));
    expect(register.map((r) => [r.category, r.organisation, r.place, r.keywords])).toEqual([
      ['employment', 'West Mercia Energy', undefined, ['energy purchasing', 'street lighting']],
      ['land', undefined, 'Barbourne, Worcester', undefined],
    ]);
    expect(value(await core.call('importRegisteredInterestsCsv', { actingMemberId: 'aled', csv }))).toEqual({ created: 0, updated: 2 });
  });

  it('writes nothing when one row is wrong, and says which', async () => {
    const csv = `${header}aled,employment,Employed by West Mercia Energy,,,\naled,hobbies,Stamp collecting,,,\n`;
    const result = await core.call('importRegisteredInterestsCsv', { actingMemberId: 'aled', csv });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues?.[0]).toMatchObject({ path: [1, 'category'], code: 'invalid_value' });
    expect(value(await core.call('listRegisteredInterests', { memberId: 'aled' }))).toEqual([]);
  });

  it('refuses broken CSV, missing or unknown columns, and other members\u2019 registers', async () => {
    const codeOf = async (csv: string, actingMemberId = 'aled') => {
      const result = await core.call('importRegisteredInterestsCsv', { actingMemberId, csv });
      return result.ok ? 'ok' : `${result.error.code}:${result.error.issues?.[0]?.code ?? ''}`;
    };
    expect(await codeOf(`${header}aled,employment,"unclosed\n`)).toBe('INVALID_INPUT:invalid_csv');
    expect(await codeOf('memberId,description\naled,x\n')).toBe('INVALID_INPUT:csv_missing_column');
    expect(await codeOf('memberId,category,description,colour\naled,land,x,red\n')).toBe('INVALID_INPUT:csv_unknown_column');
    expect(await codeOf(header)).toBe('INVALID_INPUT:csv_missing_column');
    expect(await codeOf(`${header}laura,land,x,,,\n`)).toBe('FORBIDDEN:');
  });
});
