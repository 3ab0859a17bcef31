import { useTranslation } from 'react-i18next';

export function NoConnection() {
  const { t } = useTranslation();
  return (
    <main id="main" className="no-connection">
      <h1>{t('app.noConnection.title')}</h1>
      <p>{t('app.noConnection.body')}</p>
    </main>
  );
}
