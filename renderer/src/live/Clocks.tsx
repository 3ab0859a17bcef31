import { useTranslation } from 'react-i18next';
import type { LiveAgendaItem } from '../../../shared/meeting/schema';
import { londonWallClock } from '../format/dates';
import { clockFace, isoDuration, itemOverrunSeconds, itemSeconds, meetingSpan } from './meetingClock';
import { useNow } from './useNow';

const wallClock = (iso: string) => londonWallClock(new Date(iso)).time;

function Duration({ seconds }: { seconds: number }) {
  return <time dateTime={isoDuration(seconds)}>{clockFace(seconds)}</time>;
}

/**
 * The item's and the meeting's clocks, each against what the agenda planned; wall-clock times are
 * Europe/London whatever the device's zone. No live region: a clock read out every second would
 * drown the screen reader; the overrun is said once, as text, when it happens.
 */
export function Clocks({ item, items }: { item: LiveAgendaItem | undefined; items: readonly LiveAgendaItem[] }) {
  const { t } = useTranslation();
  const now = useNow();
  const ran = item === undefined ? null : itemSeconds(item, now);
  const over = item === undefined ? 0 : itemOverrunSeconds(item, now);
  const meeting = meetingSpan(items, now);
  return (
    <dl className="cockpit-clocks">
      <div className={over > 0 ? 'clock is-over' : 'clock'}>
        <dt>{t('runMeeting.cockpit.itemTime')}</dt>
        <dd>
          <span className="clock-face">{ran === null ? t('runMeeting.cockpit.notStarted') : <Duration seconds={ran} />}</span>
          {item?.indicativeMinutes != null && <span className="clock-plan"> {t('runMeeting.cockpit.ofPlanned', { count: item.indicativeMinutes })}</span>}
          {item?.startedAt && <span className="clock-since"> {t('runMeeting.cockpit.since', { time: wallClock(item.startedAt) })}</span>}
          {over > 0 && (
            <strong className="clock-overrun">
              {' '}
              {t('runMeeting.cockpit.overBy')} <Duration seconds={over} />
            </strong>
          )}
        </dd>
      </div>
      <div className={meeting.overrunSeconds > 0 ? 'clock is-over' : 'clock'}>
        <dt>{t('runMeeting.cockpit.meetingTime')}</dt>
        <dd>
          <span className="clock-face">{meeting.seconds === null ? t('runMeeting.cockpit.notStarted') : <Duration seconds={meeting.seconds} />}</span>
          {meeting.plannedMinutes !== null && <span className="clock-plan"> {t('runMeeting.cockpit.ofPlanned', { count: meeting.plannedMinutes })}</span>}
          {meeting.startedAt && <span className="clock-since"> {t('runMeeting.cockpit.since', { time: wallClock(meeting.startedAt) })}</span>}
          {meeting.overrunSeconds > 0 && (
            <strong className="clock-overrun">
              {' '}
              {t('runMeeting.cockpit.overBy')} <Duration seconds={meeting.overrunSeconds} />
            </strong>
          )}
        </dd>
      </div>
      <div className="clock">
        <dt>{t('runMeeting.cockpit.timeNow')}</dt>
        <dd>
          <span className="clock-face">{londonWallClock(new Date(now)).time}</span>
        </dd>
      </div>
    </dl>
  );
}
