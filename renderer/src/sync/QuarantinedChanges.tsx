import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext';
import { formatInstant } from '../format/dates';
import { entityLabel } from './entityLabel';
import { useListed } from './useListed';

/**
 * Changes from the council's server this device set aside so the rest of the sync could finish
 * (issue 17.4). The member is told plainly; the technical detail is for the council's IT, in the
 * language the app wrote it in.
 */
export function QuarantinedChanges({ count }: { count: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const items = useListed(
    useCallback(() => api.listSyncQuarantine({}), [api]),
    count,
  );

  if (items.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-heading`} className="sync-quarantine">
      <h2 id={`${id}-heading`}>{t('sync.quarantine.title')}</h2>
      <p>{t('sync.quarantine.intro')}</p>
      <ul>
        {items.map((item) => (
          <li key={`${item.entity}/${item.entityId}`}>
            <p>
              <strong>{t('sync.quarantine.item', { entity: entityLabel(t, item.entity), when: formatInstant(item.receivedAt, t) })}</strong>{' '}
              {t(`sync.quarantine.why.${item.reasonCode}`)}
            </p>
            <details>
              <summary>{t('sync.quarantine.details')}</summary>
              <p lang="en">
                <code>{[item.entity, item.entityId, item.version, item.reason, item.appVersion].join(' · ')}</code>
              </p>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
