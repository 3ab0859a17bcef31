import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/result';

/** Shows a core error in the reader's language; the English message stays in logs only. */
export function ErrorMessage({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error-message" role="alert">
      <p>
        <strong>{t('errors.title')}: </strong>
        {t(`errors.${error.code}`)}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}
