import { useCallback, useEffect, useState } from 'react';
import type { ChamberApi } from '../../../shared/api/binding';

/** Large print follows the member from pack to pack: it is a device setting, not a per-pack one. */
export function useLargePrint(api: ChamberApi): { largePrint: boolean; toggleLargePrint: () => Promise<void> } {
  const [largePrint, setLargePrint] = useState(false);
  useEffect(() => {
    let live = true;
    void api.getSettings({}).then((r) => {
      if (live && r.ok) setLargePrint(r.value.largePrint);
    });
    return () => {
      live = false;
    };
  }, [api]);
  const toggleLargePrint = useCallback(async () => {
    const saved = await api.updateSettings({ largePrint: !largePrint });
    if (saved.ok) setLargePrint(saved.value.largePrint);
  }, [api, largePrint]);
  return { largePrint, toggleLargePrint };
}
