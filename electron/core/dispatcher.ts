import {
  contract,
  isOperationName,
  type InputOf,
  type OperationName,
  type OutputOf,
  type ParsedInputOf,
} from '../../shared/api/contract';
import { err, issuesFromZod, ok, type Result } from '../../shared/result';
import { CoreError } from './errors';

/** Actual Budget-style handler map: the compiler insists on exactly one handler per operation. */
export type Handlers = {
  [N in OperationName]: (input: ParsedInputOf<N>) => OutputOf<N> | Promise<OutputOf<N>>;
};

export type Logger = (message: string, detail?: unknown) => void;

export interface Dispatcher {
  /** For untrusted callers (IPC, HTTP, worker messages): anything may arrive. */
  dispatch(name: unknown, input: unknown): Promise<Result<unknown>>;
  /** For trusted in-process callers (command line, benchmarks), typed end to end. */
  call<N extends OperationName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>>;
}

/** Refuses (throws a CoreError) an input that claims to act as someone other than the acting member. */
export type ActingCheck = (claimedActingMemberId: unknown) => void;

export function createDispatcher(handlers: Handlers, log: Logger = () => undefined, checkActing: ActingCheck = () => undefined): Dispatcher {
  async function dispatch(name: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isOperationName(name)) return err('UNKNOWN_OPERATION', `Unknown operation: ${String(name).slice(0, 80)}`);
    const operation = contract[name];
    const parsed = operation.input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) return err('INVALID_INPUT', `Invalid input for ${name}`, issuesFromZod(parsed.error));
    try {
      // The core owns who is acting: an input may name the acting member only to agree with it.
      if (typeof parsed.data === 'object' && parsed.data !== null && 'actingMemberId' in parsed.data) checkActing(parsed.data.actingMemberId);
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = operation.output.safeParse(value);
      if (!checked.success) {
        log(`${name} answered outside its contract`, checked.error.issues);
        return err('INTERNAL', `${name} produced an answer that does not match the contract`);
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof CoreError) return err(error.code, error.message, error.issues);
      log(`${name} failed`, error);
      return err('INTERNAL', 'Something went wrong inside Chamber; the change was not saved.');
    }
  }
  return {
    dispatch,
    call: (name, input) => dispatch(name, input) as never,
  };
}
