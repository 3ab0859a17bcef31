import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from './dispatcher';
import { CoreError } from './errors';
import { openTestCore } from './testing/harness';

const validMeeting = {
  title: 'Budget Scrutiny 2022/23',
  committee: 'Corporate and Communities Overview and Scrutiny Panel',
  date: '2022-01-17',
  startTime: '10:00',
  venue: 'Council Chamber, County Hall',
};

describe('dispatcher', () => {
  it('rejects invalid payloads at the boundary with typed, per-field issues and writes nothing', async () => {
    const core = openTestCore();
    const bad = await core.dispatch('createMeeting', { ...validMeeting, date: '2022-02-30', startTime: 7, title: '   ' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('INVALID_INPUT');
    const byField = Object.fromEntries((bad.error.issues ?? []).map((i) => [i.path.join('.'), i.code]));
    expect(byField).toEqual({ date: 'date_invalid', startTime: 'invalid_type', title: 'required' });
    const list = await core.call('listMeetings', {});
    expect(list).toEqual({ ok: true, value: [] });
    core.close();
  });

  it.each([
    ['a string', 'not an object'],
    ['null', null],
    ['an array', [validMeeting]],
    ['extra fields', { ...validMeeting, status: 'closed' }],
  ])('rejects %s as input', async (_label, input) => {
    const core = openTestCore();
    const result = await core.dispatch('createMeeting', input);
    expect(result.ok ? 'accepted' : result.error.code).toBe('INVALID_INPUT');
    core.close();
  });

  it('refuses unknown and inherited operation names', async () => {
    const core = openTestCore();
    for (const name of ['dropTables', 'constructor', '__proto__', 42]) {
      const result = await core.dispatch(name, {});
      expect(result.ok ? 'accepted' : result.error.code).toBe('UNKNOWN_OPERATION');
    }
    core.close();
  });

  it('validates output too: a handler answering outside the contract yields INTERNAL, not bad data', async () => {
    const logged: string[] = [];
    const core = openTestCore();
    const handlers = {
      listMeetings: () => [{ id: 'not-a-uuid' }],
    } as unknown as Handlers;
    const dispatcher = createDispatcher(handlers, (m) => logged.push(m));
    const result = await dispatcher.dispatch('listMeetings', {});
    expect(result.ok ? 'accepted' : result.error.code).toBe('INTERNAL');
    expect(logged[0]).toMatch(/outside its contract/);
    core.close();
  });

  it('turns CoreError into its code and unexpected throws into INTERNAL without leaking details', async () => {
    const handlers = {
      getMeeting: () => {
        throw new CoreError('NOT_FOUND', 'No meeting with id x');
      },
      listMeetings: () => {
        throw new Error('SQLITE_CORRUPT: secret internals');
      },
    } as unknown as Handlers;
    const dispatcher = createDispatcher(handlers);
    const missing = await dispatcher.dispatch('getMeeting', { id: crypto.randomUUID() });
    expect(missing).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No meeting with id x' } });
    const broken = await dispatcher.dispatch('listMeetings', {});
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.error.code).toBe('INTERNAL');
      expect(broken.error.message).not.toMatch(/SQLITE|secret/);
    }
  });
});
