import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefreshState } from '../../../shared/domain/moderngov';
import { useApi } from '../api/ApiContext';

export type RefreshView = { step: 'idle' } | { step: 'running'; state: RefreshState | null } | { step: 'done'; state: RefreshState } | { step: 'failed'; code: string };

const pollMs = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a site's refresh and follows its progress until it ends (leaving the screen stops only the polling). */
export function useRefresh(siteId: string) {
  const api = useApi();
  const [view, setView] = useState<RefreshView>({ step: 'idle' });
  const live = useRef(true);
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
    for (;;) {
      const answer = await api.getModernGovRefresh({ refreshId: started.value.refreshId });
      if (!live.current) return;
      if (!answer.ok) {
        setView({ step: 'failed', code: answer.error.code });
        return;
      }
      const state = answer.value;
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

  return { view, start };
}
