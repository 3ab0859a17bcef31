import { useCallback, useEffect, useState } from 'react';
import { useMarkViewed } from '../home/useMarkViewed';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { usePageTitle } from '../components/usePageTitle';
import { useResult } from '../components/useResult';
import { formatMeetingDate, formatTime } from '../format/dates';
import { PackImport } from '../import/PackImport';
import type { ImportedState } from '../import/useImportPack';
import { MeetingUpdates } from '../moderngov/MeetingUpdates';
import { PapersOnDemand } from '../papers/PapersOnDemand';
import { currentItemShortcut, findCurrentItem, useCurrentItemKey } from '../live/currentItem';
import { MyDeclarations } from '../meeting/MyDeclarations';
import { AgendaPack, agendaItemId } from '../pack/AgendaPack';
import { PapersRemovedNotice } from '../pack/PapersRemoved';

/** How often the meeting page asks which item is being taken (the chair's device moves it on). */
const livePollMs = 15_000;

export function MeetingPage() {
  const { t } = useTranslation();
  const api = useApi();
  const location = useLocation();
  const { id = '' } = useParams();
  // An import that lands on this same meeting navigates here again: the location key reloads.
  const [meeting, reload] = useResult(() => api.getMeeting({ id }), `meeting:${id}:${location.key}`);
  const [pack, reloadPack] = useResult(() => api.getMeetingPack({ meetingId: id }), `pack:${id}:${location.key}`);
  const imported = (location.state as Partial<ImportedState> | null)?.imported;
  useMarkViewed(id);
  usePageTitle(meeting.state === 'ready' ? meeting.value.title : t('app.loading'));

  // The item being taken now in a live meeting: shown as a "Now" link, and C (as in the reader) moves there.
  const [nowItem, setNowItem] = useState<string | null>(null);
  const [currentNote, setCurrentNote] = useState('');
  useEffect(() => {
    let live = true;
    const ask = () =>
      void api.getLiveAgenda({ meetingId: id }).then((r) => {
        if (live) setNowItem(r.ok ? r.value.currentItem : null);
      });
    ask();
    const timer = window.setInterval(ask, livePollMs);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [api, id]);
  const items = pack.state === 'ready' && pack.value ? pack.value.items : null;
  const goToCurrentItem = useCallback(async () => {
    const now = await findCurrentItem(api, id, items ?? []);
    setNowItem(now.kind === 'none' ? null : now.kind === 'item' ? now.item.number : now.number);
    if (now.kind === 'item') {
      const target = document.getElementById(agendaItemId(now.item.number));
      target?.scrollIntoView({ block: 'center' });
      target?.focus({ preventScroll: true });
      setCurrentNote(t('reader.currentItem.jumped', { number: now.item.number, title: now.item.title }));
    } else {
      setCurrentNote(now.kind === 'none' ? t('reader.currentItem.none') : t('meeting.now.notInPack', { number: now.number }));
    }
  }, [api, id, items, t]);
  useCurrentItemKey(useCallback(() => void goToCurrentItem(), [goToCurrentItem]));

  return (
    <section aria-labelledby="meeting-heading" data-state={meeting.state}>
      <p>
        <Link to="/">{t('meeting.back')}</Link>
      </p>
      {meeting.state === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}
      {meeting.state === 'failed' && (
        <>
          <h1 id="meeting-heading">{t('errors.title')}</h1>
          <ErrorMessage error={meeting.error} onRetry={reload} />
        </>
      )}
      {meeting.state === 'ready' && (
        <>
          <h1 id="meeting-heading">{meeting.value.title}</h1>
          <div role="status" className="status-line">
            {imported
              ? imported.alreadyImported
                ? t('pack.imported.already', { version: imported.version })
                : t('pack.imported.done', { version: imported.version })
              : ''}
          </div>
          <p className="meeting-when">
            {t('meeting.when', {
              date: formatMeetingDate(meeting.value.date, t),
              time: formatTime(meeting.value.startTime),
            })}
          </p>
          <dl className="meeting-facts">
            <dt>{t('meeting.committee')}</dt>
            <dd>{meeting.value.committee}</dd>
            <dt>{t('meeting.venue')}</dt>
            <dd>{meeting.value.venue}</dd>
            <dt>{t('meeting.status')}</dt>
            <dd>{t(`meetings.status.${meeting.value.status}`)}</dd>
          </dl>
          <p>
            <Link to={`/meetings/${id}/minutes`}>{t('minutes.screen.open')}</Link>
          </p>
          <div className="now-item">
            {nowItem !== null && (
              <button type="button" className="link" aria-keyshortcuts={currentItemShortcut.key.toUpperCase()} onClick={() => void goToCurrentItem()}>
                {t('meeting.now.link', { number: nowItem })}
              </button>
            )}
            <p className="current-item-note" aria-live="polite">
              {currentNote}
            </p>
          </div>
          {pack.state === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}
          {pack.state === 'failed' && <ErrorMessage error={pack.error} onRetry={reloadPack} />}
          {pack.state === 'ready' && pack.value && (
            <p>
              <Link to={`/meetings/${id}/run`}>{t('runMeeting.open')}</Link>
              {' · '}
              <Link to={`/meetings/${id}/members`}>{t('members.open')}</Link>
            </p>
          )}
          {pack.state === 'ready' &&
            (pack.value ? (
              <>
                <PapersRemovedNotice meetingId={id} />
                <AgendaPack pack={pack.value} nowItem={nowItem} />
              </>
            ) : (
              <p className="empty">{t('pack.none')}</p>
            ))}
          <PapersOnDemand meetingId={id} onArrived={reloadPack} />
          <MyDeclarations meetingId={id} />
          <MeetingUpdates meetingId={id} />
          {pack.state === 'ready' && <PackImport meetingId={id} heading={pack.value ? t('packImport.headingNewVersion') : t('packImport.heading')} />}
        </>
      )}
    </section>
  );
}
