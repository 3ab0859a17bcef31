import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { useResult } from '../components/useResult';
import { useActingMember } from './shared';

/**
 * The member's own declarations for this meeting, on the meeting page, so they can check before
 * the meeting what they have declared (and whether the chair has confirmed it) and declare more.
 * "Me" is who the core says is acting: the signed-in member, or the member chosen for this device.
 */
export function MyDeclarations({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [memberId, , identity] = useActingMember();
  const [declarations, reload] = useResult(() => api.listDeclarations({ meetingId }), `declarations:${meetingId}`);
  const declareLink = `/meetings/${meetingId}/run?declare=1`;

  return (
    <section aria-labelledby="my-declarations-heading" className="my-declarations">
      <h2 id="my-declarations-heading">{t('myDeclarations.heading')}</h2>
      {memberId === '' || identity?.source === 'device' ? (
        <p className="empty">{t('myDeclarations.whoAreYou')}</p>
      ) : declarations.state === 'loading' ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : declarations.state === 'failed' ? (
        <ErrorMessage error={declarations.error} onRetry={reload} />
      ) : (
        (() => {
          const mine = declarations.value.filter((d) => d.memberId === memberId);
          return mine.length === 0 ? (
            <p className="empty">{t('myDeclarations.none')}</p>
          ) : (
            <ul>
              {mine.map((d) => (
                <li key={d.id} className={d.withdrawnAt ? 'withdrawn' : undefined}>
                  {t('myDeclarations.entry', {
                    item: d.itemNumber,
                    kind: t(`runMeeting.declarations.kinds.${d.kind}`),
                    nature: d.natureWithheld ? t('runMeeting.declarations.withheld') : (d.nature ?? ''),
                    action: t(`runMeeting.declarations.actions.${d.action}`),
                  })}{' '}
                  <span className="muted">
                    {d.withdrawnAt ? t('myDeclarations.withdrawn') : d.preDeclared && !d.confirmedByChair ? t('myDeclarations.awaitingChair') : t('myDeclarations.recorded')}
                  </span>
                </li>
              ))}
            </ul>
          );
        })()
      )}
      <p>
        <Link to={declareLink}>{t('myDeclarations.declare')}</Link>
      </p>
    </section>
  );
}
