import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInstant } from '../format/dates';
import { changesToSendPath } from './PendingChanges';
import { useSyncStatus } from './useSyncStatus';

/**
 * The header's sync line. Before sign-in the work is kept on this device only, so nothing is
 * counted as waiting (nothing is going anywhere); after sign-in it says how many changes are still
 * to send and links to what they are. Deliberately not a live region: it is refreshed every few
 * seconds and would talk over the page's own status messages; the sync page announces results.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const [status] = useSyncStatus();
  if (!status) return null;
  if (!status.signedIn) {
    return (
      <p className="sync-indicator sync-signedOut">
        <Link to="/sign-in" title={t('syncStatus.deviceOnlyHint')}>
          {t('syncStatus.deviceOnly')}
        </Link>
      </p>
    );
  }
  const state = status.syncing ? 'syncing' : status.online ? 'online' : 'offline';
  return (
    <p className={`sync-indicator sync-${state}`}>
      <Link to="/sign-in">
        {t(`sync.state.${state}`)}
        {status.lastSyncedAt && ` · ${t('sync.lastSynced', { when: formatInstant(status.lastSyncedAt, t) })}`}
      </Link>
      {status.pending > 0 && (
        <>
          {' · '}
          <Link to={changesToSendPath}>{t('syncStatus.toSend', { count: status.pending })}</Link>
        </>
      )}
      {status.conflicts > 0 && ` · ${t('sync.conflictCount', { count: status.conflicts })}`}
      {status.downloads && ` · ${t('sync.downloading', { percent: Math.floor((100 * status.downloads.done) / Math.max(1, status.downloads.total)) })}`}
    </p>
  );
}
