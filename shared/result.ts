import { z } from 'zod';

/**
 * Errors cross every boundary (IPC, HTTP, worker) as data, never as thrown strings, so the renderer
 * can translate them by code and the command line can print them without a stack trace.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_OPERATION',
  'NOT_FOUND',
  'UNAUTHORISED',
  'FORBIDDEN_SENDER',
  'PAYLOAD_TOO_LARGE',
  'DATABASE_TOO_NEW',
  'MIGRATION_TAMPERED',
  'CORE_UNAVAILABLE',
  'UPLOAD_OUT_OF_ORDER',
  'UPLOAD_INCOMPLETE',
  'JOB_NOT_FOUND',
  /** The acting member may not do that (e.g. record someone else's declaration). */
  'FORBIDDEN',
  /** A declaration broke the council's rules; `issues` carry the codes from shared/declarations/rules.ts. */
  'DECLARATION_INVALID',
  /** Data is encrypted and no key or passphrase was given; Chamber never writes plaintext instead. */
  'KEY_REQUIRED',
  /** The passphrase (or OS key store) does not unlock this data. */
  'KEY_WRONG',
  'KEY_FILE_DAMAGED',
  /** The OS key store is missing, insecure (Linux basic_text) or changed since the key was stored. */
  'KEY_STORE_UNAVAILABLE',
  /** A stored document failed its integrity check (altered on disk, or sealed with another key). */
  'DOCUMENT_DAMAGED',
  /** The pack was published behind a password, so Chamber cannot write a changed copy of it (annotated PDF). */
  'PACK_PASSWORD_PROTECTED',
  /** The app is locked after idle time: everything but unlocking waits for the PIN. */
  'APP_LOCKED',
  'PIN_WRONG',
  /** Too many wrong PINs in a row; try again after a pause. */
  'PIN_RETRY_LATER',
  // Modern.gov sites (issue 8): each says what went wrong with the council's site, not with Chamber.
  /** The site answered 403: it refuses this computer or the web service is restricted. */
  'MODERNGOV_FORBIDDEN',
  /** The site answers, but not as a Modern.gov web service (switched off, or not Modern.gov). */
  'MODERNGOV_SWITCHED_OFF',
  /** The answer was not well-formed Modern.gov XML, or carried a DTD (refused, never expanded). */
  'MODERNGOV_BAD_XML',
  /** An answer or document was larger than Chamber accepts. */
  'MODERNGOV_TOO_LARGE',
  /** A document link or redirect pointed away from the configured site. */
  'MODERNGOV_OFF_SITE',
  /** The site could not be reached, or answered with an HTTP error. */
  'MODERNGOV_UNREACHABLE',
  /** A linked document was not a PDF. */
  'MODERNGOV_NOT_PDF',
  /** The site answered one meeting or document with a server error (HTTP 5xx); the rest carry on. */
  'MODERNGOV_SERVER_ERROR',
  /** The connection closed before the whole document arrived. */
  'MODERNGOV_CUT_OFF',
  /** A document took longer than its deadline to arrive, and was abandoned. */
  'MODERNGOV_TIMED_OUT',
  /** The refresh was cancelled; meetings already read stay, nothing half-read is kept. */
  'MODERNGOV_CANCELLED',
  /** Running a meeting: attendance, agenda, outcome or comment rules (issue codes in shared/meeting). */
  'MEETING_RULE_BROKEN',
  /** Minutes: approved or locked minutes change only through a recorded correction. */
  'MINUTES_LOCKED',
  /** Minutes: a workflow step out of order (approve before circulating, approve at the same meeting, ...). */
  'MINUTES_WORKFLOW',
  // Sync with the council endpoint (issue 7, lost device issue 9).
  /** Not signed in, the session ran out, or offline too long to show restricted papers: sign in again. */
  'SIGN_IN_REQUIRED',
  /** The endpoint refused the email and password. */
  'SIGN_IN_REFUSED',
  /** The endpoint could not be reached (offline, wrong address); local work carries on. */
  'ENDPOINT_UNREACHABLE',
  /** The endpoint answered with an error that is not about this device's input. */
  'ENDPOINT_ERROR',
  /** This device was revoked at the endpoint: local data has been wiped. */
  'DEVICE_REVOKED',
  /** The device was wiped in this session and its old key destroyed: Chamber must start again first. */
  'RESTART_REQUIRED',
  // Backups (issue 9.9).
  /** The backup passphrase does not open that backup file. */
  'BACKUP_PASSPHRASE_WRONG',
  /** The backup file is not a Chamber backup, or was altered or cut short: nothing was restored. */
  'BACKUP_DAMAGED',
  /** A backup is never written over an existing file. */
  'BACKUP_FILE_EXISTS',
  /** A restore would overwrite a folder that is not empty (or holds Chamber data, without replace). */
  'RESTORE_TARGET_NOT_EMPTY',
  'INTERNAL',
  // Who is acting (issue 17.6).
  /** A call named an acting member other than the one this device acts as (the core decides who acts). */
  'NOT_ACTING_MEMBER',
  /** A signed-in device acts as its signed-in member; choosing someone else needs signing out first. */
  'IDENTITY_SIGNED_IN',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  /** A stable code (zod issue code or our own) the renderer can translate. */
  code: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ApiError = z.object({
  code: ErrorCode,
  /** English, for logs and the command line; the UI translates by `code`. */
  message: z.string(),
  issues: z.array(FieldIssue).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: ApiError };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, issues?: FieldIssue[]): Err => ({
  ok: false,
  error: issues && issues.length > 0 ? { code, message, issues } : { code, message },
});

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ApiError }),
  ]);
}

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: issue.code === 'custom' ? customCode(issue.params) : issue.code,
    message: issue.message,
  }));
}

function customCode(params: Record<string, unknown> | undefined): string {
  const code = params?.code;
  return typeof code === 'string' ? code : 'custom';
}
