import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModernGovChange, ModernGovItem } from '../../../shared/domain/moderngov';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { SafeHtml } from '../components/SafeHtml';
import { useResult } from '../components/useResult';
import { formatInstant, formatShortDate, formatTime, type Translate } from '../format/dates';
import { failureReason } from './reasons';

function when(value: string | null, t: Translate): string {
  if (!value) return t('moderngov.noDate');
  const date = formatShortDate(value.slice(0, 10), t);
  return value.length > 10 ? t('dates.pattern.dateTime', { date, time: formatTime(value.slice(11, 16)) }) : date;
}

function describeChange(change: ModernGovChange, t: Translate): string {
  const document = change.documentTitle ?? '';
  switch (change.kind) {
    case 'publication-date-changed':
      return t('moderngov.change.publication-date-changed', { document, from: when(change.from, t), to: when(change.to, t) });
    case 'title-changed':
      return t('moderngov.change.title-changed', { from: change.from ?? '', to: change.to ?? '' });
    default:
      return t(`moderngov.change.${change.kind}`, { document });
  }
}

/** What a meeting's Modern.gov site published, per item, with what is new or changed since last seen. */
export function MeetingUpdates({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [version, setVersion] = useState(0);
  const [detail, reload] = useResult(() => api.getModernGovMeeting({ meetingId }), `moderngov:${meetingId}:${version}`);
  if (detail.state === 'loading') return null;
  if (detail.state === 'failed') return <ErrorMessage error={detail.error} onRetry={reload} />;
  if (!detail.value) return null;
  const unseen = detail.value.items.reduce((n, item) => n + item.changes.filter((c) => !c.seen).length, 0);

  const markSeen = async () => {
    const answer = await api.markModernGovChangesSeen({ meetingId });
    if (answer.ok) setVersion((v) => v + 1);
  };

  return (
    <section aria-labelledby="moderngov-updates-heading" className="moderngov-updates">
      <h2 id="moderngov-updates-heading">{t('moderngov.updatesHeading')}</h2>
      <p>{t('moderngov.fetchedFrom', { site: detail.value.siteUrl, date: formatInstant(detail.value.fetchedAt, t) })}</p>
      {detail.value.failure && (
        <p role="alert" className="error-message">
          {t('moderngov.lastRefreshFailed', { date: formatInstant(detail.value.failure.at, t), reason: failureReason(detail.value.failure.code, t) })}
        </p>
      )}
      <p role="status" className="status-line">
        {unseen > 0 ? t('moderngov.unseen', { count: unseen }) : t('moderngov.nothingNew')}
      </p>
      {unseen > 0 && (
        <button type="button" onClick={() => void markSeen()}>
          {t('moderngov.markSeen')}
        </button>
      )}
      <ol className="moderngov-items">
        {detail.value.items.map((item) => (
          <UpdatedItem key={item.modernGovId} item={item} />
        ))}
      </ol>
    </section>
  );
}

function UpdatedItem({ item }: { item: ModernGovItem }) {
  const { t } = useTranslation();
  const fresh = item.changes.filter((c) => !c.seen);
  const headingId = `mg-item-${item.modernGovId}`;
  return (
    <li aria-labelledby={headingId} className={fresh.length > 0 ? 'has-changes' : undefined}>
      <h3 id={headingId}>{`${item.number}. ${item.title}`}</h3>
      {fresh.length > 0 && (
        <ul className="changes" aria-label={t('moderngov.changesLabel')}>
          {fresh.map((c, i) => (
            <li key={i}>
              <span className="badge">{t(`moderngov.kind.${c.kind}`)}</span> {describeChange(c, t)}
            </li>
          ))}
        </ul>
      )}
      <SafeHtml html={item.agendaHtml} className="agenda-text" />
      {item.documents.length > 0 && (
        <ul className="documents" aria-label={t('moderngov.documentsLabel')}>
          {item.documents.map((d) => (
            <li key={d.attachmentId}>
              {d.pdfPages ? t('moderngov.documentPages', { title: d.title, from: d.pdfPages.from, to: d.pdfPages.to }) : d.title}
              {' – '}
              {d.error ? t('moderngov.notFetched', { reason: failureReason(d.error, t) }) : t('moderngov.published', { date: when(d.publishedAt, t) })}
              {d.error && d.retryAfter ? ` ${t('moderngov.retryAfter', { date: formatInstant(d.retryAfter, t) })}` : ''}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
