import { useTranslation } from 'react-i18next';
import type { LiveAgendaItem } from '../../../shared/meeting/schema';

export type StartMode = 'start' | 'resume' | 'correct';

interface Props {
  item: LiveAgendaItem;
  direction: 'next' | 'previous';
  onStart: (item: LiveAgendaItem, mode: StartMode) => void;
}

/**
 * Moving to the item either side. An item not yet taken simply starts; one that already has times
 * offers resume or correct, because starting it again must never overwrite its record silently.
 */
export function ItemMove({ item, direction, onStart }: Props) {
  const { t } = useTranslation();
  const label = t('runMeeting.agenda.itemLabel', { number: item.number, title: item.title });
  return (
    <div className={`item-move item-move-${direction}`}>
      <p className="item-move-label">
        <span className="item-move-direction">{t(`runMeeting.cockpit.${direction}`)}</span> {label}
      </p>
      {item.startedAt === null ? (
        <button type="button" className="large" aria-keyshortcuts={direction === 'next' ? 'N' : 'P'} aria-label={t('runMeeting.cockpit.moveLabel', { direction: t(`runMeeting.cockpit.${direction}`), action: t('runMeeting.cockpit.actions.start'), label })} onClick={() => onStart(item, 'start')}>
          {t('runMeeting.agenda.start')}
        </button>
      ) : (
        <div className="actions-row">
          <button type="button" aria-keyshortcuts={direction === 'next' ? 'N' : 'P'} aria-label={t('runMeeting.cockpit.moveLabel', { direction: t(`runMeeting.cockpit.${direction}`), action: t('runMeeting.cockpit.actions.resume'), label })} onClick={() => onStart(item, 'resume')}>
            {t('runMeeting.agenda.resume')}
          </button>
          <button type="button" aria-label={t('runMeeting.cockpit.moveLabel', { direction: t(`runMeeting.cockpit.${direction}`), action: t('runMeeting.cockpit.actions.correct'), label })} onClick={() => onStart(item, 'correct')}>
            {t('runMeeting.agenda.correct')}
          </button>
        </div>
      )}
    </div>
  );
}
