import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInstant } from '../format/dates';
import { useSyncStatus } from './useSyncStatus';

/**
 * The header's sync line: online or offline, last synced, changes waiting; links to the sync page.
 * Deliberately not a live region: it is refreshed every few seconds and would talk over the page's
 * own status messages; the sync page announces results.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const [status] = useSyncStatus();
  if (!status) return null;
  const state = !status.signedIn ? 'signedOut' : status.syncing ? 'syncing' : status.online ? 'online' : 'offline';
  return (
    <p className={`sync-indicator sync-${state}`}>
      <Link to="/sign-in">
        {t(`sync.state.${state}`)}
        {status.signedIn && status.lastSyncedAt && ` · ${t('sync.lastSynced', { when: formatInstant(status.lastSyncedAt, t) })}`}
        {status.pending > 0 && ` · ${t('sync.pending', { count: status.pending })}`}
        {status.conflicts > 0 && ` · ${t('sync.conflictCount', { count: status.conflicts })}`}
        {status.downloads && ` · ${t('sync.downloading', { percent: Math.floor((100 * status.downloads.done) / Math.max(1, status.downloads.total)) })}`}
      </Link>
    </p>
  );
}
