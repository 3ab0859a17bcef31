import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core';
import { distDir, makeTempDir } from '../testing/tempDir';

const opened: Core[] = [];
afterEach(() => {
  for (const core of opened.splice(0)) core.close();
});

function start(dataDir = makeTempDir(), now = { t: Date.parse('2022-01-17T09:00:00Z') }) {
  const core = openCore({ dataDir, distDir, clock: () => new Date(now.t) });
  opened.push(core);
  return { core, dataDir, now };
}

const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

describe('app lock', () => {
  it('is off by default and every operation answers', async () => {
    const { core } = start();
    const status = await core.call('getAppLockStatus', {});
    expect(status.ok && status.value).toMatchObject({ enabled: false, locked: false });
    expect(code(await core.call('lockApp', {}))).toBe('ok');
    expect(code(await core.call('listMeetings', {}))).toBe('ok');
  });

  it('when locked refuses data operations in core until the right PIN is given', async () => {
    const { core } = start();
    expect(code(await core.call('configureAppLock', { pin: '2468', idleMinutes: 2 }))).toBe('ok');
    await core.call('lockApp', {});
    expect(code(await core.call('listMeetings', {}))).toBe('APP_LOCKED');
    expect(code(await core.call('createMeeting', { title: 'x', committee: 'y', date: '2022-01-17', startTime: '10:00', venue: 'z' }))).toBe('APP_LOCKED');
    // The lock screen can still be drawn in the member's language.
    expect(code(await core.call('getSettings', {}))).toBe('ok');
    expect(code(await core.call('unlockApp', { pin: '1357' }))).toBe('PIN_WRONG');
    expect(code(await core.call('listMeetings', {}))).toBe('APP_LOCKED');
    const unlocked = await core.call('unlockApp', { pin: '2468' });
    expect(unlocked.ok && unlocked.value).toMatchObject({ enabled: true, locked: false, idleMinutes: 2 });
    expect(code(await core.call('listMeetings', {}))).toBe('ok');
  });

  it('starts locked after a restart, so quitting is no way round the PIN', async () => {
    const { core, dataDir } = start();
    await core.call('configureAppLock', { pin: '2468' });
    core.close();
    const again = start(dataDir).core;
    expect(code(await again.call('listMeetings', {}))).toBe('APP_LOCKED');
  });

  it('makes the member wait after five wrong PINs, longer each time, and remembers across restarts', async () => {
    const { core, dataDir, now } = start();
    await core.call('configureAppLock', { pin: '2468' });
    await core.call('lockApp', {});
    for (let i = 0; i < 5; i++) expect(code(await core.call('unlockApp', { pin: '0000' }))).toBe('PIN_WRONG');
    // Even the right PIN waits now.
    expect(code(await core.call('unlockApp', { pin: '2468' }))).toBe('PIN_RETRY_LATER');
    const status = await core.call('getAppLockStatus', {});
    expect(status.ok && status.value.retryAfterSeconds).toBe(30);
    core.close();

    const restarted = start(dataDir, now).core;
    expect(code(await restarted.call('unlockApp', { pin: '2468' }))).toBe('PIN_RETRY_LATER');
    now.t += 31_000;
    expect(code(await restarted.call('unlockApp', { pin: '0000' }))).toBe('PIN_WRONG');
    const longer = await restarted.call('getAppLockStatus', {});
    expect(longer.ok && longer.value.retryAfterSeconds).toBe(60);
    now.t += 61_000;
    expect(code(await restarted.call('unlockApp', { pin: '2468' }))).toBe('ok');
  });

  it('needs the current PIN to change or remove the lock, and refuses PINs that are not 4–12 digits', async () => {
    const { core } = start();
    expect(code(await core.call('configureAppLock', { pin: '12' }))).toBe('INVALID_INPUT');
    expect(code(await core.call('configureAppLock', { pin: 'abcd' }))).toBe('INVALID_INPUT');
    await core.call('configureAppLock', { pin: '2468' });
    expect(code(await core.call('configureAppLock', { pin: null }))).toBe('PIN_WRONG');
    expect(code(await core.call('configureAppLock', { currentPin: '1111', pin: null }))).toBe('PIN_WRONG');
    const off = await core.call('configureAppLock', { currentPin: '2468', pin: null });
    expect(off.ok && off.value.enabled).toBe(false);
  });
});
