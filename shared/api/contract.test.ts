import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../domain/settings';
import { bindContract } from './binding';
import { createApiClient } from './client';
import { contract, operationNames } from './contract';

describe('contract bindings', () => {
  it('expose exactly the contract operations, nothing more', () => {
    const sent: string[] = [];
    const api = bindContract((name) => {
      sent.push(name);
      return Promise.resolve(null);
    });
    expect(Object.keys(api).sort()).toEqual(Object.keys(contract).sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('the client rejects answers that do not match the contract', async () => {
    const client = createApiClient(
      bindContract((name) =>
        Promise.resolve(name === 'listMeetings' ? { ok: true, value: [{ id: 1 }] } : { ok: true, value: { ...defaultSettings, language: 'cy' } }),
      ),
    );
    const list = await client.listMeetings({});
    expect(list.ok ? 'accepted' : list.error.code).toBe('INTERNAL');
    expect(await client.getSettings({})).toEqual({ ok: true, value: { ...defaultSettings, language: 'cy' } });
  });

  it('the client turns a transport failure into CORE_UNAVAILABLE instead of throwing', async () => {
    const client = createApiClient(bindContract(() => Promise.reject(new Error('socket hang up'))));
    for (const name of operationNames) {
      const result = await (client[name] as (i: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)({});
      expect(result.error?.code).toBe('CORE_UNAVAILABLE');
    }
  });
});
