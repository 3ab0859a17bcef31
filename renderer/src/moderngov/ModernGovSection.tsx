import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModernGovSite } from '../../../shared/domain/moderngov';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { useResult } from '../components/useResult';
import { SiteSettings } from './SiteSettings';

/** Settings: the council Modern.gov sites this device fetches meetings and packs from. */
export function ModernGovSection() {
  const { t } = useTranslation();
  const api = useApi();
  const [attempt, setAttempt] = useState(0);
  const [sites, reload] = useResult(() => api.listModernGovSites({}), `moderngov-sites:${attempt}`);
  const [url, setUrl] = useState('');
  const [adding, setAdding] = useState<'idle' | 'adding' | { code: string }>('idle');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (url.trim() === '') {
      setAdding({ code: 'INVALID_INPUT' });
      return;
    }
    setAdding('adding');
    const answer = await api.addModernGovSite({ url });
    if (answer.ok) {
      setUrl('');
      setAdding('idle');
      setAttempt((n) => n + 1);
    } else {
      setAdding({ code: answer.error.code });
    }
  };

  return (
    <section aria-labelledby="moderngov-heading">
      <h2 id="moderngov-heading">{t('moderngov.heading')}</h2>
      <p>{t('moderngov.intro')}</p>
      <form onSubmit={(e) => void add(e)} noValidate className="moderngov-add">
        <div className={typeof adding === 'object' ? 'field has-error' : 'field'}>
          <label htmlFor="moderngov-url">{t('moderngov.siteUrl')}</label>
          <p id="moderngov-url-hint" className="hint">
            {t('moderngov.siteUrlHint')}
          </p>
          {typeof adding === 'object' && (
            <p id="moderngov-url-error" className="field-error" role="alert">
              {t(`errors.${adding.code}`)}
            </p>
          )}
          <input
            id="moderngov-url"
            type="url"
            inputMode="url"
            autoComplete="url"
            value={url}
            aria-invalid={typeof adding === 'object' ? 'true' : 'false'}
            aria-describedby={typeof adding === 'object' ? 'moderngov-url-hint moderngov-url-error' : 'moderngov-url-hint'}
            onChange={(e) => setUrl(e.target.value)}
          />
        </div>
        <button type="submit" disabled={adding === 'adding'}>
          {adding === 'adding' ? t('moderngov.adding') : t('moderngov.add')}
        </button>
      </form>
      {sites.state === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}
      {sites.state === 'failed' && <ErrorMessage error={sites.error} onRetry={reload} />}
      {sites.state === 'ready' && sites.value.length === 0 && <p className="empty">{t('moderngov.noSites')}</p>}
      {sites.state === 'ready' && sites.value.map((site: ModernGovSite) => <SiteSettings key={`${site.id}:${attempt}`} site={site} />)}
    </section>
  );
}
