import type { InputOf, OperationName, OutputOf } from '../../../shared/api/contract';
import type { Result } from '../../../shared/result';
import type { Dispatcher } from '../dispatcher';

/**
 * For scripted sessions where several people take turns at one device (the demo seeder, tests of
 * a chair and a clerk at work): before each call that names an acting member other than the one
 * acting now, it makes the explicit, recorded choice (chooseMember) first, exactly as a person
 * handing the device over would. It never bypasses the core's check; a signed-in device refuses.
 */
export function switchingCaller(core: Pick<Dispatcher, 'call'>, via: 'app' | 'cli' = 'cli') {
  let current: string | undefined;
  return async function call<N extends OperationName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>> {
    const claimed = typeof input === 'object' && input !== null && 'actingMemberId' in input ? input.actingMemberId : undefined;
    if (typeof claimed === 'string') {
      if (current === undefined) {
        const identity = await core.call('getIdentity', {});
        if (identity.ok) current = identity.value.memberId;
      }
      if (claimed !== current) {
        const chosen = await core.call('chooseMember', { memberId: claimed, via });
        if (!chosen.ok) return chosen;
        current = chosen.value.memberId;
      }
    }
    return core.call(name, input);
  };
}

/** The same device, handed from person to person as each call names them (see switchingCaller). */
export function takingTurns<T extends Pick<Dispatcher, 'call'>>(core: T, via: 'app' | 'cli' = 'cli'): T {
  return { ...core, call: switchingCaller(core, via) };
}
