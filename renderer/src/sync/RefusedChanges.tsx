import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rejectionReasons } from '../../../shared/sync/wire';
import { useApi } from '../api/ApiContext';
import { formatInstant } from '../format/dates';
import { entityLabel } from './entityLabel';
import { useListed } from './useListed';

const reasonKey = (reason: string): string => ((rejectionReasons as readonly string[]).includes(reason) ? reason : 'other');

/** What the member entered, field by field: enough to enter a rolled-back change again. */
function Entered({ refused }: { refused: unknown }) {
  const { t } = useTranslation();
  if (refused === null || typeof refused !== 'object' || Array.isArray(refused)) return null;
  const fields = Object.entries(refused as Record<string, unknown>).filter(([name, value]) => !/(^id$|Id$|Yjs$)/.test(name) && value !== null && typeof value !== 'object');
  if (fields.length === 0) return null;
  return (
    <details>
      <summary>{t('sync.rejected.entered')}</summary>
      <dl>
        {fields.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{String(value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/**
 * This device's changes the endpoint refused (issue 17.4), with the endpoint's reason and what
 * the device did: rolled back to the council's version or kept here only. Never just a count.
 */
export function RefusedChanges({ count, onChanged }: { count: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [version, setVersion] = useState(0);
  const items = useListed(
    useCallback(() => api.listSyncRejections({}), [api]),
    `${count}/${version}`,
  );

  const dismiss = async (mutationId: string) => {
    await api.dismissSyncRejection({ mutationId });
    setVersion((n) => n + 1);
    onChanged();
  };

  if (items.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-heading`} className="sync-rejected">
      <h2 id={`${id}-heading`}>{t('sync.rejected.title')}</h2>
      <p>{t('sync.rejected.intro')}</p>
      <ul>
        {items.map((item) => (
          <li key={item.mutationId}>
            <p>
              <strong>
                {t('sync.rejected.item', { entity: entityLabel(t, item.entity), operation: t(`sync.rejected.operation.${item.operation}`), when: formatInstant(item.rejectedAt, t) })}
              </strong>{' '}
              {t(`sync.rejected.reason.${reasonKey(item.reason)}`)} {t(`sync.rejected.handling.${item.handling}`)}
            </p>
            <p>
              {t('sync.rejected.serverSaid')} <q lang="en">{item.message}</q>
            </p>
            <Entered refused={item.refused} />
            <button type="button" onClick={() => void dismiss(item.mutationId)}>
              {t('sync.rejected.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
