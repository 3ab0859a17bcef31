import { err, resultSchema, type Result } from '../result';
import { contract, operationNames, type OperationName } from './contract';
import type { ChamberApi } from './binding';

type RawApi = Record<OperationName, (input: unknown) => Promise<unknown>>;

/**
 * The renderer's client: wraps a raw binding and checks every answer against the contract's output
 * schema, so a compromised or mismatched core cannot hand the UI data of the wrong shape.
 */
export function createApiClient(raw: RawApi): ChamberApi {
  const client = {} as Record<OperationName, (input: unknown) => Promise<Result<unknown>>>;
  for (const name of operationNames) {
    const schema = resultSchema(contract[name].output);
    client[name] = async (input: unknown) => {
      let answer: unknown;
      try {
        answer = await raw[name](input);
      } catch (cause) {
        return err('CORE_UNAVAILABLE', cause instanceof Error ? cause.message : 'The core did not answer');
      }
      const parsed = schema.safeParse(answer);
      return parsed.success ? parsed.data : err('INTERNAL', `Malformed answer to ${name}`);
    };
  }
  return client as ChamberApi;
}
