import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { usePageTitle } from '../components/usePageTitle';
import { useResult } from '../components/useResult';
import { formatMeetingDate, formatTime } from '../format/dates';

export function MeetingPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { id = '' } = useParams();
  const [meeting, reload] = useResult(() => api.getMeeting({ id }), `meeting:${id}`);
  usePageTitle(meeting.state === 'ready' ? meeting.value.title : t('app.loading'));

  return (
    <section aria-labelledby="meeting-heading" data-state={meeting.state}>
      <p>
        <Link to="/">{t('meeting.back')}</Link>
      </p>
      {meeting.state === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}
      {meeting.state === 'failed' && (
        <>
          <h1 id="meeting-heading">{t('errors.title')}</h1>
          <ErrorMessage error={meeting.error} onRetry={reload} />
        </>
      )}
      {meeting.state === 'ready' && (
        <>
          <h1 id="meeting-heading">{meeting.value.title}</h1>
          <p className="meeting-when">
            {t('meeting.when', {
              date: formatMeetingDate(meeting.value.date, t),
              time: formatTime(meeting.value.startTime),
            })}
          </p>
          <dl className="meeting-facts">
            <dt>{t('meeting.committee')}</dt>
            <dd>{meeting.value.committee}</dd>
            <dt>{t('meeting.venue')}</dt>
            <dd>{meeting.value.venue}</dd>
            <dt>{t('meeting.status')}</dt>
            <dd>{t(`meetings.status.${meeting.value.status}`)}</dd>
          </dl>
        </>
      )}
    </section>
  );
}
