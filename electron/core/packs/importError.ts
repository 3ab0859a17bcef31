import type { MeetingField } from '../../../shared/domain/pack';

export const importErrorCodes = [
  'NOT_A_PDF',
  'FILE_TOO_LARGE',
  'PDF_PASSWORD_REQUIRED',
  'PDF_PASSWORD_WRONG',
  'PDF_CORRUPT',
  'PDF_TOO_MANY_PAGES',
  'PACK_NEEDS_MEETING',
  'SAMPLE_PACK_MISSING',
  'CANCELLED',
  'IMPORT_FAILED',
] as const;
export type ImportErrorCode = (typeof importErrorCodes)[number];

/** Why an import stopped; carried in the job's error and translated by code in the renderer. */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** PACK_NEEDS_MEETING: which meeting fields the front sheet lacked. */
    readonly fields?: readonly MeetingField[],
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Codes cross worker and job boundaries as plain strings; this turns one back into a known code. */
export function toImportErrorCode(code: string | undefined, fallback: ImportErrorCode): ImportErrorCode {
  return (importErrorCodes as readonly (string | undefined)[]).includes(code) ? (code as ImportErrorCode) : fallback;
}
