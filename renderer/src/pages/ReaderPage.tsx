import { useMarkViewed } from '../home/useMarkViewed';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { usePageTitle } from '../components/usePageTitle';
import { useResult } from '../components/useResult';
import { PapersRemovedText } from '../pack/PapersRemoved';
import { PackReader } from '../reader/PackReader';
import { ensureWorker } from '../reader/pdf';
import { readerAddress, takeReaderLoad } from '../reader/readerLoad';

/** /meetings/:id/pack?page=N&version=V&find=words — the agenda pack reader (pdf.js is loaded with this screen only). */
export default function ReaderPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { id = '' } = useParams();
  const [searchParams] = useSearchParams();
  const { version, initialPage } = readerAddress(searchParams);
  const initialFind = searchParams.get('find')?.trim().slice(0, 200) || null;

  useMarkViewed(id);
  // Start pdf.js's worker while the meeting and its pack load.
  useEffect(() => void ensureWorker(), []);

  // The first load may already be under way, started with the app (readerLoad.ts).
  const [loaded, reload] = useResult(() => takeReaderLoad(api, id, version, initialPage), `reader:${id}:${version ?? 'latest'}`);
  usePageTitle(loaded.state === 'ready' ? t('reader.title', { title: loaded.value.meeting.title }) : t('app.loading'));

  if (loaded.state === 'loading') {
    return (
      <p aria-busy="true" className="reader-loading">
        {t('app.loading')}
      </p>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <section aria-labelledby="reader-error-heading" className="reader-message">
        <h1 id="reader-error-heading">{t('errors.title')}</h1>
        <ErrorMessage error={loaded.error} onRetry={reload} />
        <Link to={`/meetings/${id}`}>{t('reader.back')}</Link>
      </section>
    );
  }
  const { meeting, pack, removedAt, leftAt } = loaded.value;
  if (removedAt) {
    return (
      <section aria-labelledby="reader-removed-heading" className="reader-message">
        <h1 id="reader-removed-heading">{t('reader.title', { title: meeting.title })}</h1>
        <PapersRemovedText removedAt={removedAt} />
        <Link to={`/meetings/${id}`}>{t('reader.back')}</Link>
      </section>
    );
  }
  if (!pack) {
    return (
      <section aria-labelledby="reader-none-heading" className="reader-message">
        <h1 id="reader-none-heading">{t('reader.title', { title: meeting.title })}</h1>
        <p>{t('pack.none')}</p>
        <Link to={`/meetings/${id}`}>{t('reader.back')}</Link>
      </section>
    );
  }
  const latestVersion = pack.versions.reduce((max, v) => Math.max(max, v.version), pack.version);
  return <PackReader key={`${pack.documentSha256}:${pack.version}`} meeting={meeting} pack={pack} latestVersion={latestVersion} initialPage={initialPage ?? leftAt} initialFind={initialFind} />;
}
