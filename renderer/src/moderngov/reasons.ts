import type { Translate } from '../format/dates';

/** Why a document did not arrive: a contract error code, or RESTRICTED for exempt papers. */
export function failureReason(code: string, t: Translate): string {
  return code.startsWith('MODERNGOV_') ? t(`errors.${code}`) : t('moderngov.documentRestricted');
}
