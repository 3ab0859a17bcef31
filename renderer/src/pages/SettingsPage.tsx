import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../components/usePageTitle';
import { AppLockSettings } from '../lock/AppLockSettings';
import { DeviceMemberSettings } from '../identity/DeviceMemberSettings';
import { ModernGovSection } from '../moderngov/ModernGovSection';
import { DisplaySettings } from '../preferences/DisplaySettings';
import { KeyboardShortcuts } from '../preferences/KeyboardShortcuts';
import { StorageSettings } from '../preferences/StorageSettings';

export function SettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('moderngov.settingsTitle'));
  return (
    <section aria-labelledby="settings-heading">
      <h1 id="settings-heading">{t('moderngov.settingsTitle')}</h1>
      <DisplaySettings />
      <DeviceMemberSettings />
      <ModernGovSection />
      <AppLockSettings />
      <StorageSettings />
      <KeyboardShortcuts />
    </section>
  );
}
