import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../shared/api/contracts/sync';
import { useApi } from '../api/ApiContext';

function fieldValue(record: unknown, field: string): string {
  if (record === null || typeof record !== 'object') return '—';
  const value = (record as Record<string, unknown>)[field];
  return value === undefined || value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** Changes that could not merge: both versions side by side, and the person picks. */
export function ConflictsList({ onResolved }: { onResolved: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [conflicts, setConflicts] = useState<SyncConflict[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void api.listSyncConflicts({}).then((result) => {
      if (live && result.ok) setConflicts(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, version]);

  const resolve = async (id: string, keep: 'mine' | 'theirs') => {
    await api.resolveSyncConflict({ id, keep });
    setVersion((n) => n + 1);
    onResolved();
  };

  if (conflicts.length === 0) return null;
  return (
    <section aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">{t('sync.conflicts.title')}</h2>
      <p>{t('sync.conflicts.intro')}</p>
      {conflicts.map((c) => (
        <article key={c.id} className="sync-conflict" aria-label={t('sync.conflicts.record', { entity: c.entity })}>
          <table>
            <caption>{t('sync.conflicts.record', { entity: c.entity })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sync.conflicts.field')}</th>
                <th scope="col">{t('sync.conflicts.mine')}</th>
                <th scope="col">{t('sync.conflicts.theirs')}</th>
              </tr>
            </thead>
            <tbody>
              {c.fields.map((field) => (
                <tr key={field}>
                  <th scope="row">{field}</th>
                  <td>{fieldValue(c.local, field)}</td>
                  <td>{fieldValue(c.server, field)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="form-actions">
            <button type="button" onClick={() => void resolve(c.id, 'mine')}>
              {t('sync.conflicts.keepMine')}
            </button>
            <button type="button" onClick={() => void resolve(c.id, 'theirs')}>
              {t('sync.conflicts.keepTheirs')}
            </button>
          </div>
        </article>
      ))}
    </section>
  );
}
