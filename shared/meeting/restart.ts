/**
 * Starting an item that already has times (it ran, or is running) would lose them. The chair must
 * say which they mean: resume (the item carries on; its start stays) or correct (the start was
 * wrong; the new one replaces it). Nothing is overwritten without that choice.
 */
import type { FieldIssue } from '../result';

export type RestartMode = 'resume' | 'correct';

export function restartIssue(progress: { started_at: string | null; ended_at: string | null } | null, running: boolean, mode: RestartMode | undefined): FieldIssue | null {
  if (progress?.started_at == null) return null;
  if (running && mode !== 'correct') return { path: ['mode'], code: 'item_already_running', message: 'The item is already running; choose correct to change its start' };
  if (mode === undefined) return { path: ['mode'], code: 'item_has_times', message: 'The item already has times: resume it, or correct its start' };
  return null;
}
