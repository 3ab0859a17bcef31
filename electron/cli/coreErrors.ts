import { CoreError } from '../core/errors';

export type Fail = (failure: { code: string; message: string }) => never;

/** Runs command work outside the core (backup, keys) and reports its CoreErrors as the CLI's failures. */
export function guardCoreErrors(fail: Fail): <T>(work: () => Promise<T> | T) => Promise<T> {
  return async (work) => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CoreError) fail({ code: error.code, message: error.message });
      throw error;
    }
  };
}
