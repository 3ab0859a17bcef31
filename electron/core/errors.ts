import type { ErrorCode, FieldIssue } from '../../shared/result';

/** A failure the core expects and can name; the dispatcher turns it into a typed error result. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Field-level reasons (e.g. the declaration rule codes), passed to the caller as `issues`. */
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'CoreError';
  }
}
