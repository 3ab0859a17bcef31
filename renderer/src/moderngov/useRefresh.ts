import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefreshState } from '../../../shared/domain/moderngov';
import { useApi } from '../api/ApiContext';

export type RefreshView =
  | { step: 'idle' }
  | { step: 'running'; state: RefreshState | null }
  | { step: 'done'; state: RefreshState }
  | { step: 'failed'; code: string }
  | { step: 'cancelled' };

const pollMs = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a site's refresh and follows its progress until it ends (leaving the screen stops only the polling). */
export function useRefresh(siteId: string) {
  const api = useApi();
  const [view, setView] = useState<RefreshView>({ step: 'idle' });
  const live = useRef(true);
  const running = useRef<string | null>(null);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const start = useCallback(async () => {
    setView({ step: 'running', state: null });
    const started = await api.startModernGovRefresh({ siteId });
    if (!started.ok) {
      setView({ step: 'failed', code: started.error.code });
      return;
    }
    running.current = started.value.refreshId;
    for (;;) {
      const answer = await api.getModernGovRefresh({ refreshId: started.value.refreshId });
      if (!live.current) return;
      if (!answer.ok) {
        setView({ step: 'failed', code: answer.error.code });
        return;
      }
      const state = answer.value;
      if (state.state !== 'running') running.current = null;
      if (state.state === 'cancelled') {
        setView({ step: 'cancelled' });
        return;
      }
      if (state.state === 'failed') {
        setView({ step: 'failed', code: state.error?.code ?? 'INTERNAL' });
        return;
      }
      if (state.state === 'succeeded') {
        setView({ step: 'done', state });
        return;
      }
      setView({ step: 'running', state });
      await sleep(pollMs);
    }
  }, [api, siteId]);

  /** Asks the core to stop; the polling above sees the refresh end as cancelled. */
  const cancel = useCallback(async () => {
    const refreshId = running.current;
    if (refreshId) await api.cancelModernGovRefresh({ refreshId });
  }, [api]);

  return { view, start, cancel };
}
