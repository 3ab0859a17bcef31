import { useTranslation } from 'react-i18next';

/** Where the pages would be while a protected pack's password has not been given. */
export function PdfLocked({ onUnlock }: { onUnlock: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error-message" role="status">
      <p>{t('reader.password.closed')}</p>
      <button type="button" onClick={onUnlock}>
        {t('reader.password.retry')}
      </button>
    </div>
  );
}
