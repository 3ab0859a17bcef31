import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Language, languages } from '../../../shared/domain/settings';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from './ErrorMessage';
import type { ApiError } from '../../../shared/result';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const id = useId();
  const [error, setError] = useState<ApiError | null>(null);

  const change = async (value: string) => {
    const language = Language.parse(value);
    const saved = await api.updateSettings({ language });
    if (!saved.ok) {
      setError(saved.error);
      return;
    }
    setError(null);
    await i18n.changeLanguage(saved.value.language);
  };

  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={i18n.language} onChange={(e) => void change(e.target.value)}>
        {languages.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
