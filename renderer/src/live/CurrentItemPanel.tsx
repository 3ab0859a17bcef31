import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingRole, StoredDeclaration } from '../../../shared/domain/interests';
import type { LiveAgendaItem } from '../../../shared/meeting/schema';
import { Clocks } from './Clocks';
import { ItemDeclarations } from './ItemDeclarations';
import { ItemMove, type StartMode } from './ItemMove';
import { focusOf } from './meetingClock';

interface Props {
  items: readonly LiveAgendaItem[];
  declarations: readonly StoredDeclaration[];
  roles: readonly MeetingRole[];
  onStart: (item: LiveAgendaItem, mode: StartMode) => void;
  onEnd: (item: LiveAgendaItem) => void;
}

/**
 * The head of the cockpit: the item being taken, large, with its clocks, Part II state and the
 * interests declared on it, and the items either side to move to. The heading takes focus for the "current item" shortcut.
 */
export const CurrentItemPanel = forwardRef<HTMLHeadingElement, Props>(function CurrentItemPanel({ items, declarations, roles, onStart, onEnd }, headingRef) {
  const { t } = useTranslation();
  const { focus, previous, next } = focusOf(items);
  const state = focus === undefined ? 'none' : focus.current ? 'running' : focus.startedAt === null ? 'waiting' : 'ended';
  const label = focus === undefined ? '' : t('runMeeting.agenda.itemLabel', { number: focus.number, title: focus.title });
  return (
    <section className={`cockpit-current cockpit-${state}`} aria-labelledby="cockpit-heading">
      <p className="cockpit-state">{t(`runMeeting.cockpit.states.${state}`)}</p>
      <h2 id="cockpit-heading" className="cockpit-item" tabIndex={-1} ref={headingRef}>
        {focus === undefined ? t('runMeeting.cockpit.noAgenda') : label}
      </h2>
      {focus?.partTwo && <p className="badge part-two">{t('runMeeting.cockpit.partTwo')}</p>}
      {focus && <Clocks item={focus} items={items} />}
      {focus && <ItemDeclarations itemNumber={focus.number} declarations={declarations} roles={roles} />}
      {focus && (
        <div className="actions-row cockpit-actions">
          {focus.current && (
            <button type="button" className="large primary" aria-label={t('runMeeting.cockpit.moveLabel', { direction: t('runMeeting.cockpit.now'), action: t('runMeeting.cockpit.actions.end'), label })} onClick={() => onEnd(focus)} aria-keyshortcuts="E">
              {t('runMeeting.agenda.end')}
            </button>
          )}
          {!focus.current && focus.startedAt === null && (
            <button type="button" className="large primary" aria-label={t('runMeeting.cockpit.moveLabel', { direction: t('runMeeting.cockpit.now'), action: t('runMeeting.cockpit.actions.start'), label })} onClick={() => onStart(focus, 'start')}>
              {t('runMeeting.agenda.start')}
            </button>
          )}
        </div>
      )}
      <div className="cockpit-moves">
        {previous && <ItemMove item={previous} direction="previous" onStart={onStart} />}
        {next && <ItemMove item={next} direction="next" onStart={onStart} />}
      </div>
    </section>
  );
});
