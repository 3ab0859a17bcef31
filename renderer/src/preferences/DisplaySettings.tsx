import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contrasts, motions, textSizes, type Settings } from '../../../shared/domain/settings';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { useResult } from '../components/useResult';
import { applyDisplay } from './display';

type DisplayKey = 'textSize' | 'contrast' | 'motion';
const groups: { key: DisplayKey; values: readonly string[] }[] = [
  { key: 'textSize', values: textSizes },
  { key: 'contrast', values: contrasts },
  { key: 'motion', values: motions },
];

/** Text size, contrast and motion: saved on this device and applied the moment they change. */
export function DisplaySettings() {
  const { t } = useTranslation();
  const api = useApi();
  const [loaded] = useResult(() => api.getSettings({}), 'settings');
  const [changed, setChanged] = useState<Settings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const settings = changed ?? (loaded.state === 'ready' ? loaded.value : null);

  const change = async (key: DisplayKey, value: string) => {
    const saved = await api.updateSettings({ [key]: value });
    if (!saved.ok) {
      setError(saved.error);
      return;
    }
    setError(null);
    setChanged(saved.value);
    applyDisplay(saved.value);
  };

  if (loaded.state === 'failed') return <ErrorMessage error={loaded.error} />;
  if (!settings) return null;
  return (
    <section aria-labelledby="display-heading" className="settings-section">
      <h2 id="display-heading">{t('display.heading')}</h2>
      {error && <ErrorMessage error={error} />}
      {groups.map(({ key, values }) => (
        <fieldset key={key} className="choice-group">
          <legend>{t(`display.${key}.legend`)}</legend>
          {values.map((value) => (
            <label key={value} className="choice">
              <input type="radio" name={key} value={value} checked={settings[key] === value} onChange={() => void change(key, value)} />
              {t(`display.${key}.${value}`)}
            </label>
          ))}
        </fieldset>
      ))}
    </section>
  );
}
