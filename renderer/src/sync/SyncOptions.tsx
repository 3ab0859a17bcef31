import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/api/contracts/sync';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';

/** Choices rather than a free number: a member picks a horizon, not a figure to validate. */
export const packWeekChoices = [1, 2, 4, 8, 12] as const;

/**
 * How far ahead packs download. The offline limit is the council's rule, shown so a member knows
 * when restricted papers will ask for a sign-in, but not changed here.
 */
export function SyncOptions({ status, onSaved }: { status: SyncStatus; onSaved: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [weeks, setWeeks] = useState(status.packWeeks);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const choices: readonly number[] = packWeekChoices.includes(status.packWeeks as (typeof packWeekChoices)[number]) ? packWeekChoices : [...packWeekChoices, status.packWeeks].sort((a, b) => a - b);

  const save = async (value: number) => {
    setWeeks(value);
    setSaved(false);
    const result = await api.configureSync({ packWeeks: value });
    setFailure(result.ok ? null : result.error);
    if (result.ok) {
      setSaved(true);
      onSaved();
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="sync-options">
      <h2 id={`${id}-heading`}>{t('sync.options.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-weeks`}>{t('sync.options.packWeeks')}</label>
        <p id={`${id}-weeks-hint`} className="hint">
          {t('sync.options.packWeeksHint')}
        </p>
        <select id={`${id}-weeks`} value={weeks} aria-describedby={`${id}-weeks-hint`} onChange={(e) => void save(Number(e.target.value))}>
          {choices.map((n) => (
            <option key={n} value={n}>
              {t('sync.options.weeks', { count: n })}
            </option>
          ))}
        </select>
      </div>
      <p>{t('sync.options.offlineLimit', { count: status.offlineExpiryDays })}</p>
      <p role="status">{saved ? t('sync.options.saved') : ''}</p>
      {failure && <ErrorMessage error={failure} />}
    </section>
  );
}
