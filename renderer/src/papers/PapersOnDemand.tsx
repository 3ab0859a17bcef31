import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PapersDownload } from '../../../shared/api/contracts/papers';
import { useApi } from '../api/ApiContext';

const pollMs = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * "Download papers" on a meeting page: the meeting's papers from the endpoint or its Modern.gov
 * site, whatever its date, with progress. Hidden for a meeting whose papers come from nowhere Chamber
 * can ask (an imported pack). `onArrived` lets the page show the new pack.
 */
export function PapersOnDemand({ meetingId, onArrived }: { meetingId: string; onArrived: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [state, setState] = useState<PapersDownload | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    void api.getPapersDownload({ meetingId }).then((answer) => {
      if (live.current && answer.ok) setState(answer.value);
    });
    return () => {
      live.current = false;
    };
  }, [api, meetingId]);

  if (!state?.source) return null;

  const start = async () => {
    setFailure(null);
    let answer = await api.startPapersDownload({ meetingId });
    while (answer.ok && answer.value.state === 'running') {
      if (!live.current) return;
      setState(answer.value);
      await sleep(pollMs);
      answer = await api.getPapersDownload({ meetingId });
    }
    if (!live.current) return;
    if (!answer.ok) {
      setFailure(answer.error.code);
      return;
    }
    setState(answer.value);
    if (answer.value.state === 'failed') setFailure(answer.value.error?.code ?? 'INTERNAL');
    else onArrived();
  };

  const running = state.state === 'running';
  return (
    <section className="papers-on-demand" aria-labelledby="papers-on-demand-heading">
      <h2 id="papers-on-demand-heading">{t('papers.heading')}</h2>
      <p className="hint">{t(state.source === 'endpoint' ? 'papers.fromEndpoint' : 'papers.fromModernGov')}</p>
      <button type="button" disabled={running} onClick={() => void start()}>
        {running ? t('papers.downloading') : t('papers.download')}
      </button>
      {running && <progress aria-label={t('papers.progressLabel')} value={state.done} max={Math.max(state.total, 1)} />}
      <p role="status" className="status-line">
        {running && state.total > 0 ? t('papers.progress', { percent: Math.floor((100 * state.done) / state.total) }) : ''}
        {state.state === 'succeeded' ? t('papers.done', { count: state.stored }) : ''}
      </p>
      {failure && (
        <p role="alert" className="error-message">
          {t(`errors.${failure}`)}
        </p>
      )}
      {state.state === 'succeeded' && state.refused.length > 0 && (
        <>
          <h3>{t('papers.refusedHeading')}</h3>
          <ul>
            {state.refused.map((r, i) => (
              <li key={i}>{t('papers.refused', { title: r.title ?? t('papers.untitled'), reason: r.reason.startsWith('MODERNGOV_') || r.reason === 'RESTRICTED' ? t(r.reason === 'RESTRICTED' ? 'moderngov.documentRestricted' : `errors.${r.reason}`) : r.reason })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
