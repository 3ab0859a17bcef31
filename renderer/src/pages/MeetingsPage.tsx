import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { newMeetingShortcut } from '../components/Layout';
import { usePageTitle } from '../components/usePageTitle';
import { useResult } from '../components/useResult';
import { formatShortDate, formatTime } from '../format/dates';
import { HomeOverview } from '../home/HomeOverview';
import { PackImport } from '../import/PackImport';

export function MeetingsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const location = useLocation();
  const created = (location.state as { createdTitle?: string } | null)?.createdTitle;
  const [meetings, reload] = useResult(() => api.listMeetings({}), 'meetings');
  const [home] = useResult(() => api.getHome({}), 'home');
  const [settings] = useResult(() => api.getSettings({}), 'home-settings');
  const [sync] = useResult(() => api.getSyncStatus({}), 'home-sync');
  usePageTitle(t('meetings.title'));

  // A device that has never been set up starts at the welcome, once.
  if (settings.state === 'ready' && !settings.value.onboarded) return <Navigate to="/welcome" replace />;

  return (
    <section aria-labelledby="meetings-heading" data-state={meetings.state}>
      <div className="page-heading">
        <h1 id="meetings-heading">{t('meetings.title')}</h1>
        <Link className="button primary" to="/meetings/new" title={t('meetings.shortcutHint', { keys: newMeetingShortcut.label })}>
          {t('nav.newMeeting')}
        </Link>
      </div>
      <div role="status" className="status-line">
        {created ? t('meetings.created', { title: created }) : ''}
      </div>
      {/* Signed in, the header's sync line says how syncing is going; here only the local case needs saying. */}
      {sync.state === 'ready' && !sync.value.signedIn && <p className="sync-note">{t('home.workingLocally')}</p>}
      {home.state === 'ready' && <HomeOverview home={home.value} />}
      <PackImport offerSample />
      <h2 className="all-meetings-heading">{t('home.allMeetings')}</h2>
      {meetings.state === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}
      {meetings.state === 'failed' && <ErrorMessage error={meetings.error} onRetry={reload} />}
      {meetings.state === 'ready' &&
        (meetings.value.length === 0 ? (
          <p className="empty">{t('meetings.empty')}</p>
        ) : (
          <>
            <p className="count">{t('meetings.count', { count: meetings.value.length })}</p>
            <table className="meetings">
              <caption>{t('meetings.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('meetings.columns.date')}</th>
                  <th scope="col">{t('meetings.columns.time')}</th>
                  <th scope="col">{t('meetings.columns.title')}</th>
                  <th scope="col">{t('meetings.columns.committee')}</th>
                  <th scope="col">{t('meetings.columns.venue')}</th>
                  <th scope="col">{t('meetings.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {meetings.value.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <time dateTime={m.date}>{formatShortDate(m.date, t)}</time>
                    </td>
                    <td>
                      <time dateTime={m.startTime}>{formatTime(m.startTime)}</time>
                    </td>
                    <th scope="row">
                      <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                    </th>
                    <td>{m.committee}</td>
                    <td>{m.venue}</td>
                    <td>{t(`meetings.status.${m.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ))}
    </section>
  );
}
