import { useTranslation } from 'react-i18next';
import type { MeetingRole, StoredDeclaration } from '../../../shared/domain/interests';

/**
 * The interests declared on the item in front of the chair, standing ones only: who must leave the
 * room, or stay without voting, before the item is discussed.
 */
export function ItemDeclarations({ itemNumber, declarations, roles }: { itemNumber: string; declarations: readonly StoredDeclaration[]; roles: readonly MeetingRole[] }) {
  const { t } = useTranslation();
  const standing = declarations.filter((d) => d.itemNumber === itemNumber && d.withdrawnAt === null);
  const nameOf = (memberId: string) => roles.find((r) => r.memberId === memberId)?.memberName ?? memberId;
  if (standing.length === 0) return <p className="cockpit-declarations">{t('runMeeting.cockpit.noDeclarations')}</p>;
  return (
    <div className="cockpit-declarations">
      <p className="cockpit-declarations-heading">{t('runMeeting.cockpit.declarations')}</p>
      <ul>
        {standing.map((d) => (
          <li key={d.id}>
            {t('runMeeting.cockpit.declaration', { name: nameOf(d.memberId), kind: t(`runMeeting.declarations.kinds.${d.kind}`), action: t(`runMeeting.declarations.actions.${d.action}`) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
