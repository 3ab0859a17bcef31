import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { minBackupPassphrase, type BackupSummary } from '../../../shared/api/contracts/backup';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';

type Problem = 'path' | 'short' | 'mismatch' | null;

/**
 * An encrypted backup written to a file the member names, on this computer. Restoring replaces the
 * whole data folder, so it is done with Chamber closed, from the command line (the hint says how).
 */
export function BackupSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const [file, setFile] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<BackupSummary | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (file.trim() === '') return setProblem('path');
    if (passphrase.length < minBackupPassphrase) return setProblem('short');
    if (passphrase !== confirm) return setProblem('mismatch');
    setProblem(null);
    setBusy(true);
    const answer = await api.createBackup({ path: file.trim(), passphrase });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setError(null);
    setPassphrase('');
    setConfirm('');
    setDone(answer.value);
  };

  return (
    <section aria-labelledby="backup-heading" className="settings-section">
      <h2 id="backup-heading">{t('backup.heading')}</h2>
      <p>{t('backup.explanation')}</p>
      {error && <ErrorMessage error={error} />}
      {done && <p role="status">{t('backup.done', { file: done.file, size: (done.bytes / 1_000_000).toFixed(1) })}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <div className="field">
          <label htmlFor="backup-file">{t('backup.file')}</label>
          <p id="backup-file-hint" className="hint">
            {t('backup.fileHint')}
          </p>
          {problem === 'path' && (
            <p id="backup-file-error" className="field-error" role="alert">
              {t('backup.needFile')}
            </p>
          )}
          <input
            id="backup-file"
            type="text"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={problem === 'path' ? 'true' : 'false'}
            aria-describedby={problem === 'path' ? 'backup-file-hint backup-file-error' : 'backup-file-hint'}
            value={file}
            onChange={(e) => setFile(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="backup-passphrase">{t('backup.passphrase')}</label>
          <p id="backup-passphrase-hint" className="hint">
            {t('backup.passphraseHint', { count: minBackupPassphrase })}
          </p>
          {problem === 'short' && (
            <p id="backup-passphrase-error" className="field-error" role="alert">
              {t('backup.tooShort', { count: minBackupPassphrase })}
            </p>
          )}
          <input
            id="backup-passphrase"
            type="password"
            autoComplete="new-password"
            aria-invalid={problem === 'short' ? 'true' : 'false'}
            aria-describedby={problem === 'short' ? 'backup-passphrase-hint backup-passphrase-error' : 'backup-passphrase-hint'}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="backup-confirm">{t('backup.confirm')}</label>
          {problem === 'mismatch' && (
            <p id="backup-confirm-error" className="field-error" role="alert">
              {t('backup.mismatch')}
            </p>
          )}
          <input
            id="backup-confirm"
            type="password"
            autoComplete="new-password"
            aria-invalid={problem === 'mismatch' ? 'true' : 'false'}
            aria-describedby={problem === 'mismatch' ? 'backup-confirm-error' : undefined}
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        </div>
        <button type="submit" disabled={busy}>
          {t('backup.create')}
        </button>
      </form>
      <p className="hint">{t('backup.restoreHint')}</p>
    </section>
  );
}
