import type { ErrorCode } from '../../../shared/result';
import { CoreError } from '../errors';

export type ModernGovErrorCode = Extract<ErrorCode, `MODERNGOV_${string}`>;

/** A Modern.gov site misbehaved; the code says how, so the renderer and CLI can explain it. */
export class ModernGovError extends CoreError {
  constructor(
    override readonly code: ModernGovErrorCode,
    message: string,
    /** The HTTP status that caused it, where there was one. */
    readonly httpStatus: number | null = null,
  ) {
    super(code, message);
    this.name = 'ModernGovError';
  }
}
