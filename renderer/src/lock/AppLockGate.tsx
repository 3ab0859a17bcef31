import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChamberApi } from '../../../shared/api/binding';
import type { AppLockStatus } from '../../../shared/domain/appLock';
import { ApiContext } from '../api/ApiContext';
import { withLockDetection } from './lockingApi';
import { useIdle } from './useIdle';

export const lockShortcut = { key: 'l', label: 'Ctrl+Alt+L', aria: 'Control+Alt+L' } as const;

/**
 * Puts the app behind the PIN when the member has turned the lock on: after the idle time they
 * chose, on Ctrl+Alt+L, and at start. The core refuses data calls while locked; this only draws
 * the lock screen. The app stays mounted but hidden and inert, so a half-typed minute survives.
 */
export function AppLockGate({ api, children }: { api: ChamberApi; children: ReactNode }) {
  const [status, setStatus] = useState<AppLockStatus | null>(null);
  const lockedApi = useMemo(() => withLockDetection(api, () => setStatus((s) => (s ? { ...s, locked: true } : s))), [api]);

  useEffect(() => {
    let live = true;
    const load = () =>
      void api.getAppLockStatus({}).then((answer) => {
        if (live && answer.ok) setStatus(answer.value);
      });
    load();
    window.addEventListener('chamber:app-lock-changed', load);
    return () => {
      live = false;
      window.removeEventListener('chamber:app-lock-changed', load);
    };
  }, [api]);

  const lockNow = useCallback(() => {
    void api.lockApp({}).then((answer) => {
      if (answer.ok) setStatus(answer.value);
    });
  }, [api]);

  useIdle(status?.enabled && !status.locked ? status.idleMinutes : null, lockNow);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey && event.altKey && event.key.toLowerCase() === lockShortcut.key && status?.enabled) {
        event.preventDefault();
        lockNow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lockNow, status?.enabled]);

  const locked = status?.locked === true;
  return (
    <ApiContext.Provider value={lockedApi}>
      <div hidden={locked} inert={locked}>
        {children}
      </div>
      {locked && <LockScreen api={api} onUnlocked={setStatus} />}
    </ApiContext.Provider>
  );
}

function LockScreen({ api, onUnlocked }: { api: ChamberApi; onUnlocked: (status: AppLockStatus) => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    document.title = t('lock.title');
  }, [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await api.unlockApp({ pin });
    setBusy(false);
    setPin('');
    if (answer.ok) {
      onUnlocked(answer.value);
      return;
    }
    if (answer.error.code === 'PIN_RETRY_LATER') {
      const status = await api.getAppLockStatus({});
      setError(t('lock.retryLater', { count: status.ok ? status.value.retryAfterSeconds : 30 }));
    } else setError(t(`errors.${answer.error.code}`));
    input.current?.focus();
  };

  return (
    <main className="lock-screen" id="main">
      <h1>{t('lock.title')}</h1>
      <p>{t('lock.explanation')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="unlock-pin">{t('lock.pin')}</label>
        {error && (
          <p id="unlock-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <input
          id="unlock-pin"
          ref={input}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error ? 'unlock-error' : undefined}
          onChange={(e) => setPin(e.target.value)}
        />
        <button type="submit" disabled={busy || pin.length === 0}>
          {t('lock.unlock')}
        </button>
      </form>
    </main>
  );
}
