import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/api/contracts/sync';
import { useApi } from '../api/ApiContext';

/** The core's sync status, asked again every few seconds and whenever `refresh` is called. */
export function useSyncStatus(intervalMs = 5000): [SyncStatus | null, () => void] {
  const api = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    void api.getSyncStatus({}).then((result) => {
      if (live && result.ok) setStatus(result.value);
    });
    const timer = window.setTimeout(() => setTick((n) => n + 1), intervalMs);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [api, tick, intervalMs]);
  return [status, () => setTick((n) => n + 1)];
}
