import { useCallback, useEffect, useState } from 'react';
import type { Identity } from '../../../shared/api/contracts/identity';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';

/** Told when this device's acting member changed, so every screen showing it reads it again. */
export const actingMemberChanged = 'chamber:acting-member-changed';

/**
 * Who is acting, as the core says (getIdentity): the signed-in member, or the member this device
 * was chosen to be used by. Choosing is the core's recorded chooseMember, never a value kept in
 * the window. The id is '' until the core has answered.
 */
export function useActingMember(): [string, (id: string) => Promise<ApiError | null>, Identity | null] {
  const api = useApi();
  const [identity, setIdentity] = useState<Identity | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      void api.getIdentity({}).then((answer) => {
        if (live && answer.ok) setIdentity(answer.value);
      });
    load();
    window.addEventListener(actingMemberChanged, load);
    return () => {
      live = false;
      window.removeEventListener(actingMemberChanged, load);
    };
  }, [api]);

  const choose = useCallback(
    async (memberId: string): Promise<ApiError | null> => {
      const answer = await api.chooseMember({ memberId });
      if (!answer.ok) return answer.error;
      setIdentity(answer.value);
      window.dispatchEvent(new Event(actingMemberChanged));
      return null;
    },
    [api],
  );

  return [identity?.memberId ?? '', choose, identity];
}
