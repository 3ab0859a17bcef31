import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { languages, textSizes, type Settings } from '../../../shared/domain/settings';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { usePageTitle } from '../components/usePageTitle';
import { useResult } from '../components/useResult';
import { useImportPack } from '../import/useImportPack';
import { applyDisplay } from '../preferences/display';

export const paperSources = ['endpoint', 'moderngov', 'local'] as const;
type PaperSource = (typeof paperSources)[number];
const destination: Record<PaperSource, string> = { endpoint: '/sign-in', moderngov: '/settings', local: '/' };

/**
 * The first thing a new member sees: language first (so the rest reads in it), text size, where the
 * papers come from, and the sample pack to try. Every choice applies at once and is kept; finishing
 * or skipping marks this device as set up so the welcome never returns uninvited.
 */
export function WelcomePage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const [loaded] = useResult(() => api.getSettings({}), 'welcome-settings');
  const [changed, setChanged] = useState<Settings | null>(null);
  const [source, setSource] = useState<PaperSource>('local');
  const [error, setError] = useState<ApiError | null>(null);
  const sample = useImportPack();
  usePageTitle(t('welcome.title'));
  const settings = changed ?? (loaded.state === 'ready' ? loaded.value : null);

  const save = async (change: Partial<Settings>): Promise<boolean> => {
    const saved = await api.updateSettings(change);
    if (!saved.ok) {
      setError(saved.error);
      return false;
    }
    setError(null);
    setChanged(saved.value);
    applyDisplay(saved.value);
    if (saved.value.language !== i18n.language) await i18n.changeLanguage(saved.value.language);
    return true;
  };
  const finish = async (to: string) => {
    if (await save({ onboarded: true })) void navigate(to);
  };
  const trySample = async () => {
    if (await save({ onboarded: true })) await sample.importSample();
  };

  if (loaded.state === 'failed') return <ErrorMessage error={loaded.error} />;
  if (!settings) return <p aria-busy="true">{t('app.loading')}</p>;
  return (
    <section aria-labelledby="welcome-heading" className="welcome">
      <h1 id="welcome-heading">{t('welcome.title')}</h1>
      <p className="lead">{t('welcome.intro')}</p>
      {error && <ErrorMessage error={error} />}
      <fieldset className="choice-group">
        <legend>{t('welcome.language')}</legend>
        {languages.map((language) => (
          <label key={language} className="choice" lang={language}>
            <input type="radio" name="welcome-language" value={language} checked={settings.language === language} onChange={() => void save({ language })} />
            {t(`language.${language}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-group">
        <legend>{t('display.textSize.legend')}</legend>
        {textSizes.map((size) => (
          <label key={size} className="choice">
            <input type="radio" name="welcome-text-size" value={size} checked={settings.textSize === size} onChange={() => void save({ textSize: size })} />
            {t(`display.textSize.${size}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-group">
        <legend>{t('welcome.source.legend')}</legend>
        {paperSources.map((value) => (
          <label key={value} className="choice choice-described">
            <input type="radio" name="welcome-source" value={value} checked={source === value} onChange={() => setSource(value)} aria-describedby={`welcome-source-${value}`} />
            {t(`welcome.source.${value}`)}
            <span id={`welcome-source-${value}`} className="hint">
              {t(`welcome.source.${value}Hint`)}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="welcome-actions">
        <button type="button" className="primary" onClick={() => void finish(destination[source])}>
          {t('welcome.start')}
        </button>
        <button type="button" onClick={() => void trySample()} disabled={sample.busy}>
          {t('welcome.trySample')}
        </button>
        <button type="button" className="link-button" onClick={() => void finish('/')}>
          {t('welcome.skip')}
        </button>
      </div>
      <div role="status" className="status-line">
        {sample.busy ? t('welcome.openingSample') : ''}
      </div>
      {sample.state.step === 'failed' && <p className="error">{t('welcome.sampleFailed')}</p>}
    </section>
  );
}
