import { describe, expect, it } from 'vitest';
import { restartIssue } from './restart';

describe('restarting an item that has times', () => {
  const ran = { started_at: '2022-01-17T10:06:00Z', ended_at: '2022-01-17T11:02:00Z' };
  it('asks resume or correct, and never overwrites without the choice', () => {
    expect(restartIssue(null, false, undefined)).toBeNull();
    expect(restartIssue({ started_at: null, ended_at: null }, false, undefined)).toBeNull();
    expect(restartIssue(ran, false, undefined)?.code).toBe('item_has_times');
    expect(restartIssue(ran, false, 'resume')).toBeNull();
    expect(restartIssue(ran, false, 'correct')).toBeNull();
  });
  it('refuses to start the running item again unless correcting its start', () => {
    const running = { started_at: ran.started_at, ended_at: null };
    expect(restartIssue(running, true, undefined)?.code).toBe('item_already_running');
    expect(restartIssue(running, true, 'resume')?.code).toBe('item_already_running');
    expect(restartIssue(running, true, 'correct')).toBeNull();
  });
});
