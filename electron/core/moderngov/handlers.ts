import { randomUUID } from 'node:crypto';
import type { RefreshResult, RefreshState } from '../../../shared/domain/moderngov';
import { CoreError } from '../errors';
import type { Handlers } from '../dispatcher';
import { ModernGovClient } from './client';
import { normaliseSiteUrl, type SiteHttpOptions } from './http';
import type { ModernGovRepository } from './repository';
import type { ModernGovSync, RefreshContext } from './sync';

type ModernGovHandlers = Pick<
  Handlers,
  | 'addModernGovSite'
  | 'listModernGovSites'
  | 'updateModernGovSite'
  | 'removeModernGovSite'
  | 'startModernGovRefresh'
  | 'getModernGovRefresh'
  | 'cancelModernGovRefresh'
  | 'getModernGovMeeting'
  | 'markModernGovChangesSeen'
>;

const keepFinishedMs = 10 * 60 * 1000;

/**
 * Refreshes run in the background and are polled, like pack imports; they are kept apart from the
 * import jobs because their result is a list of meetings and per-document failures, not one pack.
 */
class Refreshes {
  private readonly runs = new Map<string, { key: string; state: RefreshState; finishedAt: number | null; controller: AbortController }>();

  /** The same refresh asked for again while it runs (a second click) follows the running one. */
  start(key: string, work: (context: RefreshContext) => Promise<RefreshResult>): string {
    const now = Date.now();
    for (const [id, run] of this.runs) if (run.finishedAt !== null && now - run.finishedAt > keepFinishedMs) this.runs.delete(id);
    const running = [...this.runs.values()].find((r) => r.key === key && r.state.state === 'running');
    if (running) return running.state.id;
    const id = randomUUID();
    const controller = new AbortController();
    const run = { key, state: { id, state: 'running', done: 0, total: 0, result: null, error: null } as RefreshState, finishedAt: null as number | null, controller };
    this.runs.set(id, run);
    work({ signal: controller.signal, progress: (done, total) => (run.state = { ...run.state, done, total }) }).then(
      (result) => {
        run.state = { ...run.state, state: 'succeeded', result };
        run.finishedAt = Date.now();
      },
      (error: unknown) => {
        const known = error instanceof CoreError;
        if (!known) console.error('[core] Modern.gov refresh failed', error);
        const wasCancelled = controller.signal.aborted || (known && error.code === 'MODERNGOV_CANCELLED');
        const reason = wasCancelled
          ? { code: 'MODERNGOV_CANCELLED', message: 'The refresh was cancelled; meetings already fetched were kept.' }
          : known
            ? { code: error.code, message: error.message }
            : { code: 'INTERNAL', message: 'The refresh failed; nothing was half-saved.' };
        run.state = { ...run.state, state: wasCancelled ? 'cancelled' : 'failed', error: reason };
        run.finishedAt = Date.now();
      },
    );
    return id;
  }

  /** Stops the run at its next request; it answers 'cancelled' once it has stopped. */
  cancel(id: string): RefreshState {
    const run = this.runs.get(id);
    if (!run) throw new CoreError('JOB_NOT_FOUND', 'No such refresh (it may have finished long ago)');
    run.controller.abort();
    return run.state;
  }

  get(id: string): RefreshState {
    const run = this.runs.get(id);
    if (!run) throw new CoreError('JOB_NOT_FOUND', 'No such refresh (it may have finished long ago)');
    return run.state;
  }
}

export function moderngovHandlers(repo: ModernGovRepository, sync: ModernGovSync, clock: () => Date, httpOptions: SiteHttpOptions = {}): ModernGovHandlers {
  const refreshes = new Refreshes();
  return {
    addModernGovSite: async ({ url }) => {
      const baseUrl = normaliseSiteUrl(url);
      const committees = await new ModernGovClient(baseUrl, httpOptions).committees();
      return repo.saveSite(baseUrl, committees, clock().toISOString());
    },
    listModernGovSites: () => repo.sites(),
    updateModernGovSite: ({ siteId, chosenCommitteeIds, daysAhead }) => repo.updateSite(siteId, { chosenCommitteeIds, daysAhead }),
    removeModernGovSite: ({ siteId }) => {
      repo.removeSite(siteId);
      return {};
    },
    startModernGovRefresh: ({ siteId, committeeId, from, to }) => {
      const site = repo.site(siteId);
      if (committeeId === undefined && (from !== undefined || to !== undefined)) throw new CoreError('INVALID_INPUT', 'A date range is given with one committee');
      if (from && to && from > to) throw new CoreError('INVALID_INPUT', 'The range ends before it starts');
      const window = sync.defaultWindow(site.daysAhead);
      const key = JSON.stringify([siteId, committeeId, from, to]);
      const refreshId =
        committeeId === undefined
          ? refreshes.start(key, (context) => sync.refreshSite(siteId, context))
          : refreshes.start(key, (context) => sync.fetchCommittee(siteId, committeeId, { from: from ?? window.from, to: to ?? window.to }, context));
      return { refreshId };
    },
    getModernGovRefresh: ({ refreshId }) => refreshes.get(refreshId),
    cancelModernGovRefresh: ({ refreshId }) => refreshes.cancel(refreshId),
    getModernGovMeeting: ({ meetingId }) => repo.detail(meetingId),
    markModernGovChangesSeen: ({ meetingId }) => ({ marked: repo.markSeen(meetingId) }),
  };
}
