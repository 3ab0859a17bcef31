import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { idleMinuteChoices, type AppLockStatus } from '../../../shared/domain/appLock';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { lockShortcut } from './AppLockGate';

/** Settings section: turn the app lock on with a PIN, change the idle time, or turn it off. */
export function AppLockSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const [status, setStatus] = useState<AppLockStatus | null>(null);
  const [currentPin, setCurrentPin] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [idleMinutes, setIdleMinutes] = useState(5);
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    void api.getAppLockStatus({}).then((answer) => {
      if (answer.ok) {
        setStatus(answer.value);
        setIdleMinutes(answer.value.idleMinutes);
      }
    });
  }, [api]);

  const apply = async (change: { pin?: string | null }, message: string) => {
    setError(null);
    setSaved(null);
    const enabled = status?.enabled === true;
    const answer = await api.configureAppLock({
      ...(enabled ? { currentPin } : {}),
      ...change,
      idleMinutes: idleMinutes,
    });
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setStatus(answer.value);
    setCurrentPin('');
    setPin('');
    setConfirm('');
    setSaved(message);
    window.dispatchEvent(new Event('chamber:app-lock-changed'));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pin !== '' || !status?.enabled) {
      if (pin !== confirm) {
        setMismatch(true);
        return;
      }
    }
    setMismatch(false);
    void apply(pin !== '' ? { pin } : {}, status?.enabled ? t('lock.settings.changed') : t('lock.settings.turnedOn'));
  };

  if (!status) return null;
  return (
    <section aria-labelledby="app-lock-heading" className="settings-section">
      <h2 id="app-lock-heading">{t('lock.settings.heading')}</h2>
      <p>{t('lock.settings.explanation', { keys: lockShortcut.label })}</p>
      <p>{status.enabled ? t('lock.settings.isOn', { count: status.idleMinutes }) : t('lock.settings.isOff')}</p>
      {error && <ErrorMessage error={error} />}
      {saved && <p role="status">{saved}</p>}
      <form onSubmit={submit} noValidate>
        {status.enabled && (
          <div className="field">
            <label htmlFor="lock-current">{t('lock.settings.currentPin')}</label>
            <input id="lock-current" type="password" inputMode="numeric" autoComplete="off" value={currentPin} onChange={(e) => setCurrentPin(e.target.value)} />
          </div>
        )}
        <div className="field">
          <label htmlFor="lock-pin">{status.enabled ? t('lock.settings.newPinOptional') : t('lock.settings.newPin')}</label>
          <p id="lock-pin-hint" className="hint">
            {t('lock.settings.pinHint')}
          </p>
          <input id="lock-pin" type="password" inputMode="numeric" autoComplete="new-password" aria-describedby="lock-pin-hint" value={pin} onChange={(e) => setPin(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="lock-confirm">{t('lock.settings.confirmPin')}</label>
          {mismatch && (
            <p id="lock-confirm-error" className="field-error" role="alert">
              {t('lock.settings.mismatch')}
            </p>
          )}
          <input
            id="lock-confirm"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            aria-invalid={mismatch ? 'true' : 'false'}
            aria-describedby={mismatch ? 'lock-confirm-error' : undefined}
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="lock-idle">{t('lock.settings.idle')}</label>
          <select id="lock-idle" value={idleMinutes} onChange={(e) => setIdleMinutes(Number(e.target.value))}>
            {idleMinuteChoices.map((m) => (
              <option key={m} value={m}>
                {t('lock.settings.minutes', { count: m })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{status.enabled ? t('lock.settings.save') : t('lock.settings.turnOn')}</button>
        {status.enabled && (
          <button type="button" onClick={() => void apply({ pin: null }, t('lock.settings.turnedOff'))}>
            {t('lock.settings.turnOff')}
          </button>
        )}
      </form>
    </section>
  );
}
