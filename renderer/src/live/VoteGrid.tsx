import { useTranslation } from 'react-i18next';
import { useMemberName } from '../i18n/useMemberName';
import type { ItemEntitlement } from '../../../shared/meeting/entitlementSchema';

export type Side = '' | 'for' | 'against' | 'abstain';
const sides = ['for', 'against', 'abstain'] as const;

interface Props {
  entitlement: ItemEntitlement;
  value: Record<string, Side>;
  onChange: (value: Record<string, Side>) => void;
}

/**
 * A recorded vote: one row per member with a voting role, For / Against / Abstain as large radio
 * targets, totals as they are chosen. A member who may not vote on this item (withdrew for an
 * interest, absent, left) has no buttons, only the reason, so they cannot be recorded.
 */
export function VoteGrid({ entitlement, value, onChange }: Props) {
  const { t } = useTranslation();
  const displayName = useMemberName();
  const voters = entitlement.members.filter((m) => m.mayVote);
  const total = (side: (typeof sides)[number]) => voters.filter((m) => value[m.memberId] === side).length;
  return (
    <div className="vote-grid">
      <table>
        <caption>{t('runMeeting.vote.caption', { item: entitlement.itemNumber })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('runMeeting.attendance.member')}</th>
            {sides.map((side) => (
              <th scope="col" key={side}>
                {t(`runMeeting.outcome.sides.${side}`)}
              </th>
            ))}
            <th scope="col">{t('runMeeting.outcome.didNotVote')}</th>
          </tr>
        </thead>
        <tbody>
          {entitlement.members.map((m) => (
            <tr key={m.memberId} role={m.mayVote ? 'radiogroup' : undefined} aria-label={m.mayVote ? displayName(m.memberName) : undefined}>
              <th scope="row">{displayName(m.memberName)}</th>
              {m.mayVote ? (
                [...sides, ''].map((side) => (
                  <td key={side || 'none'} className="vote-choice">
                    <label>
                      <input type="radio" name={`vote-${m.memberId}`} checked={(value[m.memberId] ?? '') === side} onChange={() => onChange({ ...value, [m.memberId]: side as Side })} />
                      <span className="visually-hidden">{side === '' ? t('runMeeting.outcome.didNotVote') : t(`runMeeting.outcome.sides.${side}`)}</span>
                    </label>
                  </td>
                ))
              ) : (
                <td colSpan={4} className="vote-not-entitled">
                  {t(`runMeeting.vote.reasons.${m.reason ?? 'not-present'}`)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('runMeeting.vote.totals')}</th>
            {sides.map((side) => (
              <td key={side} aria-live="polite">
                {total(side)}
              </td>
            ))}
            <td>{voters.length - sides.reduce((n, side) => n + total(side), 0)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
