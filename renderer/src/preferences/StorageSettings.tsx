import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { useResult } from '../components/useResult';
import { formatShortDate } from '../format/dates';
import { BackupSettings } from './BackupSettings';
import { RetentionSettings } from './RetentionSettings';

/** Megabytes to one decimal place: a councillor deciding what to clear needs no more than that. */
const megabytes = (bytes: number): string => (bytes / 1_000_000).toFixed(1);

/** Where Chamber keeps this device's data and which meetings' papers take the room. */
export function StorageSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const [storage, reload] = useResult(() => api.getStorage({}), 'storage');
  return (
    <>
      <section aria-labelledby="storage-heading" className="settings-section">
        <h2 id="storage-heading">{t('storage.heading')}</h2>
        {storage.state === 'failed' && <ErrorMessage error={storage.error} onRetry={reload} />}
        {storage.state === 'ready' && (
          <>
            <dl className="storage-summary">
              <dt>{t('storage.location')}</dt>
              <dd>
                <code className="data-location">{storage.value.dataDir}</code>
              </dd>
              <dt>{t('storage.total')}</dt>
              <dd>{t('storage.megabytes', { value: megabytes(storage.value.databaseBytes + storage.value.documentsBytes) })}</dd>
              <dt>{t('storage.database')}</dt>
              <dd>{t('storage.megabytes', { value: megabytes(storage.value.databaseBytes) })}</dd>
              <dt>{t('storage.documents')}</dt>
              <dd>{t('storage.megabytes', { value: megabytes(storage.value.documentsBytes) })}</dd>
            </dl>
            <p className="hint">{t('storage.encrypted')}</p>
            {storage.value.meetings.length === 0 ? (
              <p className="empty">{t('storage.noPapers')}</p>
            ) : (
              <table className="storage-table">
                <caption>{t('storage.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('storage.columns.meeting')}</th>
                    <th scope="col">{t('storage.columns.date')}</th>
                    <th scope="col">{t('storage.columns.versions')}</th>
                    <th scope="col">{t('storage.columns.size')}</th>
                  </tr>
                </thead>
                <tbody>
                  {storage.value.meetings.map((m) => (
                    <tr key={m.meetingId}>
                      <th scope="row">
                        <Link to={`/meetings/${m.meetingId}`}>{m.title}</Link>
                      </th>
                      <td>
                        <time dateTime={m.date}>{formatShortDate(m.date, t)}</time>
                      </td>
                      <td>{m.versions}</td>
                      <td>{t('storage.megabytes', { value: megabytes(m.bytes) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
      <RetentionSettings onApplied={reload} />
      <BackupSettings />
    </>
  );
}
