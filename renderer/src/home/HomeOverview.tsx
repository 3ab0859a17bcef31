import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Home, UpcomingMeeting } from '../../../shared/api/contracts/home';
import { formatMeetingDate, formatTime } from '../format/dates';
import { useMemberName } from '../i18n/useMemberName';

function WhatsNew({ meeting }: { meeting: UpcomingMeeting }) {
  const { t } = useTranslation();
  if (!meeting.hasPack) return <p className="whats-new muted">{t('home.noPapers')}</p>;
  if (meeting.lastViewedAt === null) return <p className="whats-new fresh">{t('home.notOpened')}</p>;
  const parts = [
    meeting.newPackVersions > 0 ? t('home.newPapers', { count: meeting.newPackVersions }) : null,
    meeting.changedItems > 0 ? t('home.changedItems', { count: meeting.changedItems }) : null,
  ].filter((p): p is string => p !== null);
  return <p className={parts.length > 0 ? 'whats-new fresh' : 'whats-new muted'}>{parts.length > 0 ? parts.join(' · ') : t('home.nothingNew')}</p>;
}

/**
 * The top of the home screen: the meetings coming up, each with what arrived since this device last
 * opened it, then the member's unasked questions and the open actions.
 */
export function HomeOverview({ home }: { home: Home }) {
  const { t } = useTranslation();
  const displayName = useMemberName();
  return (
    <div className="home-overview">
      <section aria-labelledby="upcoming-heading" className="home-section">
        <h2 id="upcoming-heading">{t('home.upcoming')}</h2>
        {home.upcoming.length === 0 ? (
          <p className="empty">{t('home.noUpcoming')}</p>
        ) : (
          <ul className="upcoming-list">
            {home.upcoming.map((m) => (
              <li key={m.id} className="upcoming-card">
                <h3>
                  <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                </h3>
                <p>
                  <time dateTime={m.date}>{formatMeetingDate(m.date, t)}</time>, <time dateTime={m.startTime}>{formatTime(m.startTime)}</time> · {m.committee}
                </p>
                <WhatsNew meeting={m} />
                {m.hasPack && (
                  <Link className="button" to={`/meetings/${m.id}/pack`} aria-label={t('home.readPackOf', { title: m.title })}>
                    {t('home.readPack')}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="questions-heading" className="home-section">
        <h2 id="questions-heading">{t('home.questions')}</h2>
        {home.openQuestions.length === 0 ? (
          <p className="empty">{t('home.noQuestions')}</p>
        ) : (
          <ul>
            {home.openQuestions.map((q) => (
              <li key={q.id}>
                <Link to={`/meetings/${q.meetingId}/pack`}>{t('home.questionAt', { meeting: q.meetingTitle, item: q.itemNumber })}</Link>: {q.text}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="actions-heading" className="home-section">
        <h2 id="actions-heading">{t('home.actions')}</h2>
        {home.openActions.length === 0 ? (
          <p className="empty">{t('home.noActions')}</p>
        ) : (
          <ul>
            {home.openActions.map((a) => (
              <li key={a.id}>
                <Link to={`/meetings/${a.meetingId}`}>{t('home.actionAt', { meeting: a.meetingTitle, item: a.itemNumber })}</Link>: {a.text} ({displayName(a.owner)}
                {a.dueDate ? `, ${t('home.due', { date: formatMeetingDate(a.dueDate, t) })}` : ''})
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
