import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ModernGovSite } from '../../../shared/domain/moderngov';
import { useApi } from '../api/ApiContext';
import { formatInstant, formatShortDate } from '../format/dates';
import { describeFailure } from './reasons';
import { useRefresh } from './useRefresh';

/** One Modern.gov site: which committees to fetch, how far ahead, and a refresh with progress. */
export function SiteSettings({ site }: { site: ModernGovSite }) {
  const { t } = useTranslation();
  const api = useApi();
  const [chosen, setChosen] = useState(() => new Set(site.committees.filter((c) => c.chosen).map((c) => c.id)));
  const [daysAhead, setDaysAhead] = useState(String(site.daysAhead));
  const [saved, setSaved] = useState<'idle' | 'saved' | { code: string }>('idle');
  const { view, start, cancel } = useRefresh(site.id);
  const idBase = `site-${site.id}`;
  const days = Number(daysAhead);
  const daysValid = Number.isInteger(days) && days >= 1 && days <= 730;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!daysValid) return;
    const answer = await api.updateModernGovSite({ siteId: site.id, chosenCommitteeIds: [...chosen], daysAhead: days });
    if (answer.ok) {
      setSaved('saved');
    } else {
      setSaved({ code: answer.error.code });
    }
  };

  const toggle = (id: number, on: boolean) => {
    setSaved('idle');
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  return (
    <section className="moderngov-site" aria-labelledby={`${idBase}-heading`}>
      <h3 id={`${idBase}-heading`}>{site.baseUrl}</h3>
      <form onSubmit={(e) => void save(e)} noValidate>
        <fieldset>
          <legend>{t('moderngov.committees')}</legend>
          {site.committees.length === 0 && <p className="empty">{t('moderngov.noCommittees')}</p>}
          <ul className="checkbox-list">
            {site.committees.map((c) => (
              <li key={c.id}>
                <input id={`${idBase}-c${c.id}`} type="checkbox" checked={chosen.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                <label htmlFor={`${idBase}-c${c.id}`}>{c.title}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className={daysValid ? 'field' : 'field has-error'}>
          <label htmlFor={`${idBase}-days`}>{t('moderngov.daysAhead')}</label>
          <p id={`${idBase}-days-hint`} className="hint">
            {t('moderngov.daysAheadHint')}
          </p>
          {!daysValid && (
            <p id={`${idBase}-days-error`} className="field-error">
              {t('moderngov.daysAheadInvalid')}
            </p>
          )}
          <input
            id={`${idBase}-days`}
            type="number"
            min={1}
            max={730}
            value={daysAhead}
            aria-invalid={daysValid ? 'false' : 'true'}
            aria-describedby={daysValid ? `${idBase}-days-hint` : `${idBase}-days-hint ${idBase}-days-error`}
            onChange={(e) => {
              setSaved('idle');
              setDaysAhead(e.target.value);
            }}
          />
        </div>
        <div className="actions">
          <button type="submit">{t('moderngov.save')}</button>
          <button type="button" disabled={view.step === 'running'} onClick={() => void start()}>
            {t('moderngov.refresh')}
          </button>
          {view.step === 'running' && (
            <button type="button" onClick={() => void cancel()}>
              {t('moderngov.cancelRefresh')}
            </button>
          )}
        </div>
        <p role="status" className="status-line">
          {saved === 'saved' ? t('moderngov.saved') : ''}
        </p>
        {typeof saved === 'object' && (
          <p role="alert" className="error-message">
            {t(`errors.${saved.code}`)}
          </p>
        )}
      </form>
      <RefreshProgress view={view} lastRefreshed={site.refreshedAt} />
    </section>
  );
}

function RefreshProgress({ view, lastRefreshed }: { view: ReturnType<typeof useRefresh>['view']; lastRefreshed: string | null }) {
  const { t } = useTranslation();
  const running = view.step === 'running' ? view.state : null;
  return (
    <div className="refresh">
      <div role="status" className="status-line">
        {view.step === 'running' && (running && running.total > 0 ? t('moderngov.progress', { done: running.done, total: running.total }) : t('moderngov.starting'))}
        {view.step === 'done' && t('moderngov.done', { count: view.state.result?.meetings.length ?? 0 })}
        {view.step === 'idle' && lastRefreshed && t('moderngov.lastRefreshed', { date: formatInstant(lastRefreshed, t) })}
        {view.step === 'cancelled' && t('moderngov.cancelled')}
      </div>
      {view.step === 'running' && <progress aria-label={t('moderngov.progressLabel')} value={running?.done ?? 0} max={Math.max(running?.total ?? 1, 1)} />}
      {view.step === 'failed' && (
        <p role="alert" className="error-message">
          {t(`errors.${view.code}`)}
        </p>
      )}
      {view.step === 'done' && view.state.result && (
        <>
          <ul className="fetched-meetings">
            {view.state.result.meetings.map((m) => (
              <li key={m.id}>
                <Link to={`/meetings/${m.id}`}>{`${m.committee}, ${formatShortDate(m.date, t)}`}</Link>
                {m.changes > 0 && <span className="badge">{t('moderngov.changesCount', { count: m.changes })}</span>}
              </li>
            ))}
          </ul>
          {view.state.result.failures.length > 0 && (
            <>
              <h4>{t('moderngov.failuresHeading')}</h4>
              <ul className="failures">
                {view.state.result.failures.map((f) => (
                  <li key={`${f.meetingModernGovId}-${f.attachmentId ?? 'meeting'}`}>{describeFailure(f, t)}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
