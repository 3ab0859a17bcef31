import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionPreview, RetentionResult } from '../../../shared/api/contracts/retention';
import { retentionChoices, type RetentionMonths, type Settings } from '../../../shared/domain/settings';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { useResult } from '../components/useResult';
import { formatMeetingDate } from '../format/dates';
import { SavedNotesList } from './SavedNotesList';

const megabytes = (bytes: number): string => (bytes / 1_000_000).toFixed(1);

/**
 * "Delete papers older than N months": saved as a device setting (applied at start-up), with a
 * preview of what would go before the member confirms deleting now. Meetings and their record stay.
 */
export function RetentionSettings({ onApplied }: { onApplied: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [loaded] = useResult(() => api.getSettings({}), 'settings');
  const [changed, setChanged] = useState<Settings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [preview, setPreview] = useState<RetentionPreview | null>(null);
  const [result, setResult] = useState<RetentionResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [savedVersion, setSavedVersion] = useState(0);
  const settings = changed ?? (loaded.state === 'ready' ? loaded.value : null);

  const save = async (change: Partial<Settings>) => {
    const saved = await api.updateSettings(change);
    if (!saved.ok) {
      setError(saved.error);
      return;
    }
    setError(null);
    setChanged(saved.value);
    setPreview(null);
  };
  const check = async () => {
    if (!settings || settings.retentionMonths === 0) return;
    setResult(null);
    const answer = await api.previewRetention({ months: settings.retentionMonths });
    if (!answer.ok) return setError(answer.error);
    setError(null);
    setPreview(answer.value);
  };
  const apply = async () => {
    if (!settings || settings.retentionMonths === 0) return;
    setBusy(true);
    const answer = await api.applyRetention({ months: settings.retentionMonths, exportNotes: settings.retentionExportNotes });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setError(null);
    setPreview(null);
    setResult(answer.value);
    setSavedVersion((v) => v + 1);
    onApplied();
  };

  if (loaded.state === 'failed') return <ErrorMessage error={loaded.error} />;
  if (!settings) return null;
  return (
    <section aria-labelledby="retention-heading" className="settings-section">
      <h2 id="retention-heading">{t('retention.heading')}</h2>
      <p>{t('retention.explanation')}</p>
      {error && <ErrorMessage error={error} />}
      <div className="field">
        <label htmlFor="retention-months">{t('retention.label')}</label>
        <select
          id="retention-months"
          value={settings.retentionMonths}
          onChange={(e) => void save({ retentionMonths: Number(e.target.value) as RetentionMonths })}
        >
          {retentionChoices.map((m) => (
            <option key={m} value={m}>
              {m === 0 ? t('retention.off') : t('retention.months', { count: m })}
            </option>
          ))}
        </select>
      </div>
      <label className="choice">
        <input type="checkbox" checked={settings.retentionExportNotes} onChange={(e) => void save({ retentionExportNotes: e.target.checked })} />
        {t('retention.exportNotes')}
      </label>
      {settings.retentionMonths > 0 && (
        <>
          <p className="hint">{t('retention.onStart')}</p>
          <button type="button" onClick={() => void check()}>
            {t('retention.check')}
          </button>
        </>
      )}
      {(preview ?? result) && (
        <div role="status">
          {preview &&
            (preview.meetings === 0 ? (
              <p>{t('retention.nothing', { date: formatMeetingDate(preview.cutoff, t) })}</p>
            ) : (
              <p>
                {t('retention.preview', {
                  date: formatMeetingDate(preview.cutoff, t),
                  meetings: t('retention.meetingCount', { count: preview.meetings }),
                  packs: t('retention.packCount', { count: preview.packs }),
                  size: megabytes(preview.bytes),
                })}{' '}
                {preview.notes > 0 && (settings.retentionExportNotes ? t('retention.notesSaved', { count: preview.notes }) : t('retention.notesLost', { count: preview.notes }))}
              </p>
            ))}
          {result && (
            <>
              <p>{t('retention.done', { meetings: t('retention.meetingCount', { count: result.meetings }), size: megabytes(result.bytes) })}</p>
              {result.notesFolder && <p>{t('retention.notesKept', { count: result.notesFiles })}</p>}
            </>
          )}
        </div>
      )}
      {preview && preview.meetings > 0 && (
        <button type="button" className="danger" disabled={busy} onClick={() => void apply()}>
          {t('retention.apply', { meetings: t('retention.meetingCount', { count: preview.meetings }) })}
        </button>
      )}
      <SavedNotesList version={savedVersion} />
    </section>
  );
}
