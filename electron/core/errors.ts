import type { ErrorCode } from '../../shared/result';

/** A failure the core expects and can name; the dispatcher turns it into a typed error result. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}
