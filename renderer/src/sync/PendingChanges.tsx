import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { SyncStatus } from '../../../shared/api/contracts/sync';

/** The header's "N changes to send" leads here. */
export const changesToSendPath = '/sign-in?show=changes';

/** What is still to be sent to the council, by kind of record; focused when the header's link led here. */
export function PendingChanges({ waiting }: { waiting: SyncStatus['pendingByEntity'] }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const heading = useRef<HTMLHeadingElement>(null);
  const asked = params.get('show') === 'changes';
  useEffect(() => {
    if (asked) heading.current?.focus();
  }, [asked]);
  return (
    <section aria-labelledby="changes-to-send" className="pending-changes">
      <h2 id="changes-to-send" ref={heading} tabIndex={-1}>
        {t('syncStatus.changesHeading')}
      </h2>
      {waiting.length === 0 ? (
        <p>{t('syncStatus.nothingToSend')}</p>
      ) : (
        <>
          <p>{t('syncStatus.changesIntro')}</p>
          <ul>
            {waiting.map((w) => (
              <li key={w.entity}>{t('syncStatus.kindCount', { kind: t(`syncStatus.entities.${w.entity}`, { defaultValue: t('syncStatus.entities.other') }), count: w.count })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
