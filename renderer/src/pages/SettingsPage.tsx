import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../components/usePageTitle';
import { ModernGovSection } from '../moderngov/ModernGovSection';

export function SettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('moderngov.settingsTitle'));
  return (
    <section aria-labelledby="settings-heading">
      <h1 id="settings-heading">{t('moderngov.settingsTitle')}</h1>
      <ModernGovSection />
    </section>
  );
}
