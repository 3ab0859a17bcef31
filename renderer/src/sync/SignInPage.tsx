import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { usePageTitle } from '../components/usePageTitle';
import { formatInstant } from '../format/dates';
import { useMemberName } from '../i18n/useMemberName';
import { actingMemberChanged } from '../identity/useActingMember';
import { ConflictsList } from './ConflictsList';
import { QuarantinedChanges } from './QuarantinedChanges';
import { RefusedChanges } from './RefusedChanges';
import { PendingChanges } from './PendingChanges';
import { SyncOptions } from './SyncOptions';
import { UnavailablePapers } from './UnavailablePapers';
import { useSyncStatus } from './useSyncStatus';

/** Sign in to the council's endpoint, see how sync is going, sign out. Route #/sign-in. */
export function SignInPage() {
  const { t } = useTranslation();
  const displayName = useMemberName();
  const api = useApi();
  const [status, refresh] = useSyncStatus();
  const [draft, setDraft] = useState({ endpoint: '', email: '', password: '' });
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('sync.title'));

  const run = async (work: () => Promise<ApiError | null>) => {
    setBusy(true);
    setFailure(null);
    const error = await work();
    setBusy(false);
    setFailure(error);
    refresh();
  };

  const signIn = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const result = await api.signInToEndpoint(draft);
      if (!result.ok) return result.error;
      // Signed in, the core acts as the signed-in member: every screen reads who is acting again.
      window.dispatchEvent(new Event(actingMemberChanged));
      setDraft((d) => ({ ...d, password: '' }));
      const started = await api.startSync({});
      return started.ok ? null : started.error;
    });
  };

  const syncNow = () =>
    void run(async () => {
      const started = await api.startSync({});
      return started.ok ? null : started.error;
    });

  const signOut = () =>
    void run(async () => {
      const result = await api.signOutOfEndpoint({});
      return result.ok ? null : result.error;
    });

  return (
    <section aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">{t('sync.title')}</h1>
      {status?.wipedReason === 'revoked' && (
        <div className="error-message" role="alert">
          <p>{t('sync.wipedRevoked')}</p>
        </div>
      )}
      {status?.signInRequired && (
        <div className="error-message" role="alert">
          <p>{t('sync.offlineExpired', { count: status.offlineExpiryDays })}</p>
        </div>
      )}
      {failure && <ErrorMessage error={failure} />}
      {status?.signedIn && !status.signInRequired ? (
        <div>
          <p>{t('sync.signedInAs', { name: displayName(status.user?.name ?? ''), email: status.user?.email ?? '', endpoint: status.endpoint ?? '' })}</p>
          <dl className="sync-facts">
            <dt>{t('sync.facts.connection')}</dt>
            <dd>{t(`sync.state.${status.online ? 'online' : 'offline'}`)}</dd>
            <dt>{t('sync.facts.lastSynced')}</dt>
            <dd>{status.lastSyncedAt ? formatInstant(status.lastSyncedAt, t) : t('sync.never')}</dd>
            <dt>{t('sync.facts.pending')}</dt>
            <dd>{status.pending}</dd>
            <dt>{t('sync.counts.rejected')}</dt>
            <dd>{status.rejected}</dd>
            <dt>{t('sync.counts.quarantined')}</dt>
            <dd>{status.quarantined}</dd>
          </dl>
          {status.syncing && <p role="status">{t('sync.state.syncing')}</p>}
          {!status.syncing && status.lastResult && <p role="status">{t('sync.result', status.lastResult)}</p>}
          {!status.syncing && status.lastError && <p>{t('sync.lastProblem')}</p>}
          <div className="form-actions">
            <button type="button" className="primary" onClick={syncNow} disabled={busy} aria-busy={busy}>
              {t('sync.syncNow')}
            </button>
            <button type="button" onClick={signOut} disabled={busy}>
              {t('sync.signOut')}
            </button>
          </div>
          <RefusedChanges count={status.rejected} onChanged={refresh} />
          <QuarantinedChanges count={status.quarantined} />
          <PendingChanges waiting={status.pendingByEntity} />
          <UnavailablePapers papers={status.unavailablePapers} />
          <SyncOptions status={status} onSaved={refresh} />
        </div>
      ) : (
        <form onSubmit={signIn}>
          <p className="notice">{t('syncStatus.deviceOnlyExplained')}</p>
          <p>{t('sync.intro')}</p>
          {(['endpoint', 'email', 'password'] as const).map((name) => (
            <div className="field" key={name}>
              <label htmlFor={`sign-in-${name}`}>{t(`sync.fields.${name}`)}</label>
              <input
                id={`sign-in-${name}`}
                name={name}
                type={name === 'password' ? 'password' : name === 'email' ? 'email' : 'url'}
                autoComplete={name === 'password' ? 'current-password' : name === 'email' ? 'username' : 'url'}
                required
                value={draft[name]}
                onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
              />
            </div>
          ))}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
              {t('sync.signIn')}
            </button>
          </div>
        </form>
      )}
      <ConflictsList onResolved={refresh} />
    </section>
  );
}
