import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languages, type Language } from '../../../shared/domain/settings';
import enGB from '../../../resources/locales/en-GB.json';
import cy from '../../../resources/locales/cy.json';

export const resources = { 'en-GB': { translation: enGB }, cy: { translation: cy } } as const;

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en-GB',
    supportedLngs: [...languages],
    // React escapes what it renders; escaping twice would show entities to the reader.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}
