import type { DocumentFailure } from '../../../shared/domain/moderngov';
import { formatInstant, formatShortDate, type Translate } from '../format/dates';

/** Why a meeting or document did not arrive: a contract error code, or RESTRICTED for exempt papers. */
export function failureReason(code: string, t: Translate): string {
  return code === 'RESTRICTED' ? t('moderngov.documentRestricted') : t(`errors.${code}`);
}

/** One line of a refresh's failures: a whole meeting or one document, its reason, and when Chamber asks again. */
export function describeFailure(f: DocumentFailure, t: Translate): string {
  const reason = failureReason(f.code, t);
  const line =
    f.kind === 'meeting'
      ? t('moderngov.meetingFailed', { date: f.meetingDate ? formatShortDate(f.meetingDate, t) : t('moderngov.noDate'), id: f.meetingModernGovId, reason })
      : t('moderngov.documentFailed', { title: f.title, reason });
  return f.retryAfter ? `${line} ${t('moderngov.retryAfter', { date: formatInstant(f.retryAfter, t) })}` : line;
}
